using System.Reflection;

namespace Elemente.Tests;

/// <summary>
/// Every assembly the packages ship is strong-named with the repository's key (build/Elemente.snk), so strong-named
/// .NET Framework applications can reference it. Checked on the built files of both target frameworks.
/// </summary>
public class StrongNameTests
{
    private const string PublicKeyToken = "253871cb283e2ca1";

    [Theory]
    [InlineData("Elemente.Client", "net8.0")]
    [InlineData("Elemente.Client", "netstandard2.0")]
    [InlineData("Elemente.Client.DependencyInjection", "net8.0")]
    [InlineData("Elemente.Client.DependencyInjection", "netstandard2.0")]
    [InlineData("Elemente.Client.Testing", "net8.0")]
    [InlineData("Elemente.Client.Campaigns", "net8.0")]
    [InlineData("Elemente.Client.Campaigns", "netstandard2.0")]
    [InlineData("Elemente.Cli", "net10.0")]
    public void ShippedAssembly_Built_HasThePackagesPublicKeyToken(string project, string targetFramework)
    {
        var path = Repository.File("src", project, "bin", Repository.Configuration, targetFramework, project + ".dll");
        Assert.True(File.Exists(path), $"{path} is missing: build the solution first");

        var token = AssemblyName.GetAssemblyName(path).GetPublicKeyToken();

        Assert.Equal(PublicKeyToken, Convert.ToHexString(token ?? Array.Empty<byte>()).ToLowerInvariant());
    }

    [Fact]
    public void ShippedProjects_UnderSrc_AreAllCoveredHere()
    {
        // A new package under src/ must be strong-named too: add it to the theory above.
        var packable = Directory.GetFiles(Repository.File("src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !File.ReadAllText(p).Contains("<IsPackable>false</IsPackable>", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .OrderBy(n => n, StringComparer.Ordinal);

        Assert.Equal(new[] { "Elemente.Cli", "Elemente.Client", "Elemente.Client.Campaigns", "Elemente.Client.DependencyInjection", "Elemente.Client.Testing" }, packable);
    }
}
