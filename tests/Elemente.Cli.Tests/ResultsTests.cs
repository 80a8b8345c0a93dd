using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Elemente.Testing;

namespace Elemente.Cli.Tests;

/// <summary>
/// campaign follow, export and report, end to end: the CLI as a child process against the emulator's loopback server,
/// with scripted outcomes, read back from the journal and the emulator.
/// </summary>
[Collection(nameof(ChildProcesses))]
public sealed class ResultsTests
{
    private static readonly CallOutcome[] Outcomes = [CallOutcome.Completed, CallOutcome.NoAnswer, CallOutcome.Busy, CallOutcome.Voicemail, CallOutcome.Completed];

    private static string StatusOf(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Completed => "completed",
        CallOutcome.NoAnswer => "no-answer",
        CallOutcome.Busy => "busy",
        _ => "voicemail",
    };

    /// <summary>
    /// A campaign of <paramref name="rows"/> valid rows and one invalid row (skipped), run as a child with concurrency 1; the
    /// first create's connection drops after the emulator created it (line 2 is unknown).
    /// </summary>
    private static async Task<(ElementeEmulator Emulator, Uri Url, string Journal)> CampaignAsync(TempDir dir, int rows)
    {
        var (emulator, url) = await Cli.EmulatorAsync();
        for (var i = 0; i < rows; i++)
        {
            emulator.ScriptConversation(Cli.E164(i), new EmulatedConversation { Outcome = Outcomes[i % Outcomes.Length], Duration = TimeSpan.FromSeconds(20 + i) });
        }

        var csv = new StringBuilder(File.ReadAllText(Cli.Contacts(dir, rows)));
        csv.Append("not a number,Nobody,99999\n");
        var path = dir.Write("contacts.csv", csv.ToString());
        var journal = dir.File("journal.jsonl");
        emulator.InjectFault(EmulatedFault.DropConnectionAfterProcessing().ForOperation(EmulatorOperations.CreateCall));
        var (code, output, error) = await Cli.RunChildAsync(Cli.Campaign(path, url, journal, "--concurrency", "1", "--skip-invalid"));
        Assert.True(code == 4, $"exit {code}: {output}{error}");
        return (emulator, url, journal);
    }

    private static List<JsonElement> Finals(string journal) => JournalFile.Events(journal).Where(e => e.GetProperty("state").GetString() == "final").ToList();

