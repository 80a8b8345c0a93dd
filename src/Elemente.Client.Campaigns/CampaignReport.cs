using System.Globalization;
using PhoneNumbers;

namespace Elemente.Campaigns;

/// <summary>A label and how many rows or calls it counts, in a <see cref="CampaignReport"/>.</summary>
public sealed class CampaignReportCount
{
    internal CampaignReportCount(string label, int count)
    {
        Label = label;
        Count = count;
    }

    /// <summary>What is counted (an outcome, a number of attempts, an hour).</summary>
    public string Label { get; }

    /// <summary>How many.</summary>
    public int Count { get; }
}

/// <summary>A row whose outcome is not known, in a <see cref="CampaignReport"/>.</summary>
public sealed class CampaignReportUnknownRow
{
    internal CampaignReportUnknownRow(CampaignRowRecord row, string why)
    {
        Line = row.Line;
        Contact = row.E164 ?? row.Email ?? row.Phone;
        InteractionId = row.Id;
        Why = why;
    }

    /// <summary>The row's line in the CSV.</summary>
    public int Line { get; }

    /// <summary>The phone number (E.164) or email, if known.</summary>
    public string? Contact { get; }

    /// <summary>The interaction's id, when it was created.</summary>
    public string? InteractionId { get; }

    /// <summary>Why its outcome is unknown: the request may have reached the API with no answer, or the interaction was created but not followed.</summary>
    public string Why { get; }
}

/// <summary>
/// The figures of <c>campaign report</c>, computed once from a journal and shown as text, JSON or HTML: the outcome
/// distribution, the answer rate, attempts per row, the calls per hour in each recipient's local time, and the rows whose
/// outcome is unknown.
/// </summary>
/// <remarks>
/// A row's outcome is its followed final status (<see cref="CampaignFollower"/>); a created row not followed yet is
/// <c>not followed</c>; other rows have their journal state (failed, unknown, skipped, sending). The answer rate is the
/// share of followed calls that reached the customer (<c>completed</c>, <c>resolved</c> or <c>closed</c>). A recipient's
/// local time comes from the phone number (libphonenumber's time-zone mapper): when a number's prefix spans several
/// zones, the first is used and <see cref="NumbersWithSeveralZones"/> counts them; emails and numbers with no zone are
/// counted in <see cref="CallsWithoutZone"/>.
/// </remarks>
public sealed class CampaignReport
{
    /// <summary>The outcome of a created row whose final status is not journalled yet.</summary>
    public const string NotFollowed = "not followed";

    private static readonly HashSet<string> AnsweredStatuses = new(StringComparer.Ordinal) { "completed", "resolved", "closed" };

    private CampaignReport()
    {
    }

    /// <summary>The rows in the journal.</summary>
    public int Rows { get; private set; }

    /// <summary>The rows created (an interaction exists).</summary>
    public int Created { get; private set; }

    /// <summary>The created rows whose final status is known.</summary>
    public int Followed { get; private set; }

    /// <summary>The followed calls that reached the customer (<c>completed</c>, <c>resolved</c> or <c>closed</c>).</summary>
    public int Answered { get; private set; }

    /// <summary><see cref="Answered"/> over <see cref="Followed"/>, between 0 and 1; null when nothing was followed.</summary>
    public double? AnswerRate => Followed == 0 ? null : (double)Answered / Followed;

    /// <summary>Each outcome and how many rows have it, most first.</summary>
    public IReadOnlyList<CampaignReportCount> Outcomes { get; private set; } = Array.Empty<CampaignReportCount>();

    /// <summary>How many rows had each number of attempts (label "0", "1", "2", ...), by attempts.</summary>
    public IReadOnlyList<CampaignReportCount> AttemptsPerRow { get; private set; } = Array.Empty<CampaignReportCount>();

    /// <summary>The created calls per hour of the day (labels "00" to "23") in each recipient's local time, when created.</summary>
    public IReadOnlyList<CampaignReportCount> CallsPerLocalHour { get; private set; } = Array.Empty<CampaignReportCount>();

    /// <summary>Created calls with no local time: an email or web chat, a number with no known zone, or no creation time in the journal.</summary>
    public int CallsWithoutZone { get; private set; }

