using System.Diagnostics;
using System.Globalization;
using Elemente.Testing;
using Xunit.Abstractions;

namespace Elemente.Cli.Tests;

/// <summary>
/// The acceptance kill test with redials: a 300-row campaign with <c>--follow --redial no-answer,busy --max-attempts 3</c>
/// and scripted outcomes (no-answer twice then completed, busy every time, completed at once, voicemail), run as a child
/// process against the emulator's loopback server, is killed with SIGKILL 20 times at random moments (after a few more
/// creates, right after final statuses are journalled and before their redials, and just after a redial reached the
/// emulator) and rerun after each kill, then run to its end. Checked at the emulator: no attempt is placed twice, no row
/// gets more than 3 attempts, no redial comes before its delay, and no redial follows an unknown outcome.
/// </summary>
[Collection(nameof(ChildProcesses))]
public sealed class KillRedialTests(ITestOutputHelper log)
{
    private const int Rows = 300;
    private const int Kills = 20;
    private static readonly TimeSpan[] Delays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>How long a scripted no-answer or busy call lasts at the emulator (<see cref="Cli.EmulatorAsync"/>: queued, then ringing).</summary>
    private static readonly TimeSpan Ringing = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task CampaignRunWithRedials_KilledTwentyTimesAndRerun_PlacesNoAttemptTwiceAndNoRedialEarlyOrAfterAnUnknown()
    {
        using var dir = new TempDir();
        var (emulator, url) = await Cli.EmulatorAsync();
        await using var owned = emulator;
        await using var scripted = new ScriptedAttempts(emulator, Rows, ScriptedAttempts.Mix);
        var journal = dir.File("journal.jsonl");
        var args = Cli.Campaign(Cli.Contacts(dir, Rows), url, journal, "--concurrency", "4", "--rate", "1200/min", "--follow", "--redial", "no-answer,busy", "--max-attempts", "3", "--redial-after", "1s,2s");
        var random = new Random(20261207);
        var watch = Stopwatch.StartNew();
        var killed = 0;
        var kinds = new int[3];
        for (var run = 0; killed < Kills && run < Kills * 3; run++)
        {
            var kind = random.Next(3);
            var (count, target) = kind switch
            {
                // After a few more creates (first attempts or redials).
                0 => ((Func<int>)(() => Cli.Posts(emulator)), Cli.Posts(emulator) + random.Next(1, 20)),
                // Right after final statuses are journalled: before the redials they call for.
                1 => (() => Finals(journal), Finals(journal) + random.Next(1, 20)),
                // Just after a redial reached the emulator: during a redial.
                _ => (() => Redials(emulator), Redials(emulator) + random.Next(1, 6)),
            };
            using var child = Cli.Start(args);
            try
            {
                child.StandardInput.Close();
                _ = child.StandardOutput.ReadToEndAsync();
                _ = child.StandardError.ReadToEndAsync();
                var deadline = Stopwatch.StartNew();
                while (count() < target && !child.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(20))
                {
                    await Task.Delay(2);
                }

                await Task.Delay(random.Next(0, 5));
                if (!child.HasExited)
                {
                    child.Kill(entireProcessTree: true);
                    killed++;
                    kinds[kind]++;
                }

                await child.WaitForExitAsync();
            }
            finally
            {
                if (!child.HasExited)
                {
                    child.Kill(entireProcessTree: true);
                }
            }
        }

        Assert.True(killed == Kills, $"{killed} kills: the campaign ended first ({Cli.Posts(emulator)} creates)");
        var beforeLastRun = Cli.Posts(emulator);
        var (code, output, error) = await Cli.RunChildAsync(args, timeout: TimeSpan.FromSeconds(150));
        log.WriteLine($"{Kills} kills (after creates {kinds[0]}, after finals {kinds[1]}, during redials {kinds[2]}) and reruns of {Rows} rows with redials: {watch.Elapsed.TotalSeconds:0.0} s; {beforeLastRun} creates before the last run, {Cli.Posts(emulator)} in all; last run exit {code}");
        Assert.True(code is 0 or 4, $"exit {code}: {output}{error}");
        scripted.AssertScripted();

        var journalled = new AttemptJournal(journal);
        var calls = ScriptedAttempts.ByNumber(emulator);
        var unknownCalls = 0;
        foreach (var (number, placed) in calls)
        {
            var line = ScriptedAttempts.Row(number) + 2;

            // No row gets more than 3 attempts.
            Assert.True(placed.Count <= 3, $"{number}: {placed.Count} calls");
            for (var k = 0; k < placed.Count; k++)
            {
                // No attempt is placed twice: the number's k-th call is the row's attempt k (as journalled), and a call the
                // journal does not know (its create's answer was lost to a kill: unknown) is the number's last.
                if (journalled.Created.TryGetValue(placed[k].Id, out var attempt))
                {
                    Assert.Equal((line, k + 1), attempt);
                }
                else
                {
                    unknownCalls++;
                    Assert.True(k == placed.Count - 1, $"{number}: call {k + 1} is unknown to the journal, yet was redialed");
                }

                if (k == 0)
                {
                    continue;
                }

                // No redial follows an unknown outcome: the call before it was followed to a final status in the set.
                var before = placed[k - 1];
                Assert.True(journalled.Finals.TryGetValue(before.Id, out var final), $"{number}: call {k + 1} follows call {k}, whose outcome was not journalled");
                Assert.Contains(final.Status, new[] { "no-answer", "busy" });

                // No redial comes before its delay: after the call before it ended at the emulator, and after it was seen final.
                Assert.True(placed[k].CreatedAt >= before.CreatedAt + Ringing + Delays[k - 1], $"{number}: call {k + 1} came {placed[k].CreatedAt - before.CreatedAt} after call {k} started");
                Assert.True(placed[k].CreatedAt >= final.EndedAt + Delays[k - 1], $"{number}: call {k + 1} came {placed[k].CreatedAt - final.EndedAt} after call {k} was seen final");
            }
        }

        // Each attempt was marked sending once (the at-most-once promise holds per attempt), and every row ended final or unknown.
        Assert.Empty(journalled.Sending.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(Enumerable.Range(2, Rows), journalled.Last.Keys.Order());
        Assert.All(journalled.Last, r => Assert.True(r.Value.State is "created" or "unknown", $"line {r.Key} is {r.Value.State}"));
        var unknown = journalled.Last.Count(r => r.Value.State == "unknown");
        var redialed = calls.Values.Count(c => c.Count > 1);
        log.WriteLine($"rows unknown {unknown} (calls the emulator created for them {unknownCalls}), rows redialed {redialed}");
        Assert.True(redialed > Rows / 4, $"only {redialed} rows were redialed");
    }

    private static int Finals(string journal)
    {
        try
        {
            using var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            var count = 0;
            for (var at = text.IndexOf("\"state\":\"final\"", StringComparison.Ordinal); at >= 0; at = text.IndexOf("\"state\":\"final\"", at + 1, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>The creates for numbers the emulator had already called: redials.</summary>
    private static int Redials(ElementeEmulator emulator) => emulator.Interactions.GroupBy(c => c.PhoneNumber).Sum(g => g.Count() - 1);
}
