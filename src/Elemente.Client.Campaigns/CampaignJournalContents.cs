namespace Elemente.Campaigns;

/// <summary>What a journal holds: its header, and each row's latest state.</summary>
public sealed class CampaignJournalContents
{
    /// <summary>Creates the contents.</summary>
    /// <param name="header">The header.</param>
    /// <param name="rows">Each row's latest state, by line.</param>
    /// <param name="lastRun">The number of the last run recorded (0 for none).</param>
    /// <param name="tornLine">A file journal's torn last line (a kill while it was written), if any.</param>
    public CampaignJournalContents(CampaignJournalHeader header, IDictionary<int, CampaignRowRecord> rows, int lastRun, int? tornLine = null)
    {
        Header = header;
        Rows = rows;
        LastRun = lastRun;
        TornLine = tornLine;
    }

    /// <summary>The header.</summary>
    public CampaignJournalHeader Header { get; }

    /// <summary>Each row's latest state, by line.</summary>
    public IDictionary<int, CampaignRowRecord> Rows { get; }

    /// <summary>The number of the last run recorded (0 for none).</summary>
    public int LastRun { get; }

    /// <summary>The line number of a file journal's torn last line (a kill while it was written), if any; the next run cuts it off.</summary>
    public int? TornLine { get; }

    /// <summary>Rows whose request may have reached the API with no outcome recorded: unknown, or sending with no outcome. By line.</summary>
    public IEnumerable<CampaignRowRecord> Unresolved => Rows.Values.Where(r => r.State is CampaignRowState.Unknown or CampaignRowState.Sending).OrderBy(r => r.Line);

    /// <summary>The name a state has in the journal and in reports: sending, created, failed, unknown, skipped, or new.</summary>
    /// <param name="state">The state.</param>
    /// <returns>Its name.</returns>
    public static string StateName(CampaignRowState state) => state switch
    {
        CampaignRowState.Sending => "sending",
        CampaignRowState.Created => "created",
        CampaignRowState.Failed => "failed",
        CampaignRowState.Unknown => "unknown",
        CampaignRowState.Skipped => "skipped",
        _ => "new",
    };
}