    /// <summary>Created calls to numbers whose prefix spans several time zones (their first zone is used).</summary>
    public int NumbersWithSeveralZones { get; private set; }

    /// <summary>The rows whose outcome is unknown, by line: unknown or sending (the request may have reached the API), or created and not followed.</summary>
    public IReadOnlyList<CampaignReportUnknownRow> UnknownRows { get; private set; } = Array.Empty<CampaignReportUnknownRow>();

    /// <summary>Computes the report of a journal.</summary>
    /// <param name="contents">The journal, as <see cref="CampaignJournalFile.Read"/> returns it.</param>
    /// <returns>The figures.</returns>
    public static CampaignReport From(CampaignJournalContents contents)
    {
        if (contents is null)
        {
            throw new ArgumentNullException(nameof(contents));
        }

        var report = new CampaignReport();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var attempts = new SortedDictionary<int, int>();
        var hours = new int[24];
        var unknown = new List<CampaignReportUnknownRow>();
        var zones = new LocalZones();
        foreach (var row in contents.Rows.Values.OrderBy(r => r.Line))
        {
            report.Rows++;
            attempts[row.Attempts] = attempts.TryGetValue(row.Attempts, out var n) ? n + 1 : 1;
            string outcome;
            if (row.State == CampaignRowState.Created)
            {
                report.Created++;
                outcome = row.FinalStatus ?? NotFollowed;
                if (row.FinalStatus is { } status)
                {
                    report.Followed++;
                    report.Answered += AnsweredStatuses.Contains(status) ? 1 : 0;
                }
                else
                {
                    unknown.Add(new CampaignReportUnknownRow(row, "created, not followed"));
                }

                if (row.CreatedAt is { } created && zones.Find(row.E164, out var several) is { } zone)
                {
                    hours[TimeZoneInfo.ConvertTime(created, zone).Hour]++;
                    report.NumbersWithSeveralZones += several ? 1 : 0;
                }
                else
                {
                    report.CallsWithoutZone++;
                }
            }
            else
            {
                outcome = CampaignJournalContents.StateName(row.State);
                if (row.State is CampaignRowState.Unknown or CampaignRowState.Sending)
                {
                    unknown.Add(new CampaignReportUnknownRow(row, "may have reached the API: no answer recorded"));
                }
            }

            outcomes[outcome] = outcomes.TryGetValue(outcome, out var count) ? count + 1 : 1;
        }

        report.Outcomes = outcomes.OrderByDescending(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal).Select(o => new CampaignReportCount(o.Key, o.Value)).ToList();
        report.AttemptsPerRow = attempts.Select(a => new CampaignReportCount(a.Key.ToString(CultureInfo.InvariantCulture), a.Value)).ToList();
        report.CallsPerLocalHour = hours.Select((c, h) => new CampaignReportCount(h.ToString("00", CultureInfo.InvariantCulture), c)).ToList();
        report.UnknownRows = unknown;
        return report;
    }

    /// <summary>Each number's time zone (libphonenumber), cached by zone id.</summary>
    private sealed class LocalZones
    {
        private readonly Dictionary<string, TimeZoneInfo?> _byId = new(StringComparer.Ordinal);
        private readonly PhoneNumberUtil _util = PhoneNumberUtil.GetInstance();
        private readonly PhoneNumberToTimeZonesMapper _mapper = PhoneNumberToTimeZonesMapper.GetInstance();

        public TimeZoneInfo? Find(string? e164, out bool several)
        {
            several = false;
            if (string.IsNullOrEmpty(e164))
            {
                return null;
            }

            IList<string> ids;
            try
            {
                ids = _mapper.GetTimeZonesForNumber(_util.Parse(e164, null));
            }
            catch (NumberParseException)
            {
                return null;
            }

            var id = ids.FirstOrDefault(z => z != _mapper.GetUnknownTimeZone());
            if (id is null)
            {
                return null;
            }

            several = ids.Count > 1;
            if (!_byId.TryGetValue(id, out var zone))
            {
                try
                {
                    zone = TimeZoneInfo.FindSystemTimeZoneById(id);
                }
                catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
                {
                    zone = null;
                }

                _byId[id] = zone;
            }

            return zone;
        }
    }
}
