using System.Text.RegularExpressions;

namespace Elemente.Tests;

public class ReadmeTests
{
    [Theory]
    [InlineData("readme-usage")]
    [InlineData("readme-waiting")]
    [InlineData("readme-mocking")]
    public void Snippet_InReadme_IsTheCompiledRegion(string name)
    {
        var readme = Repository.Read("README.md").Replace("\r\n", "\n");
        var source = Repository.Read("tests", "Elemente.Client.Tests", "ReadmeSnippets.cs").Replace("\r\n", "\n");

        var region = Regex.Match(source, $@"#region {name}\n(?<code>.*?)\n\s*#endregion", RegexOptions.Singleline);
        var block = Regex.Match(readme, $@"<!-- snippet: {name} -->\n```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline);

        Assert.True(region.Success, $"ReadmeSnippets.cs has no #region {name}");
        Assert.True(block.Success, $"README.md has no ```csharp block after <!-- snippet: {name} -->");
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
