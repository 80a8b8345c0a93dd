using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Elemente.Campaigns;

namespace Elemente.Cli;

/// <summary>
/// <c>campaign run</c>'s options for when rows may be sent: <c>--calling-hours</c>, <c>--days</c>,
/// <c>--time-zone-column</c>, <c>--default-time-zone</c>, <c>--no-wait-for-window</c>, <c>--start-at</c> and
/// <c>--daily-limit</c>. Each error names its option.
/// </summary>
internal sealed class CampaignScheduleOptions
{
    private static readonly Regex Iso8601WithOffset = new(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private readonly Option<string?> _hours = new("--calling-hours") { Description = "When recipients may be called, HH:mm-HH:mm in each one's local time (such as 09:00-20:00)." };
    private readonly Option<string?> _days = new("--days") { Description = "The days the calling hours open on, in each recipient's local time: Mon-Fri, Mon,Wed,Fri (default every day)." };
    private readonly Option<string?> _zoneColumn = new("--time-zone-column") { Description = "The CSV column with each row's IANA time zone (such as America/Chicago); it overrides the number's zone." };
    private readonly Option<string?> _defaultZone = new("--default-time-zone") { Description = "The IANA time zone of rows whose zone is not known from the number or --time-zone-column." };
    private readonly Option<bool> _noWait = new("--no-wait-for-window") { Description = "When only rows outside their calling hours (or over --daily-limit) are left, stop with exit code 7 and print when to rerun." };
    private readonly Option<string?> _startAt = new("--start-at") { Description = "Send nothing before this time: ISO 8601 with an offset or Z (2026-03-09T09:00:00-05:00). A past time starts now." };
    private readonly Option<int?> _dailyLimit = new("--daily-limit") { Description = "At most N creates per date, each counted on its recipient's local date." };

    /// <summary>The options, to add to the command.</summary>
    public IEnumerable<Option> All => [_hours, _days, _zoneColumn, _defaultZone, _noWait, _startAt, _dailyLimit];

    /// <summary>Reads the options into <paramref name="options"/>.</summary>
    /// <exception cref="UsageException">One cannot be read or is missing what it needs; the message names it.</exception>
    public void Apply(ParseResult parse, CampaignOptions options)
    {
        var hours = parse.GetValue(_hours);
        var days = parse.GetValue(_days);
        if (hours is not null || days is not null)
        {
            options.CallingHours = Read("--calling-hours", () => CallingHours.Parse(hours));
            options.CallingHours = Read("--days", () => CallingHours.Parse(hours, days));
        }

        if (parse.GetValue(_dailyLimit) is { } limit)
        {
            options.DailyLimit = limit >= 1 ? limit : throw new UsageException($"--daily-limit: {limit} is not a number of calls (1 or more).");
        }

        var restricted = options.CallingHours is not null || options.DailyLimit is not null;
        options.TimeZoneColumn = Needs(restricted, "--time-zone-column", parse.GetValue(_zoneColumn));
        if (Needs(restricted, "--default-time-zone", parse.GetValue(_defaultZone)) is { } zone)
        {
            options.DefaultTimeZone = TimeZoneInfo.TryFindSystemTimeZoneById(zone.Trim(), out _)
                ? zone.Trim()
                : throw new UsageException($"--default-time-zone: '{zone}' is not a known IANA time zone (such as America/New_York or Europe/Berlin).");
        }

        options.WaitForWindow = Needs(restricted, "--no-wait-for-window", parse.GetValue(_noWait) ? "" : null) is null;
        if (parse.GetValue(_startAt) is { } start)
        {
            options.StartAt = Iso8601WithOffset.IsMatch(start.Trim()) && DateTimeOffset.TryParse(start.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                ? at
                : throw new UsageException($"--start-at: '{start}' is not an ISO 8601 time with an offset, such as 2026-03-09T09:00:00-05:00 or 2026-03-09T14:00:00Z.");
        }
    }

    private static CallingHours Read(string option, Func<CallingHours> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{option}: {ex.Message}");
        }
    }

    private static string? Needs(bool restricted, string option, string? value) =>
        value is null || restricted ? value : throw new UsageException($"{option} needs --calling-hours or --daily-limit (or --days).");
}
