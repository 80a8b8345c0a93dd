namespace Elemente.Campaigns;

/// <summary>
/// <see cref="CampaignOptions.DailyLimit"/>: at most so many creates for each date, each create counted on the date it is
/// in its recipient's time zone when it is made. The send path takes a ticket for the date before each create (a first
/// attempt, a retry after a 429, a redial) and gives it back when the create provably did not happen; a create whose
/// outcome is unknown keeps it (it may have reached the customer).
/// </summary>
internal sealed class DailyLimitGate
{
    private readonly Dictionary<DateTime, int> _used = [];

    /// <param name="limit">The most creates per date (at least 1).</param>
    public DailyLimitGate(int limit)
    {
        Limit = limit;
    }

    /// <summary>The most creates per date.</summary>
    public int Limit { get; }

    /// <summary>The date <paramref name="at"/> is in <paramref name="zone"/>.</summary>
    public static DateTime LocalDate(TimeZoneInfo zone, DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).Date;

    /// <summary>When the day after <paramref name="now"/>'s begins in <paramref name="zone"/>, in UTC.</summary>
    public static DateTimeOffset NextDay(TimeZoneInfo zone, DateTimeOffset now)
    {
        var midnight = LocalDate(zone, now).AddDays(1);
        while (zone.IsInvalidTime(midnight))
        {
            // A daylight-saving change at midnight: the day begins when the clocks have moved on.
            midnight = midnight.AddMinutes(30);
        }

        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>Counts a create made earlier (a journal's), on its date in <paramref name="zone"/>.</summary>
    public void Count(TimeZoneInfo zone, DateTimeOffset createdAt)
    {
        var date = LocalDate(zone, createdAt);
        lock (_used)
        {
            _used[date] = Used(date) + 1;
        }
    }

    /// <summary>Takes one create of <paramref name="date"/>; false when its limit is reached.</summary>
    public bool TryTake(DateTime date)
    {
        lock (_used)
        {
            var used = Used(date);
            if (used >= Limit)
            {
                return false;
            }

            _used[date] = used + 1;
            return true;
        }
    }

    /// <summary>Gives back a create of <paramref name="date"/> that did not happen.</summary>
    public void Return(DateTime date)
    {
        lock (_used)
        {
            _used[date] = Math.Max(0, Used(date) - 1);
        }
    }

    private int Used(DateTime date) => _used.TryGetValue(date, out var used) ? used : 0;
}
