namespace Elemente.Campaigns;

/// <summary>A row reported to the operator: invalid, duplicate, or left with an unknown outcome.</summary>
public sealed class CampaignRowReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="line">The row's line in the CSV.</param>
    /// <param name="kind">invalid, duplicate or unknown.</param>
    /// <param name="message">What is wrong, in a few words.</param>
    /// <param name="phone">The phone number as the CSV has it.</param>
    /// <param name="e164">The phone number in E.164.</param>
    /// <param name="id">The interaction's id, if one is known.</param>
    /// <param name="detail">The detail behind <paramref name="message"/>, if any.</param>
    public CampaignRowReport(int line, string kind, string message, string? phone = null, string? e164 = null, string? id = null, string? detail = null)
    {
        Line = line;
        Kind = kind;
        Message = message;
        Phone = phone;
        E164 = e164;
        Id = id;
        Detail = detail;
    }

    /// <summary>The row's line in the CSV (the header is line 1).</summary>
    public int Line { get; }

    /// <summary>invalid, duplicate or unknown.</summary>
    public string Kind { get; }

    /// <summary>What is wrong, in a few words.</summary>
    public string Message { get; }

    /// <summary>The phone number as the CSV has it.</summary>
    public string? Phone { get; }

    /// <summary>The phone number in E.164.</summary>
    public string? E164 { get; }

    /// <summary>The interaction's id, if one is known.</summary>
    public string? Id { get; }

    /// <summary>The detail behind <see cref="Message"/> (an exception's message), if any.</summary>
    public string? Detail { get; }
}

/// <summary>A campaign's counts, kept up to date while it runs (a progress display reads them).</summary>
public sealed class CampaignCounters
{
    private int _created;
    private int _failed;
    private int _unknown;
    private int _notStarted;
    private int _followed;
    private int _notFinal;
    private int _redials;
    private readonly object _waitingGate = new();
    private int _waiting;
    private DateTimeOffset? _nextOpening;

    /// <summary>Rows in the CSV.</summary>
    public int Rows { get; internal set; }

    /// <summary>Valid rows.</summary>
    public int Valid { get; internal set; }

    /// <summary>Invalid rows.</summary>
    public int Invalid { get; internal set; }

    /// <summary>Rows with the phone number or email of an earlier row.</summary>
    public int Duplicates { get; internal set; }

    /// <summary>Valid rows on a do-not-call list (<see cref="CampaignOptions.SuppressionLists"/>) skipped by this run: not created before, not of unknown outcome.</summary>
    public int Suppressed { get; internal set; }

    /// <summary>Rows this run will try.</summary>
    public int ToSend { get; internal set; }

    /// <summary>Rows an earlier run created.</summary>
    public int AlreadyCreated { get; internal set; }

    /// <summary>Rows whose outcome was already unknown (or in flight at a kill) before this run, not resent.</summary>
    public int Unresolved { get; internal set; }

    /// <summary>Rows this run created.</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>Rows this run failed to create, provably unsent or refused: a rerun retries them.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Rows this run sent with no outcome known: they may have reached the customer.</summary>
    public int Unknown => Volatile.Read(ref _unknown);

    /// <summary>Rows this run did not start, because it stopped.</summary>
    public int NotStarted => Volatile.Read(ref _notStarted);

    /// <summary>How many times 429 answers slowed the campaign down.</summary>
    public int Throttles { get; internal set; }

    /// <summary>With <see cref="CampaignOptions.Follow"/>: the attempts this run followed to their final status (and journalled).</summary>
    public int Followed => Volatile.Read(ref _followed);

    /// <summary>With <see cref="CampaignOptions.Follow"/>: the attempts this run left not final (timed out, or Get call refused them); a rerun follows them.</summary>
    public int NotFinal => Volatile.Read(ref _notFinal);

    /// <summary>With <see cref="CampaignOptions.Redial"/>: the redial attempts (attempt 2 and later) this run created.</summary>
    public int Redials => Volatile.Read(ref _redials);

    /// <summary>Rows this run finished: created, failed or unknown.</summary>
    public int Done => Created + Failed + Unknown;

    /// <summary>
    /// Rows waiting now for their calling hours to open (or for their next local day, over
    /// <see cref="CampaignOptions.DailyLimit"/>); at the end, the rows left waiting.
    /// </summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>When the first waiting row may go (its window's opening or its next local day), in UTC; null when none waits.</summary>
    public DateTimeOffset? NextOpening
    {
        get
        {
            lock (_waitingGate)
            {
                return _nextOpening;
            }
        }
    }

    internal void SetWaiting(int rows, DateTimeOffset? next)
    {
        lock (_waitingGate)
        {
            Volatile.Write(ref _waiting, rows);
            _nextOpening = rows > 0 && next != DateTimeOffset.MaxValue ? next : null;
        }
    }

