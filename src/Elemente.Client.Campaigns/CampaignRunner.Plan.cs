using System.Diagnostics;
using System.Text;

namespace Elemente.Campaigns;

public sealed partial class CampaignRunner
{
    /// <summary>Reads the CSV again and tells <paramref name="planned"/> each request the campaign would send.</summary>
    private void Plan(Action<int, CreateInteractionInput> planned, FieldMap map, CampaignTemplate template, IDictionary<int, CampaignRowRecord> records, HashSet<int> skippedLines, bool resend)
    {
        using var csv = CsvSource.Open(_options.CsvPath);
        var builder = new RowBuilder(map, template, csv.Header.Count);
        foreach (var row in csv.ReadRows())
        {
            if (skippedLines.Contains(row.Line) || _held.Contains(row.Line) || !ToSend(records.TryGetValue(row.Line, out var record) ? record : null, resend))
            {
                continue;
            }

            if (builder.Build(row) is { IsValid: true } built)
            {
                planned(row.Line, built.Request!);
            }
        }
    }

    private void CountPlan(IDictionary<int, CampaignRowRecord> records, HashSet<int> skipped, bool resend)
    {
        foreach (var record in records.Values)
        {
            if (skipped.Contains(record.Line))
            {
                continue;
            }

            switch (record.State)
            {
                case CampaignRowState.Created:
                    Counters.AlreadyCreated++;
                    break;
                case CampaignRowState.Sending or CampaignRowState.Unknown when !resend || _held.Contains(record.Line):
                    Counters.Unresolved++;
                    break;
            }
        }

        Counters.ToSend = Counters.Valid - (Counters.Duplicates - (_options.AllowDuplicates ? Counters.Duplicates : 0)) - Counters.Suppressed - Counters.AlreadyCreated - Counters.Unresolved;
    }

    /// <summary>Whether a row with this record is sent: not created, and not of unknown outcome unless resending those.</summary>
    private static bool ToSend(CampaignRowRecord? record, bool resend) =>
        record?.State is not CampaignRowState.Created && (resend || record?.State is not (CampaignRowState.Unknown or CampaignRowState.Sending));

    /// <summary>
    /// The line of the first row with the same phone number (E.164) or email (case ignored), and which matched; 0 when
    /// none did. Records this row's keys.
    /// </summary>
    private static (int Line, string What) FirstSeen(Dictionary<ulong, int> seen, BuiltRow row)
    {
        var first = (Line: 0, What: string.Empty);
        foreach (var (key, what) in Keys(row))
        {
            if (seen.TryGetValue(key, out var line))
            {
                first = first.Line == 0 ? (line, what) : first;
            }
            else
            {
                seen[key] = row.Row.Line;
            }
        }

        return first;
    }

    private static IEnumerable<(ulong Key, string What)> Keys(BuiltRow row)
    {
        if (row.PhoneE164 is not null)
        {
            yield return (SuppressionList.PhoneKey(row.PhoneE164), "phone number");
        }

        if (row.Email is not null)
        {
            yield return (SuppressionList.EmailKey(row.Email), "email");
        }
    }

    // The keys are 64-bit hashes (SuppressionList's), not the values: a few bytes per row whatever the CSV holds (a
    // collision, about one in 10^8 at a million rows, would report a false duplicate, never hide a real one).

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
