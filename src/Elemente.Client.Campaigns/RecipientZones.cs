using PhoneNumbers;

namespace Elemente.Campaigns;

/// <summary>
/// Each recipient's time zones (the <see cref="CampaignOptions.TimeZoneColumn"/>, else the number's, else the
/// <see cref="CampaignOptions.DefaultTimeZone"/>) and when their calling hours are open in all of them; also the zone
/// whose date a create counts on under <see cref="CampaignOptions.DailyLimit"/>.
/// </summary>
internal sealed class RecipientZones
{
    private const string UnknownZone = "Etc/Unknown";
    private static readonly PhoneNumberToTimeZonesMapper Mapper = PhoneNumberToTimeZonesMapper.GetInstance();
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private readonly Dictionary<string, TimeZoneInfo[]> _byIds = new(StringComparer.Ordinal);
    private readonly CallingHours? _hours;
    private readonly int _column;
    private readonly TimeZoneInfo[]? _default;

    private RecipientZones(CallingHours? hours, int column, TimeZoneInfo[]? defaultZone)
    {
        _hours = hours;
        _column = column;
        _default = defaultZone;
    }

    /// <summary>Whether the campaign has calling hours (else only a daily limit needs the zones, and every row is open).</summary>
    public bool HasHours => _hours is not null;

    /// <summary>The resolver for <paramref name="options"/>; null when the campaign has neither calling hours nor a daily limit.</summary>
    /// <exception cref="CampaignMapException">The time zone column is not in the header.</exception>
    /// <exception cref="ArgumentException">The default time zone is not known.</exception>
    public static RecipientZones? Create(CampaignOptions options, IReadOnlyList<string> header)
    {
        var hours = options.CallingHours;
        if (hours is null && options.DailyLimit is null)
        {
            return null;
        }

        var column = -1;
        if (options.TimeZoneColumn is { } name)
        {
            column = header.ToList().FindIndex(h => string.Equals(h.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (column < 0)
            {
                throw new CampaignMapException($"--time-zone-column: column '{name}' is not in the CSV header (line 1); its columns are: {string.Join(", ", header.Select(h => $"'{h}'"))}.");
            }
        }

        TimeZoneInfo[]? fallback = null;
        if (options.DefaultTimeZone is { } id)
        {
            fallback = FindZone(id) is { } zone ? [zone] : throw new ArgumentException($"CampaignOptions.DefaultTimeZone: '{id}' is not a known IANA time zone (such as America/New_York).", "options");
        }

        return new RecipientZones(hours, column, fallback);
    }

    /// <summary>An IANA time zone by id, or null when unknown.</summary>
    public static TimeZoneInfo? FindZone(string id)
    {
        try
        {
#if NETSTANDARD2_0
            return TimeZoneConverter.TZConvert.GetTimeZoneInfo(id.Trim());
#else
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
#endif
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The row's zones: empty when the row is not restricted (no phone and no zone column value); null with a problem
    /// when its zone is unknown and there is no default.
    /// </summary>
    public TimeZoneInfo[]? Resolve(BuiltRow row, out string? problem)
    {
        problem = null;
        if (_column >= 0 && _column < row.Row.Fields.Length && row.Row.Fields[_column].Trim() is { Length: > 0 } id)
        {
            var zones = Lookup(id, () => FindZone(id) is { } z ? [z] : []);
            if (zones.Length == 0)
            {
                problem = $"time zone '{id}' is not a known IANA time zone";
                return null;
            }

            return zones;
        }

        if (row.PhoneE164 is not { } e164)
        {
            return [];
        }

        var ids = Mapper.GetTimeZonesForNumber(Phones.Parse(e164, "ZZ"));
        var key = string.Join(",", ids);
        var found = Lookup(key, () =>
        {
            var all = ids.Where(i => i != UnknownZone).Select(FindZone).ToList();
            return all.Contains(null) ? [] : all.Select(z => z!).ToArray();
        });
        if (found.Length > 0)
        {
            return found;
        }

        if (_default is not null)
        {
            return _default;
        }

        problem = $"no time zone is known for {e164}: give a default time zone (--default-time-zone) or a time zone column";
        return null;
    }

    /// <summary>The first instant at or after <paramref name="now"/> when the window is open in every zone, in UTC (a fake clock set to it reads it right).</summary>
    public DateTimeOffset NextOpen(TimeZoneInfo[] zones, DateTimeOffset now)
    {
        if (IsOpen(zones, now))
        {
            return now;
        }

        // The intersection opens either now or when one zone's window opens: try those openings, earliest first.
        var candidates = new List<DateTimeOffset>();
        foreach (var zone in zones)
        {
            var today = TimeZoneInfo.ConvertTime(now, zone).Date;
            for (var d = 0; d <= 8; d++)
            {
                var local = today.AddDays(d) + _hours!.Start;
                while (zone.IsInvalidTime(local))
                {
                    local = local.AddMinutes(30);
                }

                var utc = new DateTimeOffset(local, zone.GetUtcOffset(local));
                if (utc > now)
                {
                    candidates.Add(utc);
                }
            }
        }

        foreach (var candidate in candidates.OrderBy(c => c))
        {
            if (IsOpen(zones, candidate))
            {
                return candidate.ToUniversalTime();
            }
        }

        return DateTimeOffset.MaxValue;
    }

    /// <summary>Whether the window is open at <paramref name="now"/> in every zone (always, without calling hours).</summary>
    public bool IsOpen(TimeZoneInfo[] zones, DateTimeOffset now) => _hours is not { } hours || zones.All(z => hours.IsOpen(TimeZoneInfo.ConvertTime(now, z).DateTime));

    /// <summary>The zone whose date a row's create counts on: the first of its zones, else the default zone, else UTC.</summary>
    public TimeZoneInfo DayZone(TimeZoneInfo[] zones) => zones.Length > 0 ? zones[0] : _default?[0] ?? TimeZoneInfo.Utc;

    private TimeZoneInfo[] Lookup(string key, Func<TimeZoneInfo[]> find)
    {
        lock (_byIds)
        {
            if (!_byIds.TryGetValue(key, out var zones))
            {
                zones = find();
                _byIds[key] = zones;
            }

            return zones;
        }
    }
}
