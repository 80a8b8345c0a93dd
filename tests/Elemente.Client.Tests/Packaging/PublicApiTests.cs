using System.Reflection;
using System.Runtime.Loader;
using PublicApiGenerator;

namespace Elemente.Tests;

/// <summary>
/// Locks the public surface of each target framework's build, listed in <c>src/&lt;Package&gt;/api/&lt;Package&gt;.&lt;tfm&gt;.cs</c>
/// beside the package's source. A change here is an API change: review the diff.
/// </summary>
public class PublicApiTests
{
    [Theory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void PublicApi_IsUnchanged(string targetFramework) =>
        Verify("Elemente.Client", targetFramework);

    [Fact]
    public void PublicApi_OfTheEmulator_IsUnchanged() =>
        Verify("Elemente.Client.Testing", "net8.0");

    [Fact]
    public void PublicApi_OfDependencyInjection_IsUnchanged() =>
        Verify("Elemente.Client.DependencyInjection", "net8.0");

    [Theory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void PublicApi_OfCampaigns_IsUnchanged(string targetFramework) =>
        Verify("Elemente.Client.Campaigns", targetFramework);

    /// <summary>The listing of <paramref name="project"/>'s <paramref name="targetFramework"/> build.</summary>
    private static string Listing(string project, string targetFramework) =>
        Repository.File("src", project, "api", $"{project}.{targetFramework}.cs");

    private static void Verify(string project, string targetFramework) =>
        Snapshot.VerifyFile(PublicApi(project, targetFramework), Listing(project, targetFramework));

    private static string PublicApi(string project, string targetFramework)
    {
        var path = Repository.File("src", project, "bin", Repository.Configuration, targetFramework, project + ".dll");
        Assert.True(File.Exists(path), $"{path} is missing: build the solution first");
        var context = new AssemblyLoadContext($"public-api-{targetFramework}", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(path);
            var api = assembly.GeneratePublicApi(new ApiGeneratorOptions
            {
                ExcludeAttributes = new[]
                {
                    "System.Runtime.Versioning.TargetFrameworkAttribute",
                    "System.Reflection.AssemblyMetadataAttribute",
                    // Names a compiler-generated type (<WatchAsync>d__1) whose number changes when methods are added.
                    "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute",
                },
            });

            return api;
        }
        finally
        {
            context.Unload();
        }
    }
}
