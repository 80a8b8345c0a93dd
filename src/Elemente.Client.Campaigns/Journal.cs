namespace Elemente.Campaigns;

/// <summary>
/// Where a campaign records each row's state, so that a rerun goes on where the last run stopped and never sends a row
/// twice. The default is <see cref="CampaignJournalFile"/>, an append-only file. An implementation must make each
/// append durable before its task completes: a row is recorded <see cref="CampaignRowState.Sending"/> before its
/// request leaves, and a crash after that leaves the row unknown, never unsent.
/// </summary>
/// <remarks>
/// A run calls <see cref="ReadAsync"/> once, then (unless it is a dry run) <see cref="StartAsync"/> once, then appends;
/// appends may come from several threads at once. Disposing releases whatever <see cref="ReadAsync"/> took.
/// </remarks>
public interface ICampaignJournal : IAsyncDisposable
{
    /// <summary>What to call the journal in messages (for a file, its path).</summary>
    string Name { get; }

    /// <summary>
    /// Reads what earlier runs recorded. With <paramref name="forWriting"/>, first takes the journal for this run alone
    /// (another run of the same campaign is refused until this one is disposed).
    /// </summary>
    /// <returns>The recorded contents, or null when nothing was recorded yet.</returns>
    /// <exception cref="CampaignJournalException">The journal cannot be read, is not a campaign journal, or is in use.</exception>
    Task<CampaignJournalContents?> ReadAsync(bool forWriting, CancellationToken cancellationToken);

    /// <summary>Prepares to append for this run: records <paramref name="header"/> when the journal is new.</summary>
    /// <param name="header">The campaign's header (when the journal already has one, it is the same: the runner checked).</param>
    /// <param name="existing">What <see cref="ReadAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <exception cref="CampaignJournalException">The journal cannot be written.</exception>
    Task StartAsync(CampaignJournalHeader header, CampaignJournalContents? existing, CancellationToken cancellationToken);

    /// <summary>Records a row's new state; completes once it is durable.</summary>
    /// <exception cref="CampaignJournalException">It cannot be recorded: the run stops before any further request.</exception>
    Task AppendAsync(CampaignJournalEntry entry, CancellationToken cancellationToken);

    /// <summary>Records that run <paramref name="run"/> started or ended; completes once it is durable.</summary>
    /// <param name="run">The run's number (1 for the first).</param>
    /// <param name="ended">False for its start, true for its end.</param>
    /// <param name="detail">What the run did or was asked to do, for people reading the journal.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    /// <exception cref="CampaignJournalException">It cannot be recorded.</exception>
    Task MarkRunAsync(int run, bool ended, string detail, CancellationToken cancellationToken);
}

/// <summary>A journal that cannot be used: unreadable, from another CSV or other options, in use, or not writable. Names the journal.</summary>
public class CampaignJournalException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the journal.</param>
    /// <param name="inner">The cause, if any.</param>
    public CampaignJournalException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>Where a row stands, as the journal tells it.</summary>
public enum CampaignRowState
{
    /// <summary>Not in the journal: never tried.</summary>
    None,

    /// <summary>Recorded before its request; with no outcome after it, the run ended (was killed) while it was in flight.</summary>
    Sending,

    /// <summary>The API created the interaction; its id is recorded.</summary>
    Created,

    /// <summary>Failed, and provably never reached the API (or was refused): a rerun sends it again.</summary>
    Failed,

    /// <summary>The request may have reached the API: never resent without <see cref="CampaignOptions.ResendUnknown"/>.</summary>
    Unknown,

    /// <summary>Not sent: invalid (with <see cref="CampaignOptions.SkipInvalid"/>) or a duplicate.</summary>
    Skipped,
}