    internal void AddNotStarted() => Interlocked.Increment(ref _notStarted);

    internal void AddCreated() => Interlocked.Increment(ref _created);

    internal void AddFailed() => Interlocked.Increment(ref _failed);

    internal void AddUnknown() => Interlocked.Increment(ref _unknown);

    internal void AddFollowed() => Interlocked.Increment(ref _followed);

    internal void AddNotFinal() => Interlocked.Increment(ref _notFinal);

    internal void AddRedial() => Interlocked.Increment(ref _redials);
}

/// <summary>What a campaign run did.</summary>
public sealed class CampaignResult
{
    internal CampaignResult(CampaignOutcome outcome, CampaignCounters counters, string journal, bool dryRun)
    {
        Outcome = outcome;
        Counters = counters;
        Journal = journal;
        DryRun = dryRun;
    }

    /// <summary>How the run ended.</summary>
    public CampaignOutcome Outcome { get; }

    /// <summary>The counts.</summary>
    public CampaignCounters Counters { get; }

    /// <summary>The journal's name (for a file, its path).</summary>
    public string Journal { get; }

    /// <summary>Whether it was a dry run (nothing sent).</summary>
    public bool DryRun { get; }

    /// <summary>Whether the run stopped before every row was tried.</summary>
    public bool Stopped { get; internal set; }

    /// <summary>Why it stopped, in a sentence; null when it did not.</summary>
    public string? StopReason { get; internal set; }

    /// <summary>What stopped it; null when it did not stop.</summary>
    public CampaignStopCause? StopCause { get; internal set; }

    /// <summary>A sentence for the operator when the run refused to go on.</summary>
    public string? Message { get; internal set; }

    /// <summary>How long the run took in all.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>The run's number in the journal (1 for the first; 0 when nothing was sent).</summary>
    public int Run { get; internal set; }

    /// <summary>Invalid and duplicate rows (the first <see cref="CampaignRunner.MaxReported"/>).</summary>
    public IReadOnlyList<CampaignRowReport> Problems { get; internal set; } = [];

    /// <summary>Rows whose outcome is unknown: check them (in the console, or by id) before any resend.</summary>
    public IReadOnlyList<CampaignRowReport> Unresolved { get; internal set; } = [];

    /// <summary>Each do-not-call list's name (<see cref="SuppressionList.Name"/>) and the rows it had this run skip (a row on several lists counts for the first).</summary>
    public IReadOnlyDictionary<string, int> SuppressedByList { get; internal set; } = new Dictionary<string, int>();

    /// <summary>The final status of each interaction this run created, counted, with <see cref="CampaignOptions.Wait"/>.</summary>
    public IReadOnlyDictionary<string, int> FinalStatuses { get; internal set; } = new Dictionary<string, int>();

    /// <summary>
    /// With <see cref="CampaignOutcome.OutsideCallingHours"/>: when the first waiting row's window opens (or, over
    /// <see cref="CampaignOptions.DailyLimit"/>, its next local day begins), in UTC.
    /// </summary>
    public DateTimeOffset? ResumeAt { get; internal set; }

    /// <summary>Rows left unsent because they were outside their calling hours or over their day's limit (<see cref="CampaignOptions.WaitForWindow"/> false).</summary>
    public int Waiting { get; internal set; }

    /// <summary>The process's peak working set at the end, in bytes.</summary>
    public long PeakWorkingSet { get; internal set; }

    /// <summary>How long the sending took (from the first row sent to the last outcome recorded; not the waiting).</summary>
    public TimeSpan SendingElapsed { get; internal set; }

    /// <summary>Rows finished per second of sending.</summary>
    public double RowsPerSecond => SendingElapsed.TotalSeconds > 0 ? Counters.Done / SendingElapsed.TotalSeconds : 0;
}

/// <summary>
/// Stops a campaign: the first <see cref="Request"/> stops new interactions (the ones in flight finish and are
/// recorded); a second cancels the ones in flight (they become unknown).
/// </summary>
public sealed class CampaignStop : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();

    /// <summary>Cancelled at the first request.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>Cancelled at the second request.</summary>
    public CancellationToken Aborting => _abort.Token;

    /// <summary>The first request's reason.</summary>
    public string? Reason { get; private set; }

    /// <summary>Asks the campaign to stop (the first time) or to cancel what is in flight (the second).</summary>
    /// <param name="reason">Why, for the result (such as "SIGTERM").</param>
    public void Request(string reason)
    {
        if (_stop.IsCancellationRequested)
        {
            _abort.Cancel();
            return;
        }

        Reason = reason;
        _stop.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Dispose();
        _abort.Dispose();
    }
}
