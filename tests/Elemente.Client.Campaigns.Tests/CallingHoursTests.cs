using System.Text;
using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;
using PhoneNumbers;

namespace Elemente.Campaigns.Tests;

/// <summary>
/// Calling hours in each recipient's local time, on a fake clock: nothing is sent outside a window, the rows whose window
/// is open are sent while the others wait, and the run resumes when a window opens.
/// </summary>
public sealed class CallingHoursTests
{
    private const string Eastern = "+12125550100";   // New York
    private const string Pacific = "+14155550100";   // San Francisco
    private const string TwoZones = "+12085550100";  // Idaho: Mountain (Boise) and Pacific (Los Angeles)
    private const string India = "+919876543210";     // +05:30

    [Fact]
    public void Mapper_GivesTheZonesTheseTestsRelyOn()
    {
        static IList<string> Zones(string e164) => PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(PhoneNumberUtil.GetInstance().Parse(e164, "ZZ"));
        Assert.Equal(["America/New_York"], Zones(Eastern));
        Assert.Equal(["America/Los_Angeles"], Zones(Pacific));
        Assert.Equal(["America/Boise", "America/Los_Angeles"], Zones(TwoZones).OrderBy(z => z, StringComparer.Ordinal));
        Assert.Single(Zones(India));
    }

