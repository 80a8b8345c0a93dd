using System.Globalization;
using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Elemente.Campaigns.Tests;

/// <summary>CampaignFollower against the emulator on a fake clock: outcomes journalled, reruns, torn lines, 429s.</summary>
public sealed class FollowerTests
{
    private static readonly CallOutcome[] Outcomes = [CallOutcome.Completed, CallOutcome.NoAnswer, CallOutcome.Busy, CallOutcome.Voicemail, CallOutcome.Failed, CallOutcome.Completed];

    private static string E164(int i) => string.Create(CultureInfo.InvariantCulture, $"+1215555{i:0000}");

    /// <summary>A campaign of <paramref name="rows"/> rows run against the emulator, each number scripted to an outcome.</summary>
    private static async Task<(ElementeEmulator Emulator, FakeTimeProvider Time, string Journal)> CampaignAsync(TempDir dir, int rows)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));
        var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = time });
        for (var i = 0; i < rows; i++)
        {
            emulator.ScriptConversation(E164(i), new EmulatedConversation { Outcome = Outcomes[i % Outcomes.Length], Duration = TimeSpan.FromSeconds(10 + i) });
        }

        var options = dir.Options(dir.Contacts(rows));
        using (var client = emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 }))
        {
            var result = await new CampaignRunner(options, client).RunAsync();
            Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        }

        return (emulator, time, options.EffectiveJournalPath);
    }

    /// <summary>Runs the follower, moving the fake clock a second at a time until it ends.</summary>
    private static async Task<CampaignFollowResult> FollowAsync(ElementeEmulator emulator, FakeTimeProvider time, CampaignFollowOptions options, CancellationToken cancellationToken = default, Action<CampaignFollowedRow>? onFinal = null)
    {
        using var client = emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 });
        var follower = new CampaignFollower(options, client) { TimeProvider = time, OnFinal = onFinal };
        var run = follower.RunAsync(cancellationToken);
        for (var step = 0; !run.IsCompleted && step < 20_000; step++)
        {
            await Task.Delay(1);
            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        return await run.WaitAsync(TimeSpan.FromMinutes(2));
    }

    private static List<System.Text.Json.JsonElement> Finals(string journal) =>
        JournalLines.Events(journal).Where(e => e.GetProperty("state").GetString() == "final").ToList();

    [Fact]
    public async Task Follow_JournalsEachCreatedInteractionsFinalStatusDurationAndEndTime()
    {
        using var dir = new TempDir();
        var (emulator, time, journal) = await CampaignAsync(dir, 6);
        await using var owned = emulator;

        var result = await FollowAsync(emulator, time, new CampaignFollowOptions { JournalPath = journal, Concurrency = 2 });

        Assert.Null(result.StopCause);
        Assert.Equal(6, result.Followed);
        Assert.Equal(0, result.NotFinal);
        var ids = emulator.Interactions.ToDictionary(i => i.Id, i => i.PhoneNumber);
        var finals = Finals(journal);
        Assert.Equal(6, finals.Count);
        foreach (var final in finals)
        {
            var index = int.Parse(ids[final.GetProperty("id").GetString()!]!.Substring(8), CultureInfo.InvariantCulture);
            Assert.Equal(final.GetProperty("line").GetInt32(), index + 2);
            var expected = Outcomes[index % Outcomes.Length] switch
            {
                CallOutcome.Completed => "completed",
                CallOutcome.NoAnswer => "no-answer",
                CallOutcome.Busy => "busy",
                CallOutcome.Voicemail => "voicemail",
                _ => "failed",
            };
            Assert.Equal(expected, final.GetProperty("status").GetString());
            Assert.True(DateTimeOffset.Parse(final.GetProperty("endedAt").GetString()!, CultureInfo.InvariantCulture) > new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));
        }

        // The reader gives each row its outcome (the state stays created).
        var contents = CampaignJournalFile.Read(journal);
        var answered = contents.Rows[2];
        Assert.Equal(CampaignRowState.Created, answered.State);
        Assert.Equal("completed", answered.FinalStatus);
        Assert.Equal(TimeSpan.FromSeconds(10), answered.Duration);
        Assert.NotNull(answered.EndedAt);
        Assert.Equal(2, result.Statuses["completed"]);
        Assert.Equal(1, result.Statuses["busy"]);
    }

    [Fact]
    public async Task Follow_Rerun_PollsOnlyTheRowsNotFinalAndJournalsEachOutcomeOnce()
    {
        using var dir = new TempDir();
        var (emulator, time, journal) = await CampaignAsync(dir, 12);
        await using var owned = emulator;
        // Half the calls take much longer: the first follow is stopped once the quick ones are final.
        foreach (var slow in emulator.Interactions.Where((_, i) => i % 2 == 1))
        {
            slow.ScriptConversation(new EmulatedConversation { Outcome = CallOutcome.Completed, Duration = TimeSpan.FromMinutes(20) });
        }

        using var stop = new CancellationTokenSource();
        var seen = 0;
        var first = await FollowAsync(emulator, time, new CampaignFollowOptions { JournalPath = journal }, stop.Token, _ =>
        {
            if (Interlocked.Increment(ref seen) == 6)
            {
                stop.Cancel();
            }
        });
        Assert.Equal(CampaignStopCause.Requested, first.StopCause);
        var finalAfterFirst = Finals(journal).Select(f => f.GetProperty("id").GetString()!).ToHashSet();
        Assert.InRange(finalAfterFirst.Count, 6, 11);

        var getsBefore = emulator.Requests.Count(r => r.Method == "GET");
        var second = await FollowAsync(emulator, time, new CampaignFollowOptions { JournalPath = journal, Timeout = Timeout.InfiniteTimeSpan });
        Assert.Null(second.StopCause);
        Assert.Equal(finalAfterFirst.Count, second.AlreadyFinal);
        Assert.Equal(12 - finalAfterFirst.Count, second.Followed);
        // No GET of the second run was for an interaction already final.
        var polled = emulator.Requests.Where(r => r.Method == "GET").Skip(getsBefore).Select(r => r.PathAndQuery.Split('/').Last()).ToHashSet();
        Assert.Empty(polled.Intersect(finalAfterFirst));
        var finals = Finals(journal).Select(f => f.GetProperty("id").GetString()!).ToList();
        Assert.Equal(12, finals.Count);
        Assert.Equal(12, finals.Distinct().Count());

        // A third run has nothing to poll.
        var getsThen = emulator.Requests.Count(r => r.Method == "GET");
        var third = await FollowAsync(emulator, time, new CampaignFollowOptions { JournalPath = journal });
        Assert.Equal(12, third.AlreadyFinal);
        Assert.Equal(getsThen, emulator.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task Follow_TornLastLine_IsCutOffAndTheJournalStaysReadable()
    {
        using var dir = new TempDir();
        var (emulator, time, journal) = await CampaignAsync(dir, 3);
        await using var owned = emulator;
        File.AppendAllText(journal, "{\"at\":\"2026-12-07T15:00:00Z\",\"run\":2,\"state\":\"fin");
        Assert.NotNull(CampaignJournalFile.Read(journal).TornLine);

        var result = await FollowAsync(emulator, time, new CampaignFollowOptions { JournalPath = journal });

        Assert.Equal(3, result.Followed);
        var contents = CampaignJournalFile.Read(journal);
        Assert.Null(contents.TornLine);
        Assert.All(contents.Rows.Values, r => Assert.NotNull(r.FinalStatus));
    }

    [Fact]
    public async Task Follow_429_HoldsEveryPollForItsRetryAfter()
    {
        using var dir = new TempDir();
        var (emulator, time, journal) = await CampaignAsync(dir, 6);
        await using var owned = emulator;
        emulator.InjectFault(EmulatedFault.RateLimited(TimeSpan.FromSeconds(30)));

        var result = await FollowAsync(emulator, time, new CampaignFollowOptions { JournalPath = journal, Concurrency = 1 });

        Assert.Equal(6, result.Followed);
        Assert.Equal(1, result.Throttles);
        var gets = emulator.Requests.Where(r => r.Method == "GET").ToList();
        var limited = gets.Single(r => r.StatusCode == 429);
        var next = gets.First(r => r.Sequence > limited.Sequence);
        Assert.True(next.ReceivedAt - limited.ReceivedAt >= TimeSpan.FromSeconds(30), $"polled again {next.ReceivedAt - limited.ReceivedAt} after the 429");
    }

    [Fact]
    public async Task Follow_RatePerMinute_SpacesThePolls()
    {
        using var dir = new TempDir();
        var (emulator, time, journal) = await CampaignAsync(dir, 4);
        await using var owned = emulator;

        await FollowAsync(emulator, time, new CampaignFollowOptions { JournalPath = journal, Concurrency = 4, RatePerMinute = 6 });

        var gets = emulator.Requests.Where(r => r.Method == "GET").Select(r => r.ReceivedAt).Order().ToList();
        Assert.True(gets.Count >= 4);
        for (var i = 1; i < gets.Count; i++)
        {
            Assert.True(gets[i] - gets[i - 1] >= TimeSpan.FromSeconds(9.5), $"poll {i} came {gets[i] - gets[i - 1]} after the one before");
        }
    }

    [Fact]
    public async Task Follow_EmptyOrMissingJournal_IsRefused()
    {
        using var dir = new TempDir();
        var follower = new CampaignFollower(new CampaignFollowOptions { JournalPath = dir.File("none.jsonl") }, () => throw new InvalidOperationException("no client needed"));
        var ex = await Assert.ThrowsAsync<CampaignJournalException>(() => follower.RunAsync());
        Assert.Contains("nothing to follow", ex.Message, StringComparison.Ordinal);
    }
}