    [Fact]
    public async Task CampaignFollow_JournalsEveryCreatedCallsFinalStatus_AndARerunPollsNothing()
    {
        using var dir = new TempDir();
        var (emulator, url, journal) = await CampaignAsync(dir, 10);
        await using var owned = emulator;

        var (code, output, error) = await Cli.RunChildAsync(["campaign", "follow", journal, "--base-url", url.ToString(), "--output", "json"]);

        Assert.True(code == 0, $"exit {code}: {output}{error}");
        var summary = Cli.Json(output);
        Assert.Equal(9, summary.GetProperty("followed").GetInt32());
        Assert.Equal(2, summary.GetProperty("notCreated").GetInt32());
        var byId = emulator.Interactions.ToDictionary(i => i.Id);
        var finals = Finals(journal);
        Assert.Equal(9, finals.Count);
        foreach (var final in finals)
        {
            var call = byId[final.GetProperty("id").GetString()!];
            var index = int.Parse(call.PhoneNumber!.Substring(8), CultureInfo.InvariantCulture);
            Assert.Equal(index + 2, final.GetProperty("line").GetInt32());
            Assert.Equal(StatusOf(Outcomes[index % Outcomes.Length]), final.GetProperty("status").GetString());
            Assert.Equal(call.Status.ToString(), final.GetProperty("status").GetString());
        }

        // Line 2's call (scripted completed) is unknown in the journal: not followed.
        Assert.Equal(3, summary.GetProperty("statuses").GetProperty("completed").GetInt32());

        var gets = emulator.Requests.Count(r => r.Method == "GET");
        var (again, againOutput, againError) = await Cli.RunChildAsync(["campaign", "follow", journal, "--base-url", url.ToString()]);
        Assert.True(again == 0, $"exit {again}: {againOutput}{againError}");
        Assert.Contains("Followed 0, already final 9", againOutput, StringComparison.Ordinal);
        Assert.Equal(gets, emulator.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task CampaignFollow_KilledAndRerun_JournalsEachOutcomeOnceAndDoesNotPollFinalRowsAgain()
    {
        using var dir = new TempDir();
        var (emulator, url, journal) = await CampaignAsync(dir, 20);
        await using var owned = emulator;
        var args = new[] { "campaign", "follow", journal, "--base-url", url.ToString(), "--rate", "2/s", "--concurrency", "1" };

        using (var child = Cli.Start(args))
        {
            child.StandardInput.Close();
            _ = child.StandardOutput.ReadToEndAsync();
            _ = child.StandardError.ReadToEndAsync();
            var deadline = Stopwatch.StartNew();
            while (Finals(journal).Count < 3 && !child.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20);
            }

            Assert.False(child.HasExited, "the follow ended before it was killed");
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        var finalBefore = Finals(journal).Select(f => f.GetProperty("id").GetString()!).ToHashSet();
        Assert.InRange(finalBefore.Count, 3, 18);
        var getsBefore = emulator.Requests.Count(r => r.Method == "GET");

        var (code, output, error) = await Cli.RunChildAsync(["campaign", "follow", journal, "--base-url", url.ToString(), "--output", "json"]);

        Assert.True(code == 0, $"exit {code}: {output}{error}");
        Assert.Equal(finalBefore.Count, Cli.Json(output).GetProperty("alreadyFinal").GetInt32());
        var polledAfter = emulator.Requests.Where(r => r.Method == "GET").Skip(getsBefore).Select(r => r.PathAndQuery.Split('?')[0].Split('/').Last()).ToHashSet();
        Assert.Empty(polledAfter.Intersect(finalBefore));
        var finals = Finals(journal).Select(f => f.GetProperty("id").GetString()!).ToList();
        Assert.Equal(19, finals.Count);
        Assert.Equal(19, finals.Distinct().Count());
    }

    [Fact]
    public async Task CampaignExport_WritesOneLinePerRowWithBothPhoneFormsIdsStatusDurationAndReason()
    {
        using var dir = new TempDir();
        var (emulator, url, journal) = await CampaignAsync(dir, 5);
        await using var owned = emulator;
        var (followed, _, followError) = await Cli.RunChildAsync(["campaign", "follow", journal, "--base-url", url.ToString()]);
        Assert.True(followed == 0, followError);

        var (code, csv, error) = await Cli.RunChildAsync(["campaign", "export", journal]);
        Assert.True(code == 0, $"exit {code}: {error}");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Phone,First name,Order,line,phone,e164,email,state,attempts,interactionIds,finalStatus,duration,endedAt,reason", lines[0]);
        Assert.Equal(7, lines.Length);
        var ids = emulator.Interactions.ToDictionary(i => i.PhoneNumber!, i => i.Id);
        // Line 3 (the second row): created, followed to no-answer.
        var row = lines[2].Split(',');
        Assert.Equal(["(215) 555-0001", "Customer 1", "10001", "3", "(215) 555-0001", "+12155550001", "", "created", "1", ids["+12155550001"], "no-answer"], row[..11]);
        Assert.NotEqual(string.Empty, row[12]);
        // Line 6: completed, with its duration.
        Assert.Equal(["created", "1", ids["+12155550004"], "completed", "24"], lines[5].Split(',')[7..12]);
        // Line 2: its connection dropped: unknown, with the reason; line 7: invalid, skipped with the reason.
        Assert.Contains(",unknown,1,,,,,", lines[1], StringComparison.Ordinal);
        Assert.Contains("connection dropped", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("not a number,Nobody,99999,7,", lines[6], StringComparison.Ordinal);
        Assert.Contains(",skipped,0,", lines[6], StringComparison.Ordinal);

        var (jsonCode, json, jsonError) = await Cli.RunChildAsync(["campaign", "export", journal, "--format", "json"]);
        Assert.True(jsonCode == 0, jsonError);
        var rows = json.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(6, rows.Count);
        var fifth = rows.Single(r => r.GetProperty("line").GetInt32() == 6);
        Assert.Equal("Customer 4", fifth.GetProperty("csv").GetProperty("First name").GetString());
        Assert.Equal("+12155550004", fifth.GetProperty("e164").GetString());
        Assert.Equal(ids["+12155550004"], fifth.GetProperty("interactionIds")[0].GetString());
        Assert.Equal("completed", fifth.GetProperty("finalStatus").GetString());
        Assert.Equal(24, fifth.GetProperty("duration").GetDouble());
        Assert.Equal("busy", rows.Single(r => r.GetProperty("line").GetInt32() == 4).GetProperty("finalStatus").GetString());
    }

    /// <summary>The figures the report must show, computed here from the journal's lines (not the library's reader).</summary>
    private static (Dictionary<string, int> Outcomes, int[] Hours, int Answered, int Followed) Expected(string journal)
    {
        var state = new Dictionary<int, string>();
        var created = new Dictionary<int, DateTimeOffset>();
        foreach (var e in JournalFile.Events(journal).Where(e => e.TryGetProperty("line", out _)))
        {
            var line = e.GetProperty("line").GetInt32();
            var kind = e.GetProperty("state").GetString()!;
            state[line] = kind == "final" ? e.GetProperty("status").GetString()! : kind == "created" ? "not followed" : kind;
            if (kind == "created")
            {
                created[line] = DateTimeOffset.Parse(e.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
            }
        }

        // Every number is +1 215 (Philadelphia): US Eastern.
        var eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var hours = new int[24];
        foreach (var at in created.Values)
        {
            hours[TimeZoneInfo.ConvertTime(at, eastern).Hour]++;
        }

        var outcomes = state.Values.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        return (outcomes, hours, outcomes.GetValueOrDefault("completed"), created.Count);
    }

    [Fact]
    public async Task CampaignReport_Json_GivesTheJournalsFigures()
    {
        using var dir = new TempDir();
        var (emulator, url, journal) = await CampaignAsync(dir, 10);
        await using var owned = emulator;
        Assert.Equal(0, (await Cli.RunChildAsync(["campaign", "follow", journal, "--base-url", url.ToString()])).ExitCode);
        var (outcomes, hours, answered, followed) = Expected(journal);

        var (code, output, error) = await Cli.RunChildAsync(["campaign", "report", journal, "--output", "json"]);

        Assert.True(code == 0, $"exit {code}: {error}");
        var report = Cli.Json(output);
        Assert.Equal(11, report.GetProperty("rows").GetInt32());
        Assert.Equal(outcomes, report.GetProperty("outcomes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));
        Assert.Equal(3, outcomes["completed"]);
        Assert.Equal(1, outcomes["unknown"]);
        Assert.Equal(1, outcomes["skipped"]);
        Assert.Equal(Math.Round((double)answered / followed, 4), report.GetProperty("answerRate").GetDouble());
        Assert.Equal(hours, report.GetProperty("callsPerLocalHour").EnumerateObject().Select(p => p.Value.GetInt32()).ToArray());
        Assert.Equal(10, report.GetProperty("attemptsPerRow").GetProperty("1").GetInt32());
        Assert.Equal(1, report.GetProperty("attemptsPerRow").GetProperty("0").GetInt32());
        Assert.Equal([2], report.GetProperty("unknownRows").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));

        var (textCode, text, _) = await Cli.RunChildAsync(["campaign", "report", journal]);
        Assert.Equal(0, textCode);
        Assert.Contains("Answer rate: 33.3", text, StringComparison.Ordinal);
        Assert.Contains("Calls per hour, recipient's local time", text, StringComparison.Ordinal);
        Assert.Contains("no-answer", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CampaignReport_Html_IsSelfContainedAndItsFiguresMatchTheJournal()
    {
        using var dir = new TempDir();
        var (emulator, url, journal) = await CampaignAsync(dir, 10);
        await using var owned = emulator;
        Assert.Equal(0, (await Cli.RunChildAsync(["campaign", "follow", journal, "--base-url", url.ToString()])).ExitCode);
        var (outcomes, hours, answered, followed) = Expected(journal);
        var page = dir.File("report.html");

        var (code, _, error) = await Cli.RunChildAsync(["campaign", "report", journal, "--html", page]);

        Assert.True(code == 0, $"exit {code}: {error}");
        var document = new HtmlParser().ParseDocument(File.ReadAllText(page));
        Dictionary<string, int> Bars(string chart) => document.QuerySelectorAll($"svg#{chart} g.bar")
            .ToDictionary(g => g.GetAttribute("data-label")!, g => int.Parse(g.GetAttribute("data-count")!, CultureInfo.InvariantCulture));
        Assert.Equal(outcomes, Bars("outcomes"));
        Assert.Equal(hours, Bars("hours").OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => b.Value).ToArray());
        Assert.Equal(Math.Round((double)answered / followed, 4).ToString(CultureInfo.InvariantCulture), document.QuerySelector("#answer-rate")!.GetAttribute("data-value"));
        Assert.Equal("11", document.QuerySelector("#rows")!.GetAttribute("data-value"));
        Assert.Equal(["2"], document.QuerySelectorAll("table#unknown tbody tr").Select(r => r.GetAttribute("data-line")!));
        Assert.Contains("+12155550000", document.QuerySelector("table#unknown")!.TextContent, StringComparison.Ordinal);

        // Self-contained: no script, no stylesheet or font link, nothing loaded from elsewhere.
        Assert.Empty(document.QuerySelectorAll("script, link, img, iframe, object, embed, image, use"));
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.True(attribute.Name is not ("src" or "href" or "xlink:href") || attribute.Value.StartsWith('#'), $"{element.LocalName} has {attribute.Name}={attribute.Value}");
            }
        }

        var styles = string.Concat(document.QuerySelectorAll("style").Select(s => s.TextContent));
        Assert.DoesNotContain("url(", styles, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", styles, StringComparison.Ordinal);
    }
}
