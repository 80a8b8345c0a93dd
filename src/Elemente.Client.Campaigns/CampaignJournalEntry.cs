namespace Elemente.Campaigns;

/// <summary>A row's new state, to record.</summary>
public sealed class CampaignJournalEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="run">The run that records it.</param>
    /// <param name="line">The row's line in the CSV.</param>
    /// <param name="key">The row's hash: with the line, the row's key.</param>
    /// <param name="state">The row's new state.</param>
    public CampaignJournalEntry(int run, int line, string key, CampaignRowState state)
    {
        Run = run;
        Line = line;
        Key = key;
        State = state;
    }

    /// <summary>The run that records it.</summary>
    public int Run { get; }

    /// <summary>The row's line in the CSV.</summary>
    public int Line { get; }

    /// <summary>The row's hash (16 hex digits of the SHA-256 of its fields): with the line, the row's key.</summary>
    public string Key { get; }

    /// <summary>The row's new state.</summary>
    public CampaignRowState State { get; }

    /// <summary>The interaction's id, for <see cref="CampaignRowState.Created"/>.</summary>
    public string? Id { get; set; }

    /// <summary>Why, in a few words, for a failed, unknown or skipped row.</summary>
    public string? Reason { get; set; }

    /// <summary>The exception's detail behind <see cref="Reason"/>, if any.</summary>
    public string? Detail { get; set; }

    /// <summary>The phone number as the CSV has it (on the <see cref="CampaignRowState.Sending"/> entry).</summary>
    public string? Phone { get; set; }

    /// <summary>The phone number in E.164, as sent.</summary>
    public string? E164 { get; set; }

    /// <summary>The email, as sent.</summary>
    public string? Email { get; set; }

    /// <summary>
    /// Which attempt of the row it is about: 1 for the first call, 2 for the first redial (<see cref="CampaignOptions.Redial"/>),
    /// and so on. A row's failed attempt (provably never sent) is retried with the same number. Not used for
    /// <see cref="CampaignRowState.Skipped"/>.
    /// </summary>
    public int Attempt { get; set; } = 1;

    /// <summary>
    /// When it happened, on the runner's clock (<see cref="CampaignRunner.TimeProvider"/>); null for the journal's own
    /// time. A file journal stamps its line with it; a created entry's is its row's <see cref="CampaignRowRecord.CreatedAt"/>,
    /// which <see cref="CampaignOptions.DailyLimit"/> counts on a rerun.
    /// </summary>
    public DateTimeOffset? At { get; set; }
}
