using System.Reflection;
using System.Text.RegularExpressions;
using Elemente.Campaigns;

namespace Elemente.Cli.Tests;

/// <summary>The campaigns page (docs/campaigns.md) says what the tool does: its exit codes and its commands.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Root = Path.GetFullPath(typeof(ReadmeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ElementeRepositoryRoot").Value!);

    private static string Campaigns()
    {
        var page = File.ReadAllText(Path.Combine(Root, "docs", "campaigns.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.StartsWith("# Campaigns\n", page, StringComparison.Ordinal);
        return page;
    }

    [Fact]
    public void ExitCodeTable_ListsEveryExitCodeOnce()
    {
        var documented = ExitCodeRow().Matches(Campaigns()).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var defined = typeof(ExitCodes).GetFields().Select(f => (int)f.GetValue(null)!).Order().ToList();

        Assert.Equal(defined, documented);
    }

    [Fact]
    public async Task DotnetRunCommands_WorkAsWrittenAgainstTheEmulator()
    {
        using var dir = new TempDir();
        var commands = DotnetRun().Matches(Campaigns().Replace("\\\n", " ", StringComparison.Ordinal)).Select(m => Split(m.Groups[1].Value)).ToList();
        Assert.Equal(3, commands.Count);
        var example = Path.Combine(Root, "src", "Elemente.Cli", "examples", "contacts.csv");
        var journal = dir.File("contacts.journal.jsonl");

        foreach (var command in commands)
        {
            // Paths are the clone's; the journal goes to a temporary folder instead of beside the example CSV.
            var args = command.Select(a => a == "src/Elemente.Cli/examples/contacts.csv" ? example : a == "src/Elemente.Cli/examples/contacts.csv.journal.jsonl" ? journal : a).ToList();
            if (args[0] == "campaign" && args[1] == "run")
            {
                args.AddRange(["--journal", journal]);
            }

            var (code, output, error) = await Cli.RunAsync([.. args]);

            Assert.True(code == 0, $"{string.Join(' ', command)}: exit {code}\n{output}\n{error}");
        }

        var rows = JournalFile.Rows(journal);
        Assert.Equal(4, rows.Values.Count(r => r.State == "created"));
        Assert.Equal("skipped", rows[5].State);
    }

    private static List<string> Split(string command) =>
        Word().Matches(command).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value).ToList();

    [GeneratedRegex(@"^\| (\d+) \|", RegexOptions.Multiline)]
    private static partial Regex ExitCodeRow();

    [GeneratedRegex(@"^dotnet run --project src/Elemente.Cli -- (.+)$", RegexOptions.Multiline)]
    private static partial Regex DotnetRun();

    [GeneratedRegex("\"([^\"]*)\"|\\S+")]
    private static partial Regex Word();
}
