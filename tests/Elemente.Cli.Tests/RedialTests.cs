using System.Text.Json;
using Elemente.Testing;

namespace Elemente.Cli.Tests;

/// <summary>
/// campaign run --follow and --redial, end to end: the CLI as a child process against the emulator's loopback server,
/// with scripted outcomes per number, read back at the emulator, in the journal, and through export and report.
/// </summary>
[Collection(nameof(ChildProcesses))]
public sealed class RedialTests : EmulatorTest
{
    [Fact]
    public async Task CampaignRun_FollowAndRedial_PlacesEachAttemptAfterItsDelay_AndExportAndReportShowTheAttempts()
    {
        await using var scripted = new ScriptedAttempts(Emulator, 4, ScriptedAttempts.Mix);
        var journal = Dir.File("journal.jsonl");
        var args = Cli.Campaign(Cli.Contacts(Dir, 4), Url, journal, "--follow", "--redial", "no-answer,busy", "--max-attempts", "3", "--redial-after", "1s,2s");

        var (code, output, error) = await Cli.RunChildAsync(args, timeout: TimeSpan.FromSeconds(90));

        Assert.True(code == 0, $"exit {code}: {output}{error}");
        scripted.AssertScripted();
        var summary = Cli.Json(output);
        Assert.Equal(4, summary.GetProperty("redials").GetInt32());
        Assert.Equal(8, summary.GetProperty("followed").GetInt32());
        var calls = ScriptedAttempts.ByNumber(Emulator);
        Assert.Equal([3, 3, 1, 1], Enumerable.Range(0, 4).Select(i => calls[Cli.E164(i)].Count));

        // Each redial came at least its delay after the attempt before it ended, at the emulator and in the journal.
        var attempts = new AttemptJournal(journal);
        foreach (var number in new[] { Cli.E164(0), Cli.E164(1) })
        {
            for (var k = 1; k < 3; k++)
            {
                var delay = TimeSpan.FromSeconds(k);
                var before = calls[number][k - 1];
                Assert.True(calls[number][k].CreatedAt - before.CreatedAt >= delay + TimeSpan.FromMilliseconds(200), $"{number}: attempt {k + 1} came too early");
                Assert.True(calls[number][k].CreatedAt >= attempts.Finals[before.Id].EndedAt + delay, $"{number}: attempt {k + 1} came before its delay from the final status");
                Assert.Equal((ScriptedAttempts.Row(number) + 2, k + 1), attempts.Created[calls[number][k].Id]);
            }
        }

        // export: attempts and every interaction id per row; report: attempts per row.
        var (exported, csv, exportError) = await Cli.RunAsync("campaign", "export", journal, "--format", "json");
        Assert.True(exported == 0, exportError);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([3, 3, 1, 1], rows.Select(r => r.GetProperty("attempts").GetInt32()));
        Assert.Equal(calls[Cli.E164(0)].Select(c => c.Id), rows[0].GetProperty("interactionIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(["completed", "busy", "completed", "voicemail"], rows.Select(r => r.GetProperty("finalStatus").GetString()));
        var (reported, report, reportError) = await Cli.RunAsync("campaign", "report", journal, "--output", "json");
        Assert.True(reported == 0, reportError);
        var perRow = Cli.Json(report).GetProperty("attemptsPerRow");
        Assert.Equal(2, perRow.GetProperty("1").GetInt32());
        Assert.Equal(2, perRow.GetProperty("3").GetInt32());

        // A rerun places nothing more.
        var posts = Cli.Posts(Emulator);
        var (again, againOutput, againError) = await Cli.RunChildAsync(args);
        Assert.True(again == 0, $"exit {again}: {againOutput}{againError}");
        Assert.Equal(posts, Cli.Posts(Emulator));
    }

    [Fact]
    public async Task CampaignRun_Follow_KilledAndRerun_ResumesFollowingWithoutCreatingAgain()
    {
        await using var scripted = new ScriptedAttempts(Emulator, 12, (_, _) => CallOutcome.Completed);
        var journal = Dir.File("journal.jsonl");
        // One create a second: the run is killed with calls created and not followed yet.
        var args = Cli.Campaign(Cli.Contacts(Dir, 12), Url, journal, "--follow", "--rate", "60/min");
        using (var child = Cli.Start(args))
        {
            child.StandardInput.Close();
            _ = child.StandardOutput.ReadToEndAsync();
            _ = child.StandardError.ReadToEndAsync();
            var deadline = System.Diagnostics.Stopwatch.StartNew();
            while (Cli.Posts(Emulator) < 3 && !child.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(10);
            }

            Assert.False(child.HasExited, "the run ended before it was killed");
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        var created = new AttemptJournal(journal).Created.Keys.ToHashSet();
        Assert.NotEmpty(created);
        var (code, output, error) = await Cli.RunChildAsync(Cli.Campaign(Cli.Contacts(Dir, 12), Url, journal, "--follow"), timeout: TimeSpan.FromSeconds(90));

        Assert.True(code is 0 or 4, $"exit {code}: {output}{error}");
        var after = new AttemptJournal(journal);
        Assert.All(created, id => Assert.Equal("completed", after.Finals[id].Status));
        Assert.All(Cli.CreatesPerPhone(Emulator), p => Assert.Equal(1, p.Value));
        Assert.All(after.Last.Where(r => r.Value.State == "created").Select(r => r.Key), line => Assert.Contains(after.Finals, f => after.Created[f.Key].Line == line));
    }

    [Theory]
    [InlineData(new[] { "--redial", "no-answer,answered" }, "--redial: 'answered'")]
    [InlineData(new[] { "--redial", "busy", "--redial-after", "30" }, "--redial-after: '30'")]
    [InlineData(new[] { "--redial", "busy", "--max-attempts", "1" }, "--max-attempts")]
    [InlineData(new[] { "--max-attempts", "3" }, "--max-attempts needs --redial")]
    public async Task CampaignRun_BadRedialOptions_AreRefusedNamingTheOption(string[] options, string expected)
    {
        var (code, _, error) = await Cli.RunAsync(Cli.Campaign(Cli.Contacts(Dir, 1), Url, Dir.File("j.jsonl"), ["--follow", .. options]));
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(0, Cli.Posts(Emulator));
    }

    [Fact]
    public async Task CampaignRun_RedialWithoutFollow_IsRefused()
    {
        var (code, _, error) = await Cli.RunAsync(Cli.Campaign(Cli.Contacts(Dir, 1), Url, Dir.File("j.jsonl"), "--redial", "busy"));
        Assert.Equal(2, code);
        Assert.Contains("--redial needs --follow", error, StringComparison.Ordinal);
    }
}
