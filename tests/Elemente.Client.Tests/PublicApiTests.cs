using System.Reflection;
using System.Runtime.Loader;
using PublicApiGenerator;

namespace Elemente.Tests;

/// <summary>
/// Locks the public surface of each target framework's build. A change here is an API change: review the diff.
/// </summary>
public class PublicApiTests
{
    [Theory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void PublicApi_IsUnchanged(string targetFramework) =>
        Snapshot.Verify(PublicApi("Elemente.Client", targetFramework), "txt", parameter: targetFramework);

    [Fact]
    public void PublicApi_OfTheEmulator_IsUnchanged() =>
        Snapshot.Verify(PublicApi("Elemente.Client.Testing", "net8.0"), "txt");

    [Fact]
    public void PublicApi_OfDependencyInjection_IsUnchanged() =>
        Snapshot.Verify(PublicApi("Elemente.Client.DependencyInjection", "net8.0"), "txt");

    [Theory]
    [InlineData("net8.0")]
    [InlineData("netstandard2.0")]
    public void PublicApi_OfCampaigns_IsUnchanged(string targetFramework) =>
        Snapshot.Verify(PublicApi("Elemente.Client.Campaigns", targetFramework), "txt", parameter: targetFramework);

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
