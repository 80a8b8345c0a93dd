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