    [Fact]
    public async Task Run_RowsOutsideTheirWindow_WaitForTheNextDayWhileTheOpenOnesAreSent()
    {
        // 19:00 in New York on Monday 9 March 2026 (EDT): open for an hour.
        var start = new DateTimeOffset(2026, 3, 9, 23, 0, 0, TimeSpan.Zero);
        var (result, requests) = await RunAsync(start, [Eastern, India, Pacific], o => o.CallingHours = CallingHours.Parse("09:00-20:00"));

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        var sent = requests.ToDictionary(r => r.Phone, r => r.At);
        Assert.Equal(start, sent[Eastern]);
        Assert.Equal(start, sent[Pacific]);
        // India: 04:30 on Tuesday; waits for 09:00 IST.
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 3, 30, 0, TimeSpan.Zero), sent[India]);
        AssertInsideWindows(requests, new TimeSpan(9, 0, 0), new TimeSpan(20, 0, 0));
    }

    [Fact]
    public async Task Run_ANumberInTwoZones_WaitsOvernightUntilTheWindowIsOpenInBoth()
    {
        // 22:00 in Boise and 21:00 in Los Angeles on Monday 9 March 2026: closed in both; Boise opens an hour before
        // Los Angeles, so the first instant open in both is 09:00 in Los Angeles (10:00 in Boise).
        var start = new DateTimeOffset(2026, 3, 10, 4, 0, 0, TimeSpan.Zero);
        var (result, requests) = await RunAsync(start, [TwoZones], o => o.CallingHours = CallingHours.Parse("09:00-20:00"));

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        var (phone, at) = Assert.Single(requests);
        Assert.Equal(TwoZones, phone);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero), at);
        AssertInsideWindows(requests, new TimeSpan(9, 0, 0), new TimeSpan(20, 0, 0));
    }

    [Fact]
    public async Task Run_AcrossTheDaylightSavingChange_WaitsFromFridayEveningUntilMondayMorningInSummerTime()
    {
        // 20:30 EST on Friday 6 March 2026; New York moves to EDT on Sunday 8 March: Monday 09:00 EDT is 13:00 UTC.
        var start = new DateTimeOffset(2026, 3, 7, 1, 30, 0, TimeSpan.Zero);
        var (result, requests) = await RunAsync(start, [Eastern], o => o.CallingHours = CallingHours.Parse("09:00-20:00", "Mon-Fri"));

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        var (phone, at) = Assert.Single(requests);
        Assert.Equal(Eastern, phone);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 13, 0, 0, TimeSpan.Zero), at);
        AssertInsideWindows(requests, new TimeSpan(9, 0, 0), new TimeSpan(20, 0, 0));
    }

    [Fact]
    public async Task Run_NoWaitForWindow_StopsWithOutsideCallingHoursAndWhenToResume_AndTheRerunThenSendsTheRest()
    {
        var start = new DateTimeOffset(2026, 3, 9, 23, 0, 0, TimeSpan.Zero);
        using var dir = new TempDir();
        var time = new FakeTimeProvider(start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = time });
        var options = Options(dir, [Eastern, India]);
        options.CallingHours = CallingHours.Parse("09:00-20:00");
        options.WaitForWindow = false;

        var first = await new CampaignRunner(options, () => emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 })) { TimeProvider = time }.RunAsync();

        Assert.Equal(CampaignOutcome.OutsideCallingHours, first.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 3, 30, 0, TimeSpan.Zero), first.ResumeAt);
        Assert.Equal(1, first.Waiting);
        Assert.Equal([Eastern], emulator.Interactions.Select(i => i.PhoneNumber));

        time.SetUtcNow(first.ResumeAt!.Value);
        var rerun = await new CampaignRunner(options, () => emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 })) { TimeProvider = time }.RunAsync();

        Assert.Equal(CampaignOutcome.Completed, rerun.Outcome);
        Assert.Equal([Eastern, India], emulator.Interactions.Select(i => i.PhoneNumber));
    }

    [Fact]
    public async Task Run_NoWaitForWindow_ResumeAtIsInUtc_SoAFakeClockSetToItWakes()
    {
        // 23:00 on Monday 9 March in New York (EDT since 8 March): the window opens at 09:00 EDT, 13:00 UTC.
        var start = new DateTimeOffset(2026, 3, 10, 3, 0, 0, TimeSpan.Zero);
        using var dir = new TempDir();
        var time = new FakeTimeProvider(start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = time });
        var options = Options(dir, [Eastern]);
        options.CallingHours = CallingHours.Parse("09:00-20:00");
        options.WaitForWindow = false;

        var result = await new CampaignRunner(options, () => emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 })) { TimeProvider = time }.RunAsync();

        Assert.Equal(CampaignOutcome.OutsideCallingHours, result.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero), result.ResumeAt);
        Assert.Equal(TimeSpan.Zero, result.ResumeAt!.Value.Offset);
        Assert.Empty(emulator.Interactions);
    }

    [Fact]
    public async Task Run_TimeZoneColumnOverridesTheNumber_AndAnUnknownZoneIsRefusedUnlessADefaultIsGiven()
    {
        using var dir = new TempDir();
        var csv = dir.File("mixed.csv");
        File.WriteAllText(csv, "Phone,Zone\n+12125550100,Asia/Kolkata\n+80012345678,\n");
        var start = new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.Zero); // 11:00 in New York, 20:30 in India
        var options = Options(dir, []);
        options.CsvPath = csv;
        options.Map = "phoneNumber=Phone";
        options.CallingHours = CallingHours.Parse("09:00-20:00");
        options.TimeZoneColumn = "Zone";

        var refused = await new CampaignRunner(options, () => throw new InvalidOperationException("not sent")).RunAsync();
        Assert.Equal(CampaignOutcome.InvalidRows, refused.Outcome);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("no time zone is known for +80012345678", problem.Message, StringComparison.Ordinal);

        options.DefaultTimeZone = "Europe/Berlin"; // 16:00 there
        var (result, requests) = await RunAsync(start, options);
        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        var sent = requests.ToDictionary(r => r.Phone, r => r.At);
        Assert.Equal(start, sent["+80012345678"]);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 3, 30, 0, TimeSpan.Zero), sent[Eastern]); // India's 09:00, from the column
    }

    [Fact]
    public async Task Run_StartAt_SendsNothingBefore()
    {
        var start = new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.Zero);
        var at = start.AddHours(5);
        var (result, requests) = await RunAsync(start, [Eastern, Pacific], o => o.StartAt = at);

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        Assert.All(requests, r => Assert.Equal(at, r.At));
    }

    [Theory]
    [InlineData("09:00-20:00", "Mon-Fri", "09:00-20:00 Mon,Tue,Wed,Thu,Fri")]
    [InlineData("8:30-24:00", "Sat-Sun", "08:30-24:00 Sun,Sat")]
    [InlineData(null, "Fri-Mon", "00:00-24:00 Sun,Mon,Fri,Sat")]
    public void Parse_ReadsHoursAndDays(string? hours, string days, string expected) =>
        Assert.Equal(expected, CallingHours.Parse(hours, days).ToString());

    [Theory]
    [InlineData("20:00-09:00", null)]
    [InlineData("9-17", null)]
    [InlineData("09:00-17:00", "Mon-Fry")]
    public void Parse_Refuses(string hours, string? days) =>
        Assert.Throws<FormatException>(() => CallingHours.Parse(hours, days));

    private static CampaignOptions Options(TempDir dir, string[] phones)
    {
        var csv = dir.File("contacts.csv");
        File.WriteAllText(csv, "Phone,First name\n" + string.Concat(phones.Select((p, i) => $"{p},Customer {i}\n")));
        var options = dir.Options(csv);
        options.Region = null;
        return options;
    }

    private static Task<(CampaignResult, List<(string Phone, DateTimeOffset At)>)> RunAsync(DateTimeOffset start, string[] phones, Action<CampaignOptions> configure)
    {
        var dir = new TempDir();
        var options = Options(dir, phones);
        configure(options);
        return RunAsync(start, options, dir);
    }

    /// <summary>Runs on a fake clock that jumps to each instant the run waits for, when nothing is in flight.</summary>
    private static async Task<(CampaignResult, List<(string Phone, DateTimeOffset At)>)> RunAsync(DateTimeOffset start, CampaignOptions options, TempDir? owned = null)
    {
        using var dir = owned;
        var time = new FakeTimeProvider(start);
        using var api = new ClockedApi(time);
        return (await ClockedRun.RunAsync(time, options, api), api.Created);
    }

    /// <summary>Independently of the runner: each request arrived inside the window in every zone of its number.</summary>
    private static void AssertInsideWindows(List<(string Phone, DateTimeOffset At)> requests, TimeSpan open, TimeSpan close) =>
        ClockedRun.AssertInsideWindows(requests, open, close);
}
