using Microsoft.Extensions.Time.Testing;

namespace Elemente.Campaigns.Tests;

/// <summary>
/// <see cref="CampaignOptions.DailyLimit"/> on a fake clock: at most N creates for each date, each counted on the date it
/// is in the recipient's time zone; the rest wait for the next local day, and a rerun counts the journal's creates.
/// </summary>
public sealed class DailyLimitTests
{
    private const string Eastern = "+12125550100";   // New York
    private const string India = "+919876543210";     // +05:30

    // Monday 9 March 2026, 23:00 UTC: 19:00 in New York (EDT), 04:30 on Tuesday 10 March in India.
    private static readonly DateTimeOffset MondayEvening = new(2026, 3, 9, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_TwoZonesOverThreeLocalDays_CreatesAtMostTheLimitPerLocalDate()
    {
        using var dir = new TempDir();
        string[] eastern = [Eastern, "+12125550101", "+12125550102"];
        string[] india = [India, "+919876543211", "+919876543212"];
        var options = Options(dir, [.. eastern, .. india]);
        options.DailyLimit = 2;
        var time = new FakeTimeProvider(MondayEvening);
        using var api = new ClockedApi(time);

        var result = await ClockedRun.RunAsync(time, options, api);

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        var sent = api.Created.ToDictionary(r => r.Phone, r => r.At);
        Assert.Equal(6, sent.Count);
        // 9 March in New York: two; the third waits for New York's 10 March, which India's two have filled already.
        Assert.Equal(MondayEvening, sent[eastern[0]]);
        Assert.Equal(MondayEvening, sent[eastern[1]]);
        Assert.Equal(MondayEvening, sent[india[0]]);
        Assert.Equal(MondayEvening, sent[india[1]]);
        // India's 11 March begins at 18:30 UTC on the 10th; New York's at 04:00 UTC on the 11th.
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 18, 30, 0, TimeSpan.Zero), sent[india[2]]);
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 4, 0, 0, TimeSpan.Zero), sent[eastern[2]]);
        AssertAtMostPerLocalDate(api.Created, 2);
    }

    [Fact]
    public async Task Run_LimitReachedInsideCallingHours_TheRestWaitForTheNextDaysWindow()
    {
        using var dir = new TempDir();
        var options = Options(dir, [Eastern, "+12125550101"]);
        options.DailyLimit = 1;
        options.CallingHours = CallingHours.Parse("09:00-20:00");
        var time = new FakeTimeProvider(MondayEvening);
        using var api = new ClockedApi(time);

        var result = await ClockedRun.RunAsync(time, options, api);

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        Assert.Equal([(Eastern, MondayEvening), ("+12125550101", new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero))], api.Created);
        ClockedRun.AssertInsideWindows(api.Created, new TimeSpan(9, 0, 0), new TimeSpan(20, 0, 0));
    }

    [Fact]
    public async Task Run_NoWaitForWindow_StopsWhenTheLimitIsReached_AndReruns_CountTheJournalsCreatesOfTheLocalDay()
    {
        using var dir = new TempDir();
        var options = Options(dir, [Eastern, "+12125550101", "+12125550102", "+12125550103"]);
        options.DailyLimit = 2;
        options.WaitForWindow = false;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.Zero)); // 11:00 in New York
        using var api = new ClockedApi(time);

        var first = await ClockedRun.RunAsync(time, options, api);

        Assert.Equal(CampaignOutcome.OutsideCallingHours, first.Outcome);
        Assert.Equal(2, first.Counters.Created);
        Assert.Equal(2, first.Waiting);
        var midnight = new DateTimeOffset(2026, 3, 10, 4, 0, 0, TimeSpan.Zero);
        Assert.Equal(midnight, first.ResumeAt);

        // An hour later, the same local day: the journal's two creates fill it; nothing is sent.
        time.Advance(TimeSpan.FromHours(1));
        var sameDay = await ClockedRun.RunAsync(time, options, api);
        Assert.Equal(CampaignOutcome.OutsideCallingHours, sameDay.Outcome);
        Assert.Equal(0, sameDay.Counters.Created);
        Assert.Equal(midnight, sameDay.ResumeAt);
        Assert.Equal(2, api.Requests);

        time.SetUtcNow(midnight);
        var nextDay = await ClockedRun.RunAsync(time, options, api);
        Assert.Equal(CampaignOutcome.Completed, nextDay.Outcome);
        Assert.Equal(2, nextDay.Counters.Created);
        Assert.Equal(4, api.Created.Count);
        AssertAtMostPerLocalDate(api.Created, 2);
    }

    [Fact]
    public async Task Run_NoWaitForWindow_RowsEndingAsItDecides_NeverAnnounceAWaitItDoesNotMake()
    {
        // The run above once failed its same-day rerun: the first run's last rows ended between two reads of "idle", so
        // it told the fake clock it would wait for midnight (OnIdleUntil), then stopped; the clock jumped to midnight and
        // the rerun found a new day. Here the rows end exactly there: in flight when the run decides not to stop yet, done
        // by the time it sets its timer for the window.
        using var dir = new TempDir();
        var options = Options(dir, [Eastern, "+12125550101", "+12125550102"]);
        options.DailyLimit = 2;
        options.WaitForWindow = false;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.Zero));
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var api = new GatedApi(answer.Task);
        var told = new List<DateTimeOffset>();
        CampaignRunner runner = null!;
        var clock = new TimerHookClock(time, () =>
        {
            // The run is setting its timer for the window with both rows in flight: let them end, and wait until they have.
            answer.TrySetResult();
            SpinWait.SpinUntil(() => runner.Counters.Created == 2, TimeSpan.FromSeconds(60));
            Thread.Sleep(TimeSpan.FromMilliseconds(500));
        });
        runner = new CampaignRunner(options, api.Client) { TimeProvider = clock, OnIdleUntil = told.Add };

        var result = await runner.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(CampaignOutcome.OutsideCallingHours, result.Outcome);
        Assert.Equal(2, result.Counters.Created);
        Assert.True(clock.Hooked, "the run set no timer for the window while rows were in flight: the test did not reach the race");
        Assert.Empty(told);
    }

    [Fact]
    public async Task Run_RowsWithNoZone_CountOnTheDefaultZonesDate()
    {
        using var dir = new TempDir();
        var csv = dir.File("emails.csv");
        File.WriteAllText(csv, "Email\na@example.com\nb@example.com\n");
        var options = dir.Options(csv);
        options.Map = "email=Email";
        options.Channel = InteractionChannel.Email;
        options.DailyLimit = 1;
        options.DefaultTimeZone = "Asia/Kolkata";
        var time = new FakeTimeProvider(MondayEvening);
        using var api = new ClockedApi(time);

        var result = await ClockedRun.RunAsync(time, options, api);

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        // India's 11 March begins at 18:30 UTC on the 10th (in UTC, the next day would begin at midnight).
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 18, 30, 0, TimeSpan.Zero), api.Created[1].At);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task RunAsync_DailyLimitBelowOne_IsRefusedNamingIt(int limit)
    {
        using var dir = new TempDir();
        var options = dir.Options(dir.Contacts(1));
        options.DailyLimit = limit;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new CampaignRunner(options, () => throw new InvalidOperationException("no client")).RunAsync());

        Assert.Contains("CampaignOptions.DailyLimit", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Independently of the runner: the creates counted on each date of their recipient's zone.</summary>
    private static void AssertAtMostPerLocalDate(IEnumerable<(string Phone, DateTimeOffset At)> created, int limit)
    {
        foreach (var day in created.GroupBy(c => TimeZoneInfo.ConvertTime(c.At, ClockedRun.Zones(c.Phone).First()).Date))
        {
            Assert.True(day.Count() <= limit, $"{day.Count()} creates on {day.Key:yyyy-MM-dd}: {string.Join(", ", day)}");
        }
    }

    // Creates every call once the gate opens.
    private sealed class GatedApi(Task gate) : HttpMessageHandler
    {
        private int _count;

        public ElementeClient Client() => ClockedApi.ClientOn(this);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.Created)
            {
                Content = new StringContent($"{{\"id\":\"call-{Interlocked.Increment(ref _count)}\"}}", System.Text.Encoding.UTF8, "application/json"),
            };
        }
    }

    // The fake clock, calling a hook (once) when a timer is set for longer than an hour: the run's wait for a window.
    private sealed class TimerHookClock(FakeTimeProvider time, Action hook) : TimeProvider
    {
        public bool Hooked { get; private set; }

        public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

        public override TimeZoneInfo LocalTimeZone => time.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (!Hooked && dueTime > TimeSpan.FromHours(1))
            {
                Hooked = true;
                hook();
            }

            return time.CreateTimer(callback, state, dueTime, period);
        }
    }

    internal static CampaignOptions Options(TempDir dir, string[] phones)
    {
        var csv = dir.File("contacts.csv");
        File.WriteAllText(csv, "Phone,First name\n" + string.Concat(phones.Select((p, i) => $"{p},Customer {i}\n")));
        var options = dir.Options(csv);
        options.Region = null;
        return options;
    }
}
