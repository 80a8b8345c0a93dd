using System.Globalization;

namespace Elemente.Campaigns;

/// <summary>
/// When a recipient may be called, in the recipient's local time: a daily window (<see cref="Start"/> to
/// <see cref="End"/>) on some days of the week. Set on <see cref="CampaignOptions.CallingHours"/>.
/// </summary>
public sealed class CallingHours
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <summary>Creates a window.</summary>
    /// <param name="start">The local time the window opens (inclusive).</param>
    /// <param name="end">The local time the window closes (exclusive); after <paramref name="start"/>, at most 24:00.</param>
    /// <param name="days">The days the window opens on; null or empty for every day.</param>
    /// <exception cref="ArgumentException">The window is empty or out of a day.</exception>
    public CallingHours(TimeSpan start, TimeSpan end, IEnumerable<DayOfWeek>? days = null)
    {
        if (start < TimeSpan.Zero || end > TimeSpan.FromDays(1) || end <= start)
        {
            throw new ArgumentException($"calling hours must open before they close, within one day (got {start:hh\\:mm}-{end:hh\\:mm}).", nameof(end));
        }

        Start = start;
        End = end;
        var set = new SortedSet<DayOfWeek>(days ?? []);
        Days = set.Count == 0 ? Enum.GetValues(typeof(DayOfWeek)).Cast<DayOfWeek>().ToList() : set.ToList();
    }

    /// <summary>The local time the window opens (inclusive).</summary>
    public TimeSpan Start { get; }

    /// <summary>The local time the window closes (exclusive).</summary>
    public TimeSpan End { get; }

    /// <summary>The days of the week the window opens on (local days).</summary>
    public IReadOnlyList<DayOfWeek> Days { get; }

    /// <summary>Parses <c>09:00-20:00</c> and, optionally, days such as <c>Mon-Fri</c> or <c>Mon,Wed,Sat-Sun</c>.</summary>
    /// <param name="hours">The hours, <c>HH:mm-HH:mm</c>; null for the whole day.</param>
    /// <param name="days">The days: names (Mon..Sun) and ranges, comma-separated; null for every day.</param>
    /// <returns>The window.</returns>
    /// <exception cref="FormatException">Either text is not understood (the message says which and why).</exception>
    public static CallingHours Parse(string? hours, string? days = null)
    {
        var (start, end) = (TimeSpan.Zero, TimeSpan.FromDays(1));
        if (!string.IsNullOrWhiteSpace(hours))
        {
            var parts = hours!.Split('-');
            if (parts.Length != 2 || !TryTime(parts[0], out start) || !TryTime(parts[1], out end) || end <= start)
            {
                throw new FormatException($"calling hours '{hours}': expected HH:mm-HH:mm, opening before closing (such as 09:00-20:00).");
            }
        }

        return new CallingHours(start, end, days is null ? null : ParseDays(days));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Start:hh\\:mm}-{(End == TimeSpan.FromDays(1) ? "24:00" : End.ToString("hh\\:mm", CultureInfo.InvariantCulture))}"
        + (Days.Count == 7 ? string.Empty : " " + string.Join(",", Days.Select(d => DayNames[(int)d])));

    /// <summary>Whether a local time is inside the window.</summary>
    internal bool IsOpen(DateTime local) => Days.Contains(local.DayOfWeek) && local.TimeOfDay >= Start && local.TimeOfDay < End;

    private static bool TryTime(string text, out TimeSpan time)
    {
        text = text.Trim();
        if (text == "24:00")
        {
            time = TimeSpan.FromDays(1);
            return true;
        }

        return TimeSpan.TryParseExact(text, ["h\\:mm", "hh\\:mm"], CultureInfo.InvariantCulture, out time) && time < TimeSpan.FromDays(1);
    }

    private static List<DayOfWeek> ParseDays(string text)
    {
        int Day(string name)
        {
            var i = Array.FindIndex(DayNames, d => name.Trim().StartsWith(d, StringComparison.OrdinalIgnoreCase) && name.Trim().Length >= 3);
            return i >= 0 ? i : throw new FormatException($"days '{text}': '{name.Trim()}' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun).");
        }

        var days = new List<DayOfWeek>();
        foreach (var part in text.Split([','], StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            if (range.Length > 2)
            {
                throw new FormatException($"days '{text}': '{part}' is not a day or a range (such as Mon-Fri).");
            }

            var (first, last) = (Day(range[0]), Day(range[^1]));
            for (var d = first; ; d = (d + 1) % 7)
            {
                days.Add((DayOfWeek)d);
                if (d == last)
                {
                    break;
                }
            }
        }

        return days.Count > 0 ? days : throw new FormatException($"days '{text}': no day given.");
    }
}
