namespace Elemente.Campaigns;

/// <summary>
/// Do-not-call lists (<see cref="CampaignOptions.SuppressionLists"/>): a valid row whose phone number or email is on a
/// list is journalled as skipped with the list's name and never sent. A row already created stays created, and a row of
/// unknown outcome stays unknown (it may have reached the customer): neither is sent again, whatever the options.
/// </summary>
public sealed partial class CampaignRunner
{
    /// <summary>Each valid row on a list, by line: the first list that holds it.</summary>
    private readonly Dictionary<int, int> _suppressedBy = [];

    /// <summary>Rows on a list that keep their journal state (created, or of unknown outcome): never sent, not marked skipped.</summary>
    private readonly HashSet<int> _held = [];

    private int[] _suppressedCounts = [];

    /// <summary>Records the row when a list holds its phone number or email; false when none does.</summary>
    private bool Suppress(BuiltRow row)
    {
        var lists = _options.SuppressionLists;
        for (var i = 0; i < lists.Count; i++)
        {
            foreach (var (key, _) in Keys(row))
            {
                if (lists[i].Contains(key))
                {
                    _suppressedBy[row.Row.Line] = i;
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Once the journal is read: the suppressed rows not created and not of unknown outcome are skipped (counted per
    /// list); the others are held in their state.
    /// </summary>
    private void ApplySuppression(IDictionary<int, CampaignRowRecord> records, HashSet<int> skippedLines)
    {
        _suppressedCounts = new int[_options.SuppressionLists.Count];
        foreach (var pair in _suppressedBy)
        {
            if (records.TryGetValue(pair.Key, out var record) && record.State is CampaignRowState.Created or CampaignRowState.Unknown or CampaignRowState.Sending)
            {
                _held.Add(pair.Key);
                continue;
            }

            skippedLines.Add(pair.Key);
            _suppressedCounts[pair.Value]++;
        }

        Counters.Suppressed = _suppressedCounts.Sum();
    }

    /// <summary>The journal reason of a skipped row on a list (<c>suppressed: dnc.csv</c>); null when it is on none.</summary>
    private string? SuppressionReason(int line) =>
        _suppressedBy.TryGetValue(line, out var list) ? "suppressed: " + _options.SuppressionLists[list].Name : null;

    /// <summary>Each list's name and its rows skipped in this run.</summary>
    private Dictionary<string, int> SuppressedByList() =>
        _options.SuppressionLists.Select((list, i) => (list.Name, Count: i < _suppressedCounts.Length ? _suppressedCounts[i] : 0)).ToDictionary(l => l.Name, l => l.Count, StringComparer.Ordinal);

    private static void CheckSuppressionLists(CampaignOptions options, Action<bool, string> require)
    {
        var lists = options.SuppressionLists;
        require(lists.All(l => l is not null), "CampaignOptions.SuppressionLists holds a null list.");
        require(
            lists.All(l => l is null || string.Equals(l.Region, options.Region, StringComparison.OrdinalIgnoreCase)),
            "CampaignOptions.SuppressionLists: each list must be read in the campaign's region (CampaignOptions.Region), so that its numbers match the rows': " +
            string.Join(", ", lists.Where(l => l is not null && !string.Equals(l.Region, options.Region, StringComparison.OrdinalIgnoreCase)).Select(l => $"{l.Name} was read with {l.Region ?? "no region"}")) + ".");
        var twice = lists.Where(l => l is not null).GroupBy(l => l.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        require(twice is null, $"CampaignOptions.SuppressionLists: two lists are named '{twice?.Key}'; the journal's reasons tell them apart by name.");
    }
}
