using System.Reflection;
using System.Text.RegularExpressions;

namespace Elemente.Campaigns.Tests;

/// <summary>The package README's code is the compiled code of <see cref="WorkerServiceExample"/>, and the README is packed.</summary>
public sealed class ReadmeTests
{
    private static readonly string Root = Path.GetFullPath(typeof(ReadmeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ElementeRepositoryRoot").Value!);

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path])).Replace("\r\n", "\n", StringComparison.Ordinal);

    [Theory]
    [InlineData("campaign-run")]
    [InlineData("worker-host")]
    [InlineData("worker-service")]
    [InlineData("calling-hours")]
    public void Snippet_InThePackageReadme_IsTheCompiledRegion(string name)
    {
        var readme = Read("src", "Elemente.Client.Campaigns", "README.md");
        var source = Read("tests", "Elemente.Client.Campaigns.Tests", "WorkerServiceExample.cs") + Read("tests", "Elemente.Client.Campaigns.Tests", "CallingHoursExample.cs");

        var region = Regex.Match(source, $@"#region {name}\n(?<code>.*?)\n\s*#endregion", RegexOptions.Singleline);
        var block = Regex.Match(readme, $@"<!-- snippet: {name} -->\n```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline);

        Assert.True(region.Success, $"WorkerServiceExample.cs has no #region {name}");
        Assert.True(block.Success, $"README.md has no ```csharp block after <!-- snippet: {name} -->");
        Assert.Equal(Dedent(region.Groups["code"].Value), block.Groups["code"].Value);
    }

    [Fact]
    public void PackageReadme_IsThePackagesOwnAndPacked()
    {
        var project = Read("src", "Elemente.Client.Campaigns", "Elemente.Client.Campaigns.csproj");

        Assert.Contains("<None Include=\"README.md\" Pack=\"true\" PackagePath=\"\\\" />", project, StringComparison.Ordinal);
        Assert.Contains("<None Remove=\"$(ElementeRoot)src/Elemente.Client/README.md\" />", project, StringComparison.Ordinal);
    }

    private static string Dedent(string code)
    {
        var lines = code.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}
