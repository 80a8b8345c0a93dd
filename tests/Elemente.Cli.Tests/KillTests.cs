using System.Diagnostics;
using Xunit.Abstractions;

namespace Elemente.Cli.Tests;

/// <summary>
/// The acceptance kill test: a 500-row campaign, run as a child process against the emulator's loopback server, is
/// killed with SIGKILL at random points 20 times and rerun after each kill, then run to its end. Counted at the
/// emulator: no customer is called twice, every row ends created (with the emulator's id) or unknown, and every unknown
/// row was in flight at a kill.
/// </summary>
[Collection(nameof(ChildProcesses))]
public sealed class KillTests(ITestOutputHelper log)
{
    private const int Rows = 500;
    private const int Kills = 20;
    private const int Concurrency = 8;

    [Fact]
    public async Task CampaignRun_KilledTwentyTimesAndRerun_CallsNobodyTwiceAndLosesNoRow()
    {
        using var dir = new TempDir();
        var (emulator, url) = await Cli.EmulatorAsync();
        await using var owned = emulator;
        var csv = Cli.Contacts(dir, Rows);
        var journal = dir.File("journal.jsonl");
        var args = Cli.Campaign(csv, url, journal, "--concurrency", Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var random = new Random(20261129);
        var watch = Stopwatch.StartNew();
        var killed = 0;
        for (var attempt = 0; killed < Kills && attempt < Kills * 3; attempt++)
        {
            using var child = Cli.Start(args);
            child.StandardInput.Close();
            _ = child.StandardOutput.ReadToEndAsync();
            _ = child.StandardError.ReadToEndAsync();
            // A random point: after 1 to 8 more creates reached the emulator, and up to 4 milliseconds more.
            var target = Cli.Posts(emulator) + random.Next(1, 9);
            var deadline = Stopwatch.StartNew();
            while (Cli.Posts(emulator) < target && !child.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(1);
            }

            await Task.Delay(random.Next(0, 5));
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                killed++;
            }

            await child.WaitForExitAsync();
        }

        Assert.True(killed == Kills, $"{killed} kills in {Kills * 3} runs: the campaign ended first ({Cli.Posts(emulator)} creates)");
        var beforeLastRun = Cli.Posts(emulator);
        var (code, output, error) = await Cli.RunChildAsync(args);
        var elapsed = watch.Elapsed;
        log.WriteLine($"{Kills} kills and reruns of {Rows} rows: {elapsed.TotalSeconds:0.0} s; {beforeLastRun} creates before the last run; last run exit {code}");
        Assert.True(code is 0 or 4, $"exit {code}: {output}{error}");

        // Counted at the emulator: nobody twice.
        var perPhone = Cli.CreatesPerPhone(emulator);
        Assert.All(perPhone, p => Assert.Equal(1, p.Value));

        // Every row ends created (with the API's id) or unknown; none is lost or skipped.
        var rows = JournalFile.Rows(journal);
        Assert.Equal(Enumerable.Range(2, Rows), rows.Keys.Order());
        var idsByPhone = emulator.Interactions.ToDictionary(c => c.PhoneNumber!, c => c.Id);
        for (var i = 0; i < Rows; i++)
        {
            var (state, id, _) = rows[i + 2];
            Assert.True(state is "created" or "unknown", $"line {i + 2} is {state}");
            if (state == "created")
            {
                Assert.Equal(idsByPhone[Cli.E164(i)], id);
            }
        }

        // Every unknown row was in flight at a kill: its last sending mark is from a run that never ended, and no run had
        // more unknown rows than requests it could have in flight.
        var events = JournalFile.Events(journal);
        var endedRuns = events.Where(e => e.GetProperty("state").GetString() == "run-end").Select(e => e.GetProperty("run").GetInt32()).ToHashSet();
        var unknown = rows.Where(r => r.Value.State == "unknown").ToList();
        Assert.All(unknown, r => Assert.False(endedRuns.Contains(r.Value.SendingRun), $"line {r.Key} is unknown, sent in run {r.Value.SendingRun}, which ended"));
        Assert.All(unknown.GroupBy(r => r.Value.SendingRun), run => Assert.True(run.Count() <= Concurrency, $"run {run.Key} left {run.Count()} rows unknown"));
        var created = rows.Count(r => r.Value.State == "created");
        log.WriteLine($"created {created}, unknown {unknown.Count} (of which the emulator created {unknown.Count(u => idsByPhone.ContainsKey(Cli.E164(u.Key - 2)))})");

        // campaign status lists exactly the unknown rows, for an operator to check.
        var status = await Cli.RunAsync("campaign", "status", journal, "--output", "json");
        Assert.Equal(0, status.ExitCode);
        var listed = Cli.Json(status.Output).GetProperty("unknown").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()).ToList();
        Assert.Equal(unknown.Select(u => u.Key).Order(), listed);
        Assert.True(elapsed < TimeSpan.FromSeconds(90), $"took {elapsed}");
    }
}

/// <summary>Tests that start child processes run one at a time: on two cores they would only slow each other down.</summary>
[CollectionDefinition(nameof(ChildProcesses), DisableParallelization = true)]
public sealed class ChildProcesses
{
}
