using System.Text.RegularExpressions;

namespace Elemente.Tests;

/// <summary>
/// The repository's Markdown: the package README (for users, PackageReadmeFile), docs/ (one page per subject), and the
/// root README, CONTRIBUTING.md and SECURITY.md (the map and the maintainers' pages). Code in them is compiled here.
/// </summary>
public class ReadmeTests
{
    /// <summary>The package's README, for its users (PackageReadmeFile); README.md at the root is the repository's map.</summary>
    private static readonly string[] PackageReadme = { "src", "Elemente.Client", "README.md" };

    /// <summary>The emulator's package README, its user documentation (packed by Elemente.Client.Testing instead of the client's).</summary>
    private static readonly string[] TestingReadme = { "src", "Elemente.Client.Testing", "README.md" };

    [Theory]
    [InlineData("using-the-client.md", "readme-usage")]
    [InlineData("using-the-client.md", "readme-waiting")]
    [InlineData("testing-with-the-emulator.md", "readme-mocking")]
    public void Snippet_InDocs_IsTheCompiledRegion(string page, string name) => AssertSnippet(new[] { "docs", page }, name);

    [Fact]
    public void Snippets_EveryMarkedBlockInTheMarkdown_IsACompiledRegion()
    {
        // A snippet's region lives in the test project of the package it documents (the client's, the campaigns').
        var sources = Directory.GetFiles(Repository.File("tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .ToList();
        var checkedNames = new List<string>();

        foreach (var page in MarkdownPages())
        {
            var markdown = System.IO.File.ReadAllText(page).Replace("\r\n", "\n");
            foreach (Match marker in Regex.Matches(markdown, @"^<!-- snippet: (?<name>[\w-]+) -->$", RegexOptions.Multiline))
            {
                var name = marker.Groups["name"].Value;
                var source = sources.SingleOrDefault(f => System.IO.File.ReadAllText(f).Contains("#region " + name + "\n") || System.IO.File.ReadAllText(f).Contains("#region " + name + "\r\n"));
                Assert.True(source is not null, $"{Relative(page)}: snippet {name} has no #region {name} in a test project under tests/");
                AssertSnippet(Relative(page).Split('/'), name, Relative(source!).Split('/'));
                checkedNames.Add(name);
            }
        }

        // Every compiled block is shown somewhere: the package READMEs' and the docs' snippets.
        Assert.Equal(new[] { "calling-hours", "campaign-run", "package-usage", "readme-emulator", "readme-emulator-fixture", "readme-mocking", "readme-usage", "readme-waiting", "worker-host", "worker-service" }, checkedNames.Distinct().OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void RootReadme_Length_IsAMapNotAGuide()
    {
        var lines = Repository.Read("README.md").Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Length;

        Assert.True(lines < 150, $"README.md has {lines} lines; user documentation belongs in the package README and docs/");
    }

    [Fact]
    public void Markdown_RelativeAndRepositoryLinks_PointToFilesThatExist()
    {
        const string repositoryBlob = "https://github.com/elemente-ai/Elemente.Generated/blob/main/";
        var broken = new List<string>();

        foreach (var page in MarkdownPages())
        {
            var markdown = System.IO.File.ReadAllText(page);
            foreach (Match link in Regex.Matches(markdown, @"\]\((?<target>[^)\s]+)\)"))
            {
                var target = link.Groups["target"].Value.Split('#')[0];
                string? path = target.StartsWith(repositoryBlob, StringComparison.Ordinal)
                    ? Repository.File(target.Substring(repositoryBlob.Length).Split('/'))
                    : target.Length == 0 || target.Contains("://") || target.StartsWith("mailto:", StringComparison.Ordinal)
                        ? null
                        : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, target));
                if (path is not null && !System.IO.File.Exists(path) && !Directory.Exists(path))
                {
                    broken.Add($"{Relative(page)}: {link.Groups["target"].Value}");
                }
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void Repository_DocsAndComments_DescribeNoDevelopmentMachine()
    {
        // The words are split so that this file does not find itself.
        var words = new[] { "sand" + "box", "this " + "machine", "2-" + "core", "registry available " + "here" };
        var found = new List<string>();

        foreach (var file in ProjectFiles(Repository.Root))
        {
            var relative = Relative(file);
            if (!IsProjectText(relative)
                || relative == "benchmarks/RESULTS.md"                                       // describes the machine its figures come from
                || relative.StartsWith("tests/fixtures/", StringComparison.Ordinal)          // captured upstream pages
                || relative.StartsWith("openapi/pages/", StringComparison.Ordinal))
            {
                continue;
            }

            var text = System.IO.File.ReadAllText(file);
            found.AddRange(words.Where(w => text.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0).Select(w => $"{relative}: {w}"));
        }

        Assert.Empty(found);
    }

    private static IEnumerable<string> MarkdownPages() =>
        new[] { Repository.File("README.md"), Repository.File("CONTRIBUTING.md"), Repository.File("SECURITY.md"), Repository.File("CHANGELOG.md"), Repository.File(PackageReadme) }
            .Concat(Directory.GetFiles(Repository.File("docs"), "*.md"))
            .Concat(Directory.GetFiles(Repository.File("src"), "README.md", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)))
            .Distinct();

    /// <summary>Every file under the folder, without build output, installed packages and git's own files.</summary>
    private static IEnumerable<string> ProjectFiles(string folder) =>
        Directory.EnumerateFiles(folder).Concat(Directory.EnumerateDirectories(folder).Where(d => !IsBuildOutput(d)).SelectMany(ProjectFiles));

    private static string Relative(string path) => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/');

    private static bool IsBuildOutput(string path)
    {
        var parts = Relative(path).Split('/');
        return parts.Any(p => p is "bin" or "obj" or "node_modules" or ".git" or "artifacts" or "TestResults");
    }

    private static bool IsProjectText(string relative) =>
        new[] { ".md", ".cs", ".csproj", ".props", ".targets", ".json", ".yml", ".yaml", ".sh", ".py", ".liquid", ".cjs" }.Any(e => relative.EndsWith(e, StringComparison.Ordinal))
        || relative == ".ci/run";

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

    private static readonly string[] Snippets = { "tests", "Elemente.Client.Tests", "Docs", "ReadmeSnippets.cs" };

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
