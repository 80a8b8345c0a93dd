using System.Text.RegularExpressions;

namespace Elemente.Tests;

public class ReadmeTests
{
    /// <summary>The package's README, for its users (PackageReadmeFile); README.md at the root is the maintainers'.</summary>
    private static readonly string[] PackageReadme = { "src", "Elemente.Client", "README.md" };

    /// <summary>The emulator's package README, its user documentation (packed by Elemente.Client.Testing instead of the client's).</summary>
    private static readonly string[] TestingReadme = { "src", "Elemente.Client.Testing", "README.md" };

    [Theory]
    [InlineData("readme-usage")]
    [InlineData("readme-waiting")]
    [InlineData("readme-mocking")]
    public void Snippet_InReadme_IsTheCompiledRegion(string name) => AssertSnippet(new[] { "README.md" }, name);

    [Fact]
    public void UsageSample_InPackageReadme_IsTheCompiledSnippet() => AssertSnippet(PackageReadme, "package-usage");

    [Fact]
    public void EmulatorSample_InPackageReadme_IsTheCompiledSnippet() => AssertSnippet(PackageReadme, "readme-emulator", EmulatorExample);

    [Theory]
    [InlineData("readme-emulator")]
    [InlineData("readme-emulator-fixture")]
    public void EmulatorSamples_InTheEmulatorsPackageReadme_AreTheCompiledExamples(string name) => AssertSnippet(TestingReadme, name, EmulatorExample);

    [Fact]
    public void EmulatorPackageReadme_NamesItsPackagesAndDocumentsTheControlSurface()
    {
        var readme = Repository.Read(TestingReadme);

        Assert.StartsWith("# Elemente.Client.Testing\n", readme.Replace("\r\n", "\n"), StringComparison.Ordinal);
        Assert.Contains("dotnet add package Elemente.Client.Testing", readme);
        Assert.Contains("dotnet add package Microsoft.Extensions.TimeProvider.Testing", readme);
        foreach (var route in new[] { "GET /__emulator`", "POST /__emulator/reset", "POST /__emulator/scripts", "POST /__emulator/faults", "DELETE /__emulator/faults", "GET /__emulator/interactions", "GET /__emulator/requests", "elemente emulator --port" })
        {
            Assert.Contains(route, readme);
        }

        // CallOutcome's members (the netstandard2.0 suite compiles this file without the emulator's assembly).
        foreach (var outcome in new[] { "Completed", "NoAnswer", "Busy", "Voicemail", "Failed", "Canceled", "Expired", "Closed", "Resolved" })
        {
            Assert.Contains($"`{outcome}`", readme);
        }

        foreach (var word in new[] { "NSwag", "Prism", "overlay", "SpecTool" })
        {
            Assert.DoesNotContain(word, readme, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void PackageReadme_Sections_CoverWhatAUserNeeds()
    {
        var readme = Repository.Read(PackageReadme);

        foreach (var heading in new[] { "## Install", "## Usage", "## Configuration", "## Errors and retries", "## Dependency injection", "## Logging, tracing and metrics", "## Testing your code" })
        {
            Assert.Contains("\n" + heading + "\n", readme.Replace("\r\n", "\n"));
        }

        Assert.Contains("dotnet add package Elemente.Client", readme);
        Assert.Contains("OutcomeUnknown", readme);
    }

    [Fact]
    public void PackageReadme_Content_LeavesMaintainersMaterialToTheRepositoryReadme()
    {
        var readme = Repository.Read(PackageReadme);

        // What only a maintainer needs; a package page shows none of it.
        foreach (var word in new[] { "NSwag", "Prism", "overlay", "dotnet test", "SpecTool", "drift" })
        {
            Assert.DoesNotContain(word, readme, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static readonly string[] Snippets = { "tests", "Elemente.Client.Tests", "ReadmeSnippets.cs" };

    /// <summary>The emulator's example, a test class of its own (the netstandard2.0 suite cannot compile it).</summary>
    private static readonly string[] EmulatorExample = { "tests", "Elemente.Client.Tests", "Emulator", "ReadmeEmulatorExample.cs" };

    private static void AssertSnippet(string[] readmePath, string name, string[]? sourcePath = null)
    {
        var readme = Repository.Read(readmePath).Replace("\r\n", "\n");
        var source = Repository.Read(sourcePath ?? Snippets).Replace("\r\n", "\n");

        var region = Regex.Match(source, $@"#region {name}\n(?<code>.*?)\n\s*#endregion", RegexOptions.Singleline);
        var block = Regex.Match(readme, $@"<!-- snippet: {name} -->\n```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline);

        Assert.True(region.Success, $"{string.Join("/", sourcePath ?? Snippets)} has no #region {name}");
        Assert.True(block.Success, $"{string.Join("/", readmePath)} has no ```csharp block after <!-- snippet: {name} -->");
        Assert.Equal(Dedent(region.Groups["code"].Value), block.Groups["code"].Value);
    }

    [Fact]
    public void QuickStart_NamesTheSampleAndTestCommands()
    {
        var readme = Repository.Read("README.md");
        var ci = Repository.Read(".ci", "run");

        Assert.Contains("dotnet run --project src/Elemente.Client.Sample", readme);
        Assert.Contains("dotnet test Elemente.Generated.sln", readme);
        Assert.Contains("dotnet test Elemente.Generated.sln", ci);
    }

    private static string Dedent(string code)
    {
        var lines = code.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l.Substring(indent) : l.TrimStart()));
    }
}
