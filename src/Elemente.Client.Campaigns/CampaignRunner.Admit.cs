namespace Elemente.Campaigns;

/// <summary>
/// Whether a row may be created now: inside its calling hours, and, with <see cref="CampaignOptions.DailyLimit"/>,
/// holding one of its local day's creates (<see cref="DailyLimitGate"/>). Asked before each create, a retry included.
/// </summary>
public sealed partial class CampaignRunner
{
    // The local date whose create each row holds (by line), until the create is made (kept) or not (given back).
    private readonly Dictionary<int, DateTime> _tickets = [];
    private DailyLimitGate? _daily;

    /// <summary>
    /// Null when <paramref name="row"/> may be created now (holding its local day's create under a daily limit); else
    /// when to ask again: its window's next opening, or the next local day.
    /// </summary>
    private DateTimeOffset? Admit(BuiltRow row, TimeZoneInfo[] zones, DateTimeOffset now)
    {
        if (!_zones!.IsOpen(zones, now))
        {
            ReturnTicket(row);
            return _zones.NextOpen(zones, now);
        }

        if (_daily is null)
        {
            return null;
        }

        var zone = _zones.DayZone(zones);
        var date = DailyLimitGate.LocalDate(zone, now);
        lock (_tickets)
        {
            if (_tickets.TryGetValue(row.Row.Line, out var held))
            {
                if (held == date)
                {
                    return null;
                }

                // Held since before midnight (a 429's pause): today's create is another one.
                _daily.Return(held);
                _tickets.Remove(row.Row.Line);
            }

            if (_daily.TryTake(date))
            {
                _tickets[row.Row.Line] = date;
                return null;
            }
        }

        return DailyLimitGate.NextDay(zone, now);
    }

    /// <summary>The row's create was made, or may have been (its outcome is unknown): it stays counted.</summary>
    private void KeepTicket(BuiltRow row)
    {
        lock (_tickets)
        {
            _tickets.Remove(row.Row.Line);
        }
    }

    /// <summary>The row's create provably did not happen (refused, failed, not started, put aside): give it back.</summary>
    private void ReturnTicket(BuiltRow row)
    {
        if (_daily is null)
        {
            return;
        }

        lock (_tickets)
        {
            if (_tickets.TryGetValue(row.Row.Line, out var held))
            {
                _daily.Return(held);
                _tickets.Remove(row.Row.Line);
            }
        }
    }

    /// <summary>
    /// Counts toward <see cref="CampaignOptions.DailyLimit"/> the creates earlier runs recorded (every attempt's,
    /// as the journal stamps them, one of unknown outcome included) in the last two days: older ones fall on dates before any zone's today.
    /// </summary>
    private void CountEarlierCreates(IDictionary<int, CampaignRowRecord> records, FieldMap map, CampaignTemplate template)
    {
        if (_daily is null)
        {
            return;
        }

        var since = TimeProvider.GetUtcNow() - TimeSpan.FromDays(2);
        var created = records.Values.Where(r => r.CountedCreates.Any(t => t >= since)).ToDictionary(r => r.Line, r => r.CountedCreates.Where(t => t >= since).ToList());
        if (created.Count == 0)
        {
            return;
        }

        using var csv = CsvSource.Open(_options.CsvPath);
        var builder = new RowBuilder(map, template, csv.Header.Count);
        foreach (var row in csv.ReadRows())
        {
            if (created.TryGetValue(row.Line, out var times))
            {
                var zone = _zones!.DayZone(_zones.Resolve(builder.Build(row), out _) ?? []);
                foreach (var at in times)
                {
                    _daily.Count(zone, at);
                }
            }
        }
    }
}
