using System.Globalization;

namespace Elemente.Cli.Tests;

/// <summary>
/// campaign run's --calling-hours, --days, --time-zone-column, --default-time-zone, --no-wait-for-window, --start-at
/// and --daily-limit against the emulator's loopback server (the scheduling itself is tested on a fake clock in
/// Elemente.Client.Campaigns.Tests).
/// </summary>
public sealed class CallingHoursCliTests : EmulatorTest
{
    private string Journal => Dir.File("journal.jsonl");

    [Theory]
    [InlineData("--calling-hours", "20:00-09:00")]
    [InlineData("--calling-hours", "9-17")]
    [InlineData("--days", "Mon-Fry")]
    [InlineData("--days", "Mon-")]
    [InlineData("--default-time-zone", "Mars/Olympus_Mons")]
    [InlineData("--time-zone-column", "Nope")]
    [InlineData("--start-at", "tomorrow")]
    [InlineData("--start-at", "2026-03-09T09:00:00")]
    [InlineData("--daily-limit", "0")]
    public async Task Run_BadOption_NamesItAndSendsNothing(string option, string value)
    {
        var csv = Cli.Contacts(Dir, 2);
        string[] hours = option is "--calling-hours" ? [] : ["--calling-hours", "00:00-24:00"];

        var (code, _, error) = await Cli.RunAsync(Cli.Campaign(csv, Url, Journal, [.. hours, option, value]));

        Assert.Equal(2, code);
        Assert.StartsWith("error: " + option + ":", error, StringComparison.Ordinal);
        Assert.Contains(value, error, StringComparison.Ordinal);
        Assert.Equal(0, Cli.Posts(Emulator));
    }

    [Theory]
    [InlineData("--time-zone-column", "Zone")]
    [InlineData("--default-time-zone", "Europe/Berlin")]
    [InlineData("--no-wait-for-window", null)]
    public async Task Run_ZoneOptionsWithoutCallingHoursOrDailyLimit_AreRefusedNamingThem(string option, string? value)
    {
        var csv = Cli.Contacts(Dir, 1);

        var (code, _, error) = await Cli.RunAsync(Cli.Campaign(csv, Url, Journal, value is null ? [option] : [option, value]));

        Assert.Equal(2, code);
        Assert.Contains(option + " needs --calling-hours or --daily-limit", error, StringComparison.Ordinal);
        Assert.Equal(0, Cli.Posts(Emulator));
    }

    [Fact]
    public async Task Run_NoWaitForWindow_InAChildProcess_Exits7AndPrintsWhenToResumeInUtcAndLocalTime()
    {
        // Each row's zone is one where it is about noon now; the window opens at its next midnight, hours away.
        var (zone, offset) = NoonZone();
        var csv = Dir.Write("zoned.csv", $"Phone,First name,Zone\n+12155550100,Ann,{zone}\n+12155550101,Bob,{zone}\n");
        var now = DateTimeOffset.UtcNow;
        var local = now.ToOffset(offset);
        var resumeAt = new DateTimeOffset(local.Date.AddDays(1), offset).ToUniversalTime();

        var args = Cli.Campaign(csv, Url, Journal, "--map", "phoneNumber=Phone,firstName=First name", "--calling-hours", "00:00-01:00", "--time-zone-column", "Zone", "--no-wait-for-window");
        args[Array.IndexOf(args, "--output") + 1] = "text";

        var (code, output, error) = await Cli.RunChildAsync(args, new Dictionary<string, string?> { ["TZ"] = "Asia/Kolkata" });

        Assert.True(code == 7, $"exit {code}\n{output}\n{error}");
        Assert.Empty(Emulator.Interactions);
        var utc = resumeAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z";
        var kolkata = resumeAt.ToOffset(new TimeSpan(5, 30, 0)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " +05:30";
        Assert.Contains("2 row(s) wait", error, StringComparison.Ordinal);
        Assert.Contains($"rerun at {utc} ({kolkata} local time)", error, StringComparison.Ordinal);
        Assert.Contains("waiting", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DailyLimit_JsonSaysHowManyWaitAndWhenTheNextLocalDayBegins_AndARerunTheSameDaySendsNothing()
    {
        var (zone, offset) = NoonZone();
        var csv = Dir.Write("zoned.csv", $"Phone,First name,Zone\n+12155550100,Ann,{zone}\n+12155550101,Bob,{zone}\n+12155550102,Cy,{zone}\n");
        var nextDay = new DateTimeOffset(DateTimeOffset.UtcNow.ToOffset(offset).Date.AddDays(1), offset).ToUniversalTime();
        string[] args = Cli.Campaign(csv, Url, Journal, "--map", "phoneNumber=Phone,firstName=First name", "--daily-limit", "2", "--time-zone-column", "Zone", "--no-wait-for-window");

        var (code, output, error) = await Cli.RunAsync(args);
        var (again, againOutput, _) = await Cli.RunAsync(args);

        Assert.True(code == 7, $"exit {code}\n{output}\n{error}");
        var json = Cli.Json(output);
        Assert.Equal(2, json.GetProperty("created").GetInt32());
        Assert.Equal(1, json.GetProperty("waiting").GetInt32());
        Assert.Equal(nextDay, json.GetProperty("resumeAt").GetDateTimeOffset());
        Assert.Equal(7, again);
        Assert.Equal(0, Cli.Json(againOutput).GetProperty("created").GetInt32());
        Assert.Equal(2, Emulator.Interactions.Count);
    }

    [Fact]
    public async Task Run_StartAtAFewSecondsAhead_CreatesNothingBefore()
    {
        var csv = Cli.Contacts(Dir, 2);
        var startAt = DateTimeOffset.UtcNow.AddSeconds(4);
        var text = startAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

        var (code, output, error) = await Cli.RunAsync(Cli.Campaign(csv, Url, Journal, "--start-at", text));

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        Assert.Equal(2, Emulator.Interactions.Count);
        Assert.All(Emulator.Interactions, i => Assert.True(i.CreatedAt >= startAt, $"created at {i.CreatedAt:O}, before {text}"));
    }

    [Theory]
    [InlineData("2020-01-01T00:00:00Z")]
    [InlineData("2020-01-01T09:00:00-05:00")]
    public async Task Run_StartAtInThePast_StartsNow(string startAt)
    {
        var csv = Cli.Contacts(Dir, 1);

        var (code, _, error) = await Cli.RunAsync(Cli.Campaign(csv, Url, Journal, "--start-at", startAt));

        Assert.True(code == 0, error);
        Assert.Single(Emulator.Interactions);
    }

    /// <summary>An Etc/GMT zone where it is about noon now (Etc/GMT-3 is UTC+03:00), and its offset.</summary>
    private static (string Zone, TimeSpan Offset) NoonZone()
    {
        var hours = 12 - DateTimeOffset.UtcNow.Hour;
        return (hours == 0 ? "Etc/GMT" : hours > 0 ? $"Etc/GMT-{hours}" : $"Etc/GMT+{-hours}", TimeSpan.FromHours(hours));
    }
}
