namespace Elemente.Campaigns;

/// <summary>A row's latest state in the journal.</summary>
public sealed class CampaignRowRecord
{
    /// <summary>Creates a record.</summary>
    /// <param name="line">The row's line in the CSV.</param>
    /// <param name="key">The row's hash.</param>
    public CampaignRowRecord(int line, string key)
    {
        Line = line;
        Key = key;
    }

    /// <summary>The row's line in the CSV.</summary>
    public int Line { get; }

    /// <summary>The row's hash, as last recorded.</summary>
    public string Key { get; set; }

    /// <summary>The row's latest state.</summary>
    public CampaignRowState State { get; set; }

    /// <summary>The interaction's id, when created.</summary>
    public string? Id { get; set; }

    /// <summary>Why it failed, is unknown or was skipped.</summary>
    public string? Reason { get; set; }

    /// <summary>The detail behind <see cref="Reason"/>, if any.</summary>
    public string? Detail { get; set; }

    /// <summary>The run of the latest state.</summary>
    public int Run { get; set; }

    /// <summary>The phone number as the CSV has it.</summary>
    public string? Phone { get; set; }

    /// <summary>The phone number in E.164.</summary>
    public string? E164 { get; set; }

    /// <summary>The email.</summary>
    public string? Email { get; set; }

    /// <summary>The run whose <see cref="CampaignRowState.Sending"/> entry came last.</summary>
    public int SendingRun { get; set; }

    /// <summary>How many times the row was recorded <see cref="CampaignRowState.Sending"/>.</summary>
    public int Attempts { get; set; }

    /// <summary>The number of the row's latest attempt (1 for the first call; a journal from before redials has only 1); 0 when never tried.</summary>
    public int Attempt { get; set; }

    /// <summary>The interaction's final status, once followed (<see cref="CampaignFollower"/>); null until then.</summary>
    public string? FinalStatus { get; set; }

    /// <summary>The interaction's duration as the API gave it with its final status, if any.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>When the follower saw the interaction final (the API gives no end time; this is the poll's time).</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the interaction was created, as the journal's <c>created</c> event is stamped (a file journal's reading, or the entry's <see cref="CampaignJournalEntry.At"/>).</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Every interaction id the row was created with, oldest first (more than one only when it was sent again).</summary>
    public IReadOnlyList<string> InteractionIds => _ids ?? (IReadOnlyList<string>)Array.Empty<string>();

    private List<string>? _ids;

    /// <summary>When each of the row's creates was made, oldest first, where the journal stamps them (a daily limit counts them all).</summary>
    internal IReadOnlyList<DateTimeOffset> CreatedTimes => _createdTimes ?? (IReadOnlyList<DateTimeOffset>)Array.Empty<DateTimeOffset>();

    /// <summary>When the row's last attempt was marked sending, where the journal stamps it: an attempt of unknown outcome counts from then.</summary>
    internal DateTimeOffset? SendingAt { get; private set; }

    /// <summary>The creates a daily limit counts: every create made, and the last attempt's when its outcome is unknown.</summary>
    internal IEnumerable<DateTimeOffset> CountedCreates =>
        State is CampaignRowState.Sending or CampaignRowState.Unknown && SendingAt is { } sending ? CreatedTimes.Append(sending) : CreatedTimes;

    private List<DateTimeOffset>? _createdTimes;

    internal CampaignRowRecord Copy()
    {
        var copy = (CampaignRowRecord)MemberwiseClone();
        copy._ids = _ids is null ? null : new List<string>(_ids);
        copy._createdTimes = _createdTimes is null ? null : new List<DateTimeOffset>(_createdTimes);
        return copy;
    }

    /// <summary>Applies an entry to this record.</summary>
    /// <param name="entry">A later entry for this row.</param>
    public void Apply(CampaignJournalEntry entry)
    {
        Key = entry.Key;
        State = entry.State;
        Run = entry.Run;
        Id = entry.Id;
        Reason = entry.Reason;
        Detail = entry.Detail;
        Phone = entry.Phone ?? Phone;
        E164 = entry.E164 ?? E164;
        Email = entry.Email ?? Email;
        Attempt = entry.State == CampaignRowState.Skipped ? Attempt : entry.Attempt;
        if (entry.State == CampaignRowState.Sending)
        {
            SendingRun = entry.Run;
            SendingAt = entry.At;
            Attempts++;
            FinalStatus = null;
            Duration = null;
            EndedAt = null;
        }

        if (entry.State == CampaignRowState.Created && entry.Id is not null)
        {
            (_ids ??= new List<string>(1)).Add(entry.Id);
            CreatedAt = entry.At ?? CreatedAt;
            if (entry.At is { } at)
            {
                (_createdTimes ??= new List<DateTimeOffset>(1)).Add(at);
            }
        }
    }
}
