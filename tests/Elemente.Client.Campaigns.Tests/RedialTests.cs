using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Elemente.Campaigns.Tests;

/// <summary>
/// A campaign run that follows its calls (<see cref="CampaignOptions.Follow"/>) and redials them
/// (<see cref="CampaignOptions.Redial"/>), against the emulator on a fake clock.
/// </summary>
public sealed class RedialTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 15, 0, 0, TimeSpan.Zero);

    private static string E164(int i) => string.Create(CultureInfo.InvariantCulture, $"+1215555{i:0000}");

    private static CampaignOptions Options(TempDir dir, int rows, int maxAttempts = 3, string redial = "no-answer,busy", string delays = "30m,2h")
    {
        var options = dir.Options(dir.Contacts(rows));
        options.Follow = new CampaignFollowOptions();
        options.Redial = new RedialPolicy(RedialPolicy.ParseStatuses(redial), maxAttempts, RedialPolicy.ParseDelays(delays));
        return options;
    }

    /// <summary>
    /// Runs on a fake clock: half a second at a time while calls are followed, and straight to the instant the run waits
    /// for when nothing is in flight (a redial's delay, a window).
    /// </summary>
    private static async Task<CampaignResult> RunAsync(ElementeEmulator emulator, FakeTimeProvider time, CampaignOptions options)
    {
        var waits = System.Threading.Channels.Channel.CreateUnbounded<DateTimeOffset>();
        using var client = emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 });
        var runner = new CampaignRunner(options, client) { TimeProvider = time, OnIdleUntil = until => waits.Writer.TryWrite(until) };
        var run = runner.RunAsync();
        for (var step = 0; !run.IsCompleted && step < 50_000; step++)
        {
            await Task.Delay(1);
            var until = DateTimeOffset.MinValue;
            while (waits.Reader.TryRead(out var next))
            {
                until = next;
            }

            if (until > time.GetUtcNow())
            {
                time.SetUtcNow(until.ToUniversalTime());
            }
            else
            {
                time.Advance(TimeSpan.FromMilliseconds(500));
            }
        }

        return await run.WaitAsync(TimeSpan.FromMinutes(2));
    }

    private static (ElementeEmulator Emulator, FakeTimeProvider Time) Emulator(DateTimeOffset? start = null)
    {
        var time = new FakeTimeProvider(start ?? Start);
        return (new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = time }), time);
    }

    /// <summary>Each number's interactions at the emulator, oldest first.</summary>
    private static List<EmulatedInteraction> Calls(ElementeEmulator emulator, int i) =>
        emulator.Interactions.Where(c => c.PhoneNumber == E164(i)).OrderBy(c => c.CreatedAt).ToList();

    /// <summary>The journal's final events, by interaction id: (attempt, status, seen final at).</summary>
    private static Dictionary<string, (int Attempt, string Status, DateTimeOffset EndedAt)> Finals(string journal) =>
        JournalLines.Events(journal).Where(e => e.GetProperty("state").GetString() == "final").ToDictionary(
            e => e.GetProperty("id").GetString()!,
            e => (e.GetProperty("attempt").GetInt32(), e.GetProperty("status").GetString()!, DateTimeOffset.Parse(e.GetProperty("endedAt").GetString()!, CultureInfo.InvariantCulture)));

    [Fact]
    public async Task Redial_OnlyTheStatusesInTheSet_AfterEachDelay_UpToTheMostAttempts()
    {
        using var dir = new TempDir();
        var (emulator, time) = Emulator();
        await using var owned = emulator;
        CallOutcome[] scripted = [CallOutcome.NoAnswer, CallOutcome.Busy, CallOutcome.Completed, CallOutcome.Voicemail, CallOutcome.Failed];
        for (var i = 0; i < scripted.Length; i++)
        {
            emulator.ScriptOutcome(E164(i), scripted[i]);
        }

        var options = Options(dir, scripted.Length, maxAttempts: 4);
        var result = await RunAsync(emulator, time, options);

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        Assert.Equal([4, 4, 1, 1, 1], Enumerable.Range(0, scripted.Length).Select(i => Calls(emulator, i).Count));
        Assert.Equal(6, result.Counters.Redials);

        // Each redial came its delay after the attempt before it was seen final (30 min, then 2 h, then 2 h again), and
        // not much later: nothing else held it.
        var finals = Finals(options.EffectiveJournalPath);
        TimeSpan[] delays = [TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(2)];
        foreach (var i in new[] { 0, 1 })
        {
            var calls = Calls(emulator, i);
            for (var k = 1; k < calls.Count; k++)
            {
                var previous = finals[calls[k - 1].Id];
                Assert.Equal(k, previous.Attempt);
                var gap = calls[k].CreatedAt - previous.EndedAt;
                Assert.True(gap >= delays[k - 1] && gap < delays[k - 1] + TimeSpan.FromMinutes(1), $"row {i} attempt {k + 1} came {gap} after attempt {k} ended");
            }
        }

        // The journal gives each attempt its number; the export lists every attempt's interaction.
        var events = JournalLines.Events(options.EffectiveJournalPath).Where(e => e.GetProperty("state").GetString() == "created" && e.GetProperty("line").GetInt32() == 2);
        Assert.Equal([1, 2, 3, 4], events.Select(e => e.GetProperty("attempt").GetInt32()));
        var export = CampaignExport.Read(CampaignJournalFile.Read(options.EffectiveJournalPath));
        Assert.Equal(4, export.Rows[0].Attempts);
        Assert.Equal(Calls(emulator, 0).Select(c => c.Id), export.Rows[0].InteractionIds);
        Assert.Equal("no-answer", export.Rows[0].FinalStatus);
        Assert.Equal("completed", export.Rows[2].FinalStatus);
        var report = CampaignReport.From(CampaignJournalFile.Read(options.EffectiveJournalPath));
        Assert.Equal([("1", 3), ("4", 2)], report.AttemptsPerRow.Select(a => (a.Label, a.Count)));
    }

    [Fact]
    public async Task Redial_NoAnswerTwiceThenCompleted_EndsWithTheAnsweredCall()
    {
        using var dir = new TempDir();
        var (emulator, time) = Emulator();
        await using var owned = emulator;
        emulator.ScriptNextOutcome(CallOutcome.NoAnswer);
        emulator.ScriptNextOutcome(CallOutcome.NoAnswer);
        emulator.ScriptNextOutcome(CallOutcome.Completed);

        var options = Options(dir, 1, maxAttempts: 5);
        var result = await RunAsync(emulator, time, options);

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        Assert.Equal([CallOutcome.NoAnswer, CallOutcome.NoAnswer, CallOutcome.Completed], Calls(emulator, 0).Select(c => c.Outcome));
        var row = CampaignJournalFile.Read(options.EffectiveJournalPath).Rows[2];
        Assert.Equal(3, row.Attempt);
        Assert.Equal("completed", row.FinalStatus);
        Assert.Equal(1, result.FinalStatuses["completed"]);
        Assert.Equal(2, result.FinalStatuses["no-answer"]);
    }

    [Fact]
    public async Task Redial_NeverAfterAnUnknownOrSendingAttempt()
    {
        using var dir = new TempDir();
        var (emulator, time) = Emulator();
        await using var owned = emulator;
        for (var i = 0; i < 3; i++)
        {
            emulator.ScriptOutcome(E164(i), CallOutcome.NoAnswer);
        }

        // Line 2's create is processed but its answer lost: unknown. The other two are redialed once (2 attempts).
        emulator.InjectFault(EmulatedFault.DropConnectionAfterProcessing().ForOperation(EmulatorOperations.CreateCall));
        var firstOptions = Options(dir, 3, maxAttempts: 2);
        firstOptions.Concurrency = 1;
        var journal = firstOptions.EffectiveJournalPath;

        // Then killed while line 3's third attempt was in flight: its sending mark is the journal's last word on it.
        var first = await RunAsync(emulator, time, firstOptions);
        Assert.Equal(CampaignOutcome.RowsFailed, first.Outcome);
        var line3 = CampaignJournalFile.Read(journal).Rows[3];
        File.AppendAllText(journal, JsonSerializer.Serialize(new { at = Start, run = 9, state = "sending", line = 3, key = line3.Key, attempt = 3 }) + "\n");

        var rerun = await RunAsync(emulator, time, Options(dir, 3, maxAttempts: 3));

        Assert.Single(Calls(emulator, 0));
        Assert.Equal(2, Calls(emulator, 1).Count);
        Assert.Equal(3, Calls(emulator, 2).Count);
        var rows = CampaignJournalFile.Read(journal).Rows;
        Assert.Equal(CampaignRowState.Unknown, rows[2].State);
        Assert.Equal(CampaignRowState.Unknown, rows[3].State);
        Assert.Equal(3, rows[3].Attempt);
        Assert.Equal("no-answer", rows[4].FinalStatus);
        Assert.Equal(3, rows[4].Attempt);
        Assert.Equal(1, rerun.Counters.Redials);
    }

    [Fact]
    public async Task Redial_DueOutsideCallingHours_WaitsForTheWindow()
    {
        // 19:00 in New York on Monday 9 March 2026 (EDT): the redial 2 h after the first attempt falls at 21:00, closed;
        // it waits for 09:00 on Tuesday (13:00 UTC).
        using var dir = new TempDir();
        var (emulator, time) = Emulator(new DateTimeOffset(2026, 3, 9, 23, 0, 0, TimeSpan.Zero));
        await using var owned = emulator;
        emulator.ScriptOutcome("+12125550100", CallOutcome.Busy);
        var csv = dir.File("ny.csv");
        File.WriteAllText(csv, "Phone,First name\n+12125550100,Ann\n");
        var options = dir.Options(csv);
        options.Follow = new CampaignFollowOptions();
        options.Redial = new RedialPolicy([InteractionStatus.Busy], 2, [TimeSpan.FromHours(2)]);
        options.CallingHours = CallingHours.Parse("09:00-20:00");

        var result = await RunAsync(emulator, time, options);

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        var calls = emulator.Interactions.OrderBy(c => c.CreatedAt).ToList();
        Assert.Equal(2, calls.Count);
        var opens = new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero);
        Assert.InRange(calls[1].CreatedAt, opens, opens + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Rerun_ResumesFollowingTheCreatedCalls_AndStopsForARedialWithResumeAt_ThenPlacesItOnce()
    {
        using var dir = new TempDir();
        var (emulator, time) = Emulator();
        await using var owned = emulator;
        emulator.ScriptOutcome(E164(0), CallOutcome.NoAnswer);
        emulator.ScriptOutcome(E164(1), CallOutcome.Completed);
        var options = Options(dir, 2);
        var plain = dir.Options(options.CsvPath);

        // A run that created both calls and did not follow them.
        using (var client = emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 }))
        {
            Assert.Equal(CampaignOutcome.Completed, (await new CampaignRunner(plain, client) { TimeProvider = time }.RunAsync()).Outcome);
        }

        // The rerun follows both (no new create), and stops while line 2's redial waits for its delay.
        options.WaitForWindow = false;
        var second = await RunAsync(emulator, time, options);
        Assert.Equal(CampaignOutcome.OutsideCallingHours, second.Outcome);
        Assert.Equal(2, second.Counters.Followed);
        Assert.Equal(2, emulator.Interactions.Count);
        var seen = CampaignJournalFile.Read(options.EffectiveJournalPath).Rows[2].EndedAt!.Value;
        Assert.Equal(seen + TimeSpan.FromMinutes(30), second.ResumeAt);

        // Before the resume time, a rerun places nothing; at it, the redial is placed once, then followed.
        var early = await RunAsync(emulator, time, options);
        Assert.Equal(CampaignOutcome.OutsideCallingHours, early.Outcome);
        Assert.Equal(2, emulator.Interactions.Count);
        time.SetUtcNow(second.ResumeAt!.Value);
        options.WaitForWindow = true;
        var third = await RunAsync(emulator, time, options);
        Assert.Equal(CampaignOutcome.Completed, third.Outcome);
        Assert.Equal(3, Calls(emulator, 0).Count);
        Assert.Single(Calls(emulator, 1));
        Assert.All(CampaignJournalFile.Read(options.EffectiveJournalPath).Rows.Values, r => Assert.NotNull(r.FinalStatus));
    }

    [Fact]
    public async Task Redial_OfARowPutOnADoNotCallListSinceItsLastAttempt_IsNeverPlaced()
    {
        using var dir = new TempDir();
        var (emulator, time) = Emulator();
        await using var owned = emulator;
        emulator.ScriptOutcome(E164(0), CallOutcome.NoAnswer);
        var options = Options(dir, 1);
        options.WaitForWindow = false;

        // The first attempt is followed to no-answer; its redial waits for its delay.
        var first = await RunAsync(emulator, time, options);
        Assert.Equal(CampaignOutcome.OutsideCallingHours, first.Outcome);
        Assert.Single(Calls(emulator, 0));

        // Meanwhile the customer asked not to be called: the rerun at the redial's time places nothing.
        options.SuppressionLists.Add(SuppressionList.Create("dnc.txt", [E164(0)], options.Region));
        options.WaitForWindow = true;
        time.SetUtcNow(first.ResumeAt!.Value);
        var second = await RunAsync(emulator, time, options);

        Assert.Equal(CampaignOutcome.Completed, second.Outcome);
        Assert.Single(Calls(emulator, 0));
        Assert.Equal(0, second.Counters.Redials);
        Assert.Equal(1, CampaignJournalFile.Read(options.EffectiveJournalPath).Rows[2].Attempts);
    }

    [Fact]
    public async Task Rerun_UnderADailyLimit_CountsEveryAttemptOfTheLocalDay_NotOnlyEachRowsLast()
    {
        using var dir = new TempDir();
        var (emulator, time) = Emulator(); // 10:00 in Philadelphia (+1 215)
        await using var owned = emulator;
        emulator.ScriptOutcome(E164(0), CallOutcome.NoAnswer);
        emulator.ScriptOutcome(E164(1), CallOutcome.Completed);
        var options = Options(dir, 2);
        options.DailyLimit = 3;
        options.WaitForWindow = false;

        // Two creates; line 2 rang out: its redial waits 30 minutes. The rerun then places it: three creates today.
        var first = await RunAsync(emulator, time, options);
        time.SetUtcNow(first.ResumeAt!.Value);
        var second = await RunAsync(emulator, time, options);
        Assert.Equal(2, Calls(emulator, 0).Count);
        Assert.Equal(CampaignOutcome.OutsideCallingHours, second.Outcome);

        // Two hours later, the same local day: line 2's two attempts and line 3's one fill it; the redial waits for tomorrow.
        time.SetUtcNow(second.ResumeAt!.Value);
        var third = await RunAsync(emulator, time, options);

        Assert.Equal(CampaignOutcome.OutsideCallingHours, third.Outcome);
        Assert.Equal(2, Calls(emulator, 0).Count);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 5, 0, 0, TimeSpan.Zero), third.ResumeAt);
    }

    [Fact]
    public async Task Rerun_UnderADailyLimit_CountsACreateOfUnknownOutcome()
    {
        using var dir = new TempDir();
        var (emulator, time) = Emulator();
        await using var owned = emulator;
        var options = dir.Options(dir.Contacts(3));
        options.Concurrency = 1;
        options.DailyLimit = 2;
        options.WaitForWindow = false;

        // Line 2's create is processed but its answer lost (unknown: it may have reached the customer); line 3 is
        // created; line 4 waits for tomorrow.
        emulator.InjectFault(EmulatedFault.DropConnectionAfterProcessing().ForOperation(EmulatorOperations.CreateCall));
        await RunAsync(emulator, time, options);
        Assert.Equal(CampaignRowState.Unknown, CampaignJournalFile.Read(options.EffectiveJournalPath).Rows[2].State);
        Assert.Equal(2, emulator.Interactions.Count);

        // An hour later, the same local day: the unknown create counts, so line 4 still waits.
        time.Advance(TimeSpan.FromHours(1));
        var rerun = await RunAsync(emulator, time, options);

        Assert.Equal(2, emulator.Interactions.Count);
        Assert.Equal(1, rerun.Waiting);
    }

    [Fact]
    public async Task OldJournal_WithoutAttemptNumbers_ReadsAsAttemptOne_AndIsFollowedAndRedialed()
    {
        using var dir = new TempDir();
        var (emulator, time) = Emulator();
        await using var owned = emulator;
        emulator.ScriptOutcome(E164(0), CallOutcome.NoAnswer);
        var options = Options(dir, 1, maxAttempts: 2);
        using (var client = emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 }))
        {
            await new CampaignRunner(dir.Options(options.CsvPath), client) { TimeProvider = time }.RunAsync();
        }

        var journal = options.EffectiveJournalPath;
        File.WriteAllText(journal, Regex.Replace(File.ReadAllText(journal), ",\"attempt\":[0-9]+", string.Empty));
        Assert.DoesNotContain("attempt", File.ReadAllText(journal), StringComparison.Ordinal);
        var row = CampaignJournalFile.Read(journal).Rows[2];
        Assert.Equal(1, row.Attempt);
        Assert.Equal(1, row.Attempts);

        var result = await RunAsync(emulator, time, options);

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        Assert.Equal(2, Calls(emulator, 0).Count);
        Assert.Equal(2, CampaignJournalFile.Read(journal).Rows[2].Attempt);
    }

    [Fact]
    public async Task Options_RedialWithoutFollow_AndBadPolicies_AreRefused()
    {
        using var dir = new TempDir();
        var options = dir.Options(dir.Contacts(1));
        options.Redial = new RedialPolicy([InteractionStatus.NoAnswer], 3, [TimeSpan.FromMinutes(30)]);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new CampaignRunner(options, () => throw new InvalidOperationException()).RunAsync());
        Assert.Contains("Follow", ex.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => new RedialPolicy([InteractionStatus.Completed], 3, [TimeSpan.FromMinutes(1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RedialPolicy([InteractionStatus.Busy], 1, [TimeSpan.FromMinutes(1)]));
        Assert.Throws<ArgumentException>(() => new RedialPolicy([InteractionStatus.Busy], 3, []));
        Assert.Contains("voicemail", Assert.Throws<FormatException>(() => RedialPolicy.ParseStatuses("no-answer,answered")).Message, StringComparison.Ordinal);
        Assert.Equal([TimeSpan.FromSeconds(45), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromDays(1)], RedialPolicy.ParseDelays("45s, 30m,2h,1d"));
        Assert.Throws<FormatException>(() => RedialPolicy.ParseDelays("30"));
        Assert.Throws<FormatException>(() => RedialPolicy.ParseDelays("-5m"));
        var policy = new RedialPolicy([InteractionStatus.NoAnswer], 4, [TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)]);
        Assert.Equal([TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(2)], new[] { 1, 2, 3 }.Select(policy.DelayAfter));
        Assert.True(policy.Redials(3, "no-answer"));
        Assert.False(policy.Redials(4, "no-answer"));
        Assert.False(policy.Redials(1, "busy"));
        Assert.False(policy.Redials(1, null));
    }
}
