using Elemente.Testing;

namespace Elemente.Cli.Tests;

/// <summary>
/// campaign run --suppress, end to end: the CLI as a child process against the emulator's loopback server, twice, with a
/// do-not-call list that grows between the runs; checked at the emulator's recorded requests and in the journal.
/// </summary>
[Collection(nameof(ChildProcesses))]
public sealed class SuppressionTests
{
    private static List<string> Posts(ElementeEmulator emulator) => emulator.Requests.Where(r => r.Method == "POST").Select(r => r.Body).ToList();

    [Fact]
    public async Task CampaignRun_Suppress_RerunAfterTheListsGrew_NeverCallsAListedContactAndCountsEachList()
    {
        using var dir = new TempDir();
        var (emulator, url) = await Cli.EmulatorAsync();
        await using var owned = emulator;
        var csv = Cli.Contacts(dir, 6);
        var journal = dir.File("journal.jsonl");
        var dnc = dir.Write("dnc.csv", "Name,Phone Number\nF,(215) 555-0005\n");
        // Concurrency 1: the rows go in line order; the first three creates are refused (lines 2, 3 and 4 fail).
        emulator.InjectFault(EmulatedFault.Status(400).ForOperation(EmulatorOperations.CreateCall), count: 3);

        var (code, output, error) = await Cli.RunChildAsync(Cli.Campaign(csv, url, journal, "--concurrency", "1", "--suppress", dnc));

        Assert.True(code == 4, $"exit {code}: {output}{error}");
        var first = Cli.Json(output);
        Assert.Equal((1, 2, 3), (first.GetProperty("suppressed").GetInt32(), first.GetProperty("created").GetInt32(), first.GetProperty("failed").GetInt32()));
        Assert.Equal(1, first.GetProperty("suppressedByList").GetProperty("dnc.csv").GetInt32());

        // The list grows by line 2 (failed: not created) and line 5 (created: it stays created); a second list names line 3.
        File.AppendAllText(dnc, "A,+12155550000\nD,215 555 0003\n");
        var late = dir.Write("late.txt", "215-555-0001\n");
        var postsBefore = Posts(emulator).Count;
        (code, output, error) = await Cli.RunChildAsync(Cli.Campaign(csv, url, journal, "--suppress", dnc, "--suppress", late));

        Assert.True(code == 0, $"exit {code}: {output}{error}");
        var second = Cli.Json(output);
        Assert.Equal((3, 1, 2), (second.GetProperty("suppressed").GetInt32(), second.GetProperty("created").GetInt32(), second.GetProperty("alreadyCreated").GetInt32()));
        Assert.Equal(2, second.GetProperty("suppressedByList").GetProperty("dnc.csv").GetInt32());
        Assert.Equal(1, second.GetProperty("suppressedByList").GetProperty("late.txt").GetInt32());
        var sent = Assert.Single(Posts(emulator).Skip(postsBefore));
        Assert.Contains("+12155550002", sent, StringComparison.Ordinal);
        Assert.DoesNotContain(Posts(emulator), b => b.Contains("+12155550005", StringComparison.Ordinal));
        Assert.Equal(new Dictionary<string, int> { ["+12155550002"] = 1, ["+12155550003"] = 1, ["+12155550004"] = 1 }, Cli.CreatesPerPhone(emulator));

        // The journal and the export give each skipped row its list.
        var rows = JournalFile.Rows(journal);
        Assert.Equal(("skipped", "created", "skipped"), (rows[2].State, rows[5].State, rows[7].State));
        var (exported, csvOut, exportError) = await Cli.RunChildAsync(["campaign", "export", journal]);
        Assert.True(exported == 0, exportError);
        var lines = csvOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Line 2 and 3 were refused once in run 1 (one attempt); line 7 was never sent.
        Assert.EndsWith(",skipped,1,,,,,suppressed: dnc.csv", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",skipped,1,,,,,suppressed: late.txt", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(",skipped,0,,,,,suppressed: dnc.csv", lines[6], StringComparison.Ordinal);

        // The report counts the skipped rows by reason.
        var (reported, report, reportError) = await Cli.RunChildAsync(["campaign", "report", journal, "--output", "json"]);
        Assert.True(reported == 0, reportError);
        var reasons = Cli.Json(report).GetProperty("skipReasons");
        Assert.Equal((2, 1), (reasons.GetProperty("suppressed: dnc.csv").GetInt32(), reasons.GetProperty("suppressed: late.txt").GetInt32()));

        // The text summary names each list.
        var (textCode, text, textError) = await Cli.RunChildAsync(["campaign", "run", csv, "--agent", "agent-1", "--skill", "skill-1", "--channel", "call", "--map", "phoneNumber=Phone,firstName=First name,field:Order ID=Order", "--region", "US", "--journal", journal, "--base-url", url.ToString(), "--suppress", dnc, "--suppress", late]);
        Assert.True(textCode == 0, $"exit {textCode}: {text}{textError}");
        Assert.Matches(@"suppressed \(dnc\.csv\)\s*[│|]\s*2\b", text);
        Assert.Matches(@"suppressed \(late\.txt\)\s*[│|]\s*1\b", text);
        Assert.Equal(postsBefore + 1, Posts(emulator).Count);
    }

    [Fact]
    public async Task CampaignRun_SuppressListWithABadEntry_NamesTheFileAndLineAndSendsNothing()
    {
        using var dir = new TempDir();
        var (emulator, url) = await Cli.EmulatorAsync();
        await using var owned = emulator;
        var csv = Cli.Contacts(dir, 3);
        var dnc = dir.Write("dnc.txt", "+12155550001\n\n555\n");

        var (code, output, error) = await Cli.RunChildAsync(Cli.Campaign(csv, url, dir.File("journal.jsonl"), "--suppress", dnc));

        Assert.True(code == 2, $"exit {code}: {output}{error}");
        Assert.Contains(dnc + ": line 3: '555' is not an email", error, StringComparison.Ordinal);
        Assert.Empty(Posts(emulator));
        Assert.False(File.Exists(dir.File("journal.jsonl")));
    }
}