/// <summary>The journal's header: which CSV, and the options that shape every request. A rerun must match it.</summary>
public sealed class CampaignJournalHeader
{
    /// <summary>Creates a header.</summary>
    /// <param name="csv">The CSV's full path.</param>
    /// <param name="csvSha256">The SHA-256 of the CSV's bytes (hex).</param>
    /// <param name="csvBytes">The CSV's length.</param>
    /// <param name="agent">The agent's id.</param>
    /// <param name="skill">The skill's id.</param>
    /// <param name="channel">The channel's name (call, sms, whatsapp, email, webchat).</param>
    /// <param name="map">The column map, as <c>phoneNumber=Phone,...</c>.</param>
    /// <param name="region">The region national numbers are read in, if any.</param>
    public CampaignJournalHeader(string csv, string csvSha256, long csvBytes, string agent, string skill, string channel, string map, string? region)
    {
        Csv = csv;
        CsvSha256 = csvSha256;
        CsvBytes = csvBytes;
        Agent = agent;
        Skill = skill;
        Channel = channel;
        Map = map;
        Region = region;
    }

    /// <summary>The CSV's full path.</summary>
    public string Csv { get; }

    /// <summary>The SHA-256 of the CSV's bytes (lower-case hex).</summary>
    public string CsvSha256 { get; }

    /// <summary>The CSV's length in bytes.</summary>
    public long CsvBytes { get; }

    /// <summary>The agent's id.</summary>
    public string Agent { get; }

    /// <summary>The skill's id.</summary>
    public string Skill { get; }

    /// <summary>The channel's name.</summary>
    public string Channel { get; }

    /// <summary>The column map, as <c>phoneNumber=Phone,...</c>.</summary>
    public string Map { get; }

    /// <summary>The region national numbers are read in, if any.</summary>
    public string? Region { get; }

    /// <summary>Checks that a journal with this header belongs to <paramref name="current"/>'s CSV and options; names what differs.</summary>
    /// <exception cref="CampaignJournalException">It was written for another CSV or with other options.</exception>
    internal void CheckMatches(CampaignJournalHeader current, string journal)
    {
        if (CsvSha256 != current.CsvSha256 || CsvBytes != current.CsvBytes)
        {
            throw new CampaignJournalException(
                $"journal {journal}: line 1: it was written for another CSV ({Csv}, {CsvBytes} bytes, SHA-256 {CsvSha256.Substring(0, 12)}...), " +
                $"not for {current.Csv} ({current.CsvBytes} bytes, SHA-256 {current.CsvSha256.Substring(0, 12)}...). A changed CSV needs a new --journal.");
        }

        void Same(string option, string? then, string? now)
        {
            if (!string.Equals(then, now, StringComparison.Ordinal))
            {
                throw new CampaignJournalException($"journal {journal}: line 1: it was written with {option} {then ?? "(not set)"}, this run has {option} {now ?? "(not set)"}. Rerun with the same options, or use a new --journal.");
            }
        }

        Same("--agent", Agent, current.Agent);
        Same("--skill", Skill, current.Skill);
        Same("--channel", Channel, current.Channel);
        Same("--map", Map, current.Map);
        Same("--region", Region, current.Region);
    }
}

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
}

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

    /// <summary>The interaction's final status, once followed (<see cref="CampaignFollower"/>); null until then.</summary>
    public string? FinalStatus { get; set; }

    /// <summary>The interaction's duration as the API gave it with its final status, if any.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>When the follower saw the interaction final (the API gives no end time; this is the poll's time).</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the interaction was created, as the journal's <c>created</c> event is stamped (a file journal's reading only).</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Every interaction id the row was created with, oldest first (more than one only when it was sent again).</summary>
    public IReadOnlyList<string> InteractionIds => _ids ?? (IReadOnlyList<string>)Array.Empty<string>();

    private List<string>? _ids;

    internal CampaignRowRecord Copy()
    {
        var copy = (CampaignRowRecord)MemberwiseClone();
        copy._ids = _ids is null ? null : new List<string>(_ids);
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
        if (entry.State == CampaignRowState.Sending)
        {
            SendingRun = entry.Run;
            Attempts++;
            FinalStatus = null;
            Duration = null;
            EndedAt = null;
        }

        if (entry.State == CampaignRowState.Created && entry.Id is not null)
        {
            (_ids ??= new List<string>(1)).Add(entry.Id);
        }
    }
}

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
