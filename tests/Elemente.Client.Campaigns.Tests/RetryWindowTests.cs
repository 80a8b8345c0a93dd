using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Elemente.Campaigns.Tests;

/// <summary>A row refused with 429 is retried only inside its calling hours (and its day's limit), on a fake clock.</summary>
public sealed class RetryWindowTests
{
    private const string Eastern = "+12125550100"; // New York

    // Monday 9 March 2026, 19:59 in New York (EDT): the window closes a minute later.
    private static readonly DateTimeOffset OneMinuteToClosing = new(2026, 3, 9, 23, 59, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_RefusedWith429AsTheWindowCloses_TheRetryWaitsForTheNextOpening()
    {
        using var dir = new TempDir();
        var options = DailyLimitTests.Options(dir, [Eastern]);
        options.CallingHours = CallingHours.Parse("09:00-20:00");
        var time = new FakeTimeProvider(OneMinuteToClosing);
        using var api = new ClockedApi(time, request => request == 1 ? TooManyRequests(time) : null);

        var result = await ClockedRun.RunAsync(time, options, api);

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        Assert.Equal(2, api.Requests);
        var (phone, at) = Assert.Single(api.Created);
        Assert.Equal(Eastern, phone);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero), at); // 09:00 on Tuesday in New York
        ClockedRun.AssertInsideWindows(api.Created, new TimeSpan(9, 0, 0), new TimeSpan(20, 0, 0));

        // While it waited, the journal held it as failed (provably not processed: a rerun would send it), not sending.
        var states = JournalLines.Events(options.EffectiveJournalPath).Select(e => e.GetProperty("state").GetString()).ToList();
        Assert.Equal(["run-start", "sending", "failed", "sending", "created", "run-end"], states);
    }

    [Fact]
    public async Task Run_RefusedWith429AsTheWindowCloses_NoWaitForWindow_StopsWithTheRowFailedAndResumeAt()
    {
        using var dir = new TempDir();
        var options = DailyLimitTests.Options(dir, [Eastern]);
        options.CallingHours = CallingHours.Parse("09:00-20:00");
        options.WaitForWindow = false;
        var time = new FakeTimeProvider(OneMinuteToClosing);
        using var api = new ClockedApi(time, request => request == 1 ? TooManyRequests(time) : null);

        var result = await ClockedRun.RunAsync(time, options, api);

        Assert.Equal(CampaignOutcome.OutsideCallingHours, result.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero), result.ResumeAt);
        Assert.Equal(1, result.Waiting);
        Assert.Empty(api.Created);
        Assert.Equal(0, result.Counters.Failed);
        var rows = CampaignJournalFile.Read(options.EffectiveJournalPath).Rows;
        Assert.Equal(CampaignRowState.Failed, Assert.Single(rows.Values).State);
    }

    /// <summary>A 429 whose answer took two minutes (the clock moves on while it is in flight): retry at once.</summary>
    private static HttpResponseMessage TooManyRequests(FakeTimeProvider time)
    {
        time.Advance(TimeSpan.FromMinutes(2));
        var answer = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("{\"message\":\"slow down\"}", Encoding.UTF8, "application/json") };
        answer.Headers.Add("Retry-After", "0");
        return answer;
    }
}
