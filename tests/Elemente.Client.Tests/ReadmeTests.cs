using System.Text.RegularExpressions;

namespace Elemente.Tests;

public class ReadmeTests
{
    [Fact]
    public void UsageSample_InReadme_IsTheCompiledSnippet()
    {
        var readme = Repository.Read("README.md").Replace("\r\n", "\n");
        var source = Repository.Read("tests", "Elemente.Client.Tests", "ReadmeSnippets.cs").Replace("\r\n", "\n");

        var region = Regex.Match(source, @"#region readme-usage\n(?<code>.*?)\n\s*#endregion", RegexOptions.Singleline).Groups["code"].Value;
        var compiled = Dedent(region);
        var block = Regex.Match(readme, @"<!-- snippet: readme-usage -->\n```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline);

        Assert.True(block.Success, "README.md has no ```csharp block after <!-- snippet: readme-usage -->");
        Assert.Equal(compiled, block.Groups["code"].Value);
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
