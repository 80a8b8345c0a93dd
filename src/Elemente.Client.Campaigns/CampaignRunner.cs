using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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

    /// <summary>Rows in the CSV.</summary>
    public int Rows { get; internal set; }

    /// <summary>Valid rows.</summary>
    public int Valid { get; internal set; }

    /// <summary>Invalid rows.</summary>
    public int Invalid { get; internal set; }

    /// <summary>Rows with the phone number or email of an earlier row.</summary>
    public int Duplicates { get; internal set; }

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

    /// <summary>Rows this run finished: created, failed or unknown.</summary>
    public int Done => Created + Failed + Unknown;

    internal void AddNotStarted() => Interlocked.Increment(ref _notStarted);

    internal void AddCreated() => Interlocked.Increment(ref _created);

    internal void AddFailed() => Interlocked.Increment(ref _failed);

    internal void AddUnknown() => Interlocked.Increment(ref _unknown);
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

    /// <summary>The final status of each interaction this run created, counted, with <see cref="CampaignOptions.Wait"/>.</summary>
    public IReadOnlyDictionary<string, int> FinalStatuses { get; internal set; } = new Dictionary<string, int>();

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

/// <summary>
/// Runs a campaign: one interaction per CSV row, each recorded in a journal (<see cref="ICampaignJournal"/>) as
/// <see cref="CampaignRowState.Sending"/> before its request leaves and with its outcome after, so that a rerun with
/// the same options goes on where the last run stopped (or was killed) and never sends a row twice. The CSV is read
/// twice, streaming (first every row is validated and duplicates found, then the rows are sent), so memory stays
/// bounded by the pacing queue and a few bytes per row, not by the file.
/// </summary>
/// <remarks>
/// The client should have <see cref="ElementeClientOptions.MaxRetries"/> 0: the runner paces 429 answers for the whole
/// campaign itself. One runner runs one campaign once; create a new one for a rerun.
/// </remarks>
public sealed class CampaignRunner
{
    /// <summary>The most problem rows kept for the report (all are counted; <see cref="OnProblem"/> is told each).</summary>
    public const int MaxReported = 1000;

    private const int MaxConsecutiveConnectionFailures = 5;
    private readonly CampaignOptions _options;
    private readonly Func<ElementeClient> _client;
    private readonly bool _ownsClient;
    private string? _stopReason;
    private CampaignStopCause? _stopCause;
    private TimeSpan _sending;

    /// <summary>Creates a runner that creates its client when the sending starts, and disposes it at the end.</summary>
    /// <param name="options">The campaign.</param>
    /// <param name="createClient">Creates the client (not called for a dry run).</param>
    public CampaignRunner(CampaignOptions options, Func<ElementeClient> createClient)
        : this(options, createClient, ownsClient: true)
    {
    }

    /// <summary>Creates a runner that uses <paramref name="client"/> (not disposed: it is the caller's).</summary>
    /// <param name="options">The campaign.</param>
    /// <param name="client">The client.</param>
    public CampaignRunner(CampaignOptions options, ElementeClient client)
        : this(options, () => client, ownsClient: false)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }
    }

    private CampaignRunner(CampaignOptions options, Func<ElementeClient> client, bool ownsClient)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _ownsClient = ownsClient;
        Counters = new CampaignCounters();
    }

    /// <summary>The counts, kept up to date while the campaign runs.</summary>
    public CampaignCounters Counters { get; }

    /// <summary>Asked before resending unknown rows when <see cref="CampaignOptions.ResendConfirmed"/> is not set; null answers no.</summary>
    public Func<IReadOnlyList<CampaignRowReport>, bool>? ConfirmResend { get; set; }

    /// <summary>Called when the sending starts (after validation and the journal's checks).</summary>
    public Action? OnSendingStarted { get; set; }

    /// <summary>Told each invalid or duplicate row as it is found.</summary>
    public Action<CampaignRowReport>? OnProblem { get; set; }

    /// <summary>
    /// In a dry run (<see cref="CampaignOptions.DryRun"/>), told each request the campaign would send, in order, with its
    /// row's line: the rows not sent yet, as the journal tells it. Not called otherwise.
    /// </summary>
    public Action<int, CreateInteractionInput>? OnPlanned { get; set; }

    /// <summary>The clock for pacing and waiting (the system's by default).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Runs the campaign until every row is tried or <paramref name="cancellationToken"/> stops it.</summary>
    /// <param name="cancellationToken">
    /// Stops the campaign: no new interaction starts; the ones in flight finish and are recorded (for a host's
    /// shutdown, so that a restart goes on where it stopped).
    /// </param>
    /// <returns>What the run did.</returns>
    /// <exception cref="CampaignCsvException">The CSV cannot be read, or changed while it was read.</exception>
    /// <exception cref="CampaignMapException">A bad <see cref="CampaignOptions.Map"/>, or a column the channel needs is missing.</exception>
    /// <exception cref="CampaignJournalException">The journal cannot be used: unreadable, for another campaign, or in use.</exception>
    public async Task<CampaignResult> RunAsync(CancellationToken cancellationToken = default)
    {
        using var stop = new CampaignStop();
        using (cancellationToken.Register(() => stop.Request("cancelled")))
        {
            return await RunAsync(stop).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the campaign until every row is tried or <paramref name="stop"/> stops it.</summary>
    /// <param name="stop">Stops the campaign: the first request stops new interactions, a second cancels the ones in flight.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="CampaignCsvException">The CSV cannot be read, or changed while it was read.</exception>
    /// <exception cref="CampaignMapException">A bad <see cref="CampaignOptions.Map"/>, or a column the channel needs is missing.</exception>
    /// <exception cref="CampaignJournalException">The journal cannot be used: unreadable, for another campaign, or in use.</exception>
    /// <exception cref="ArgumentException">An option is missing or out of range (the message names it).</exception>
    public async Task<CampaignResult> RunAsync(CampaignStop stop)
    {
        if (stop is null)
        {
            throw new ArgumentNullException(nameof(stop));
        }

        CheckOptions(_options);

        var started = Stopwatch.StartNew();
        var options = _options;
        var problems = new List<CampaignRowReport>();
        void Problem(CampaignRowReport row)
        {
            if (problems.Count < MaxReported)
            {
                problems.Add(row);
            }

            OnProblem?.Invoke(row);
        }

        // Pass 1: validate every row, find duplicates, hash the file.
        var template = new CampaignTemplate(options.AgentId, options.SkillId, options.Channel, options.Region);
        FieldMap map;
        var skippedLines = new HashSet<int>();
        var duplicateOf = new Dictionary<int, int>();
        string sha;
        long bytes;
        using (var csv = CsvSource.Open(options.CsvPath))
        {
            map = FieldMap.Create(options.Map, csv.Header);
            var builder = new RowBuilder(map, template, csv.Header.Count);
            builder.CheckColumns(csv.Header);
            var seen = new Dictionary<ulong, int>();
            foreach (var row in csv.ReadRows())
            {
                Counters.Rows++;
                var built = builder.Build(row);
                if (!built.IsValid)
                {
                    Counters.Invalid++;
                    skippedLines.Add(row.Line);
                    Problem(new CampaignRowReport(row.Line, "invalid", string.Join("; ", built.Problems), built.PhoneRaw, built.PhoneE164));
                    continue;
                }

                Counters.Valid++;
                var (firstLine, what) = FirstSeen(seen, built);
                if (firstLine > 0)
                {
                    Counters.Duplicates++;
                    Problem(new CampaignRowReport(row.Line, "duplicate", $"the same {what} as line {firstLine}" + (options.AllowDuplicates ? " (sent anyway: --allow-duplicates)" : " (skipped; --allow-duplicates sends it)"), built.PhoneRaw, built.PhoneE164));
                    if (!options.AllowDuplicates)
                    {
                        skippedLines.Add(row.Line);
                        duplicateOf[row.Line] = firstLine;
                    }
                }
            }

            sha = csv.Sha256;
            bytes = csv.Length;
        }

        var csvFull = Path.GetFullPath(options.CsvPath);
        var header = new CampaignJournalHeader(csvFull, sha, bytes, options.AgentId, options.SkillId, CampaignChannels.Name(options.Channel), map.ToString(), options.Region);
        var journal = options.Journal ?? new CampaignJournalFile(options.EffectiveJournalPath);
        CampaignResult Finish(CampaignOutcome outcome, int run = 0, bool stopped = false, IReadOnlyList<CampaignRowReport>? unresolved = null, IReadOnlyDictionary<string, int>? statuses = null) =>
            new(outcome, Counters, journal.Name, options.DryRun)
            {
                Stopped = stopped,
                StopReason = stopped ? _stopReason ?? stop.Reason : null,
                StopCause = stopped ? _stopCause ?? CampaignStopCause.Requested : null,
                Elapsed = started.Elapsed,
                SendingElapsed = _sending,
                Run = run,
                Problems = problems,
                Unresolved = unresolved ?? [],
                FinalStatuses = statuses ?? new Dictionary<string, int>(),
                PeakWorkingSet = PeakWorkingSet(),
            };

        if (Counters.Invalid > 0 && !options.SkipInvalid)
        {
            return Finish(CampaignOutcome.InvalidRows);
        }

        // The journal: read under its lock (a dry run only reads it).
        try
        {
            var existing = await journal.ReadAsync(forWriting: !options.DryRun, CancellationToken.None).ConfigureAwait(false);
            existing?.Header.CheckMatches(header, journal.Name);
            var records = existing?.Rows ?? new Dictionary<int, CampaignRowRecord>();
            var unresolved = existing?.Unresolved.Select(Unresolved).ToList() ?? [];
            var resend = false;
            if (options.ResendUnknown && unresolved.Count > 0 && !options.DryRun)
            {
                resend = options.ResendConfirmed || (ConfirmResend?.Invoke(unresolved) ?? false);
                if (!resend)
                {
                    Counters.Unresolved = unresolved.Count;
                    var refused = Finish(CampaignOutcome.ResendNotConfirmed, unresolved: unresolved);
                    refused.Message = $"--resend-unknown: {unresolved.Count} row(s) may already have reached the API (listed); nothing was sent. Check them, then confirm with --yes to send them again.";
                    return refused;
                }
            }

            if (options.DryRun)
            {
                CountPlan(records, skippedLines, resend);
                if (OnPlanned is { } planned)
                {
                    Plan(planned, map, template, records, skippedLines, resend);
                }

                return Finish(CampaignOutcome.Completed, unresolved: unresolved);
            }

            await journal.StartAsync(header, existing, CancellationToken.None).ConfigureAwait(false);
            var recorder = new Recorder(journal, records, (existing?.LastRun ?? 0) + 1);
            await journal.MarkRunAsync(recorder.Run, ended: false, $"concurrency {options.Concurrency}" + (options.RatePerMinute is { } r ? $", rate {r.ToString(CultureInfo.InvariantCulture)}/min" : string.Empty), CancellationToken.None).ConfigureAwait(false);

            // Rows in flight when the last run was killed: their outcome is unknown; say so in the journal.
            foreach (var record in records.Values.Where(r => r.State == CampaignRowState.Sending).OrderBy(r => r.Line).ToList())
            {
                await recorder.AppendAsync(new CampaignJournalEntry(recorder.Run, record.Line, record.Key, CampaignRowState.Unknown)
                {
                    Reason = $"in flight when run {record.SendingRun} ended without recording its outcome (killed?)",
                }).ConfigureAwait(false);
            }

            OnSendingStarted?.Invoke();
            var (stopped, statuses) = await SendAsync(recorder, map, template, records, skippedLines, duplicateOf, resend, sha, stop).ConfigureAwait(false);
            if (_stopCause != CampaignStopCause.JournalFailed)
            {
                await journal.MarkRunAsync(recorder.Run, ended: true, stopped ? "stopped: " + (_stopReason ?? stop.Reason) : "completed", CancellationToken.None).ConfigureAwait(false);
            }

            // Unknown now: the ones before this run (unless resent) and this run's.
            var finalUnresolved = recorder.Unresolved().Select(Unresolved).ToList();
            var outcome = stopped ? CampaignOutcome.Stopped
                : Counters.Failed > 0 || finalUnresolved.Count > 0 || Counters.NotStarted > 0 ? CampaignOutcome.RowsFailed
                : CampaignOutcome.Completed;
            return Finish(outcome, recorder.Run, stopped, finalUnresolved, statuses);
        }
        finally
        {
            if (options.Journal is null)
            {
                await journal.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static void CheckOptions(CampaignOptions options)
    {
        static void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new ArgumentException(message, "options");
            }
        }

        Require(!string.IsNullOrWhiteSpace(options.CsvPath), "CampaignOptions.CsvPath is required.");
        Require(!string.IsNullOrWhiteSpace(options.AgentId), "CampaignOptions.AgentId is required.");
        Require(!string.IsNullOrWhiteSpace(options.SkillId), "CampaignOptions.SkillId is required.");
        Require(options.Concurrency is >= 1 and <= 256, "CampaignOptions.Concurrency must be between 1 and 256.");
        Require(options.RatePerMinute is null or (> 0 and < double.PositiveInfinity), "CampaignOptions.RatePerMinute must be a positive number (or null for no limit).");
    }

    private static CampaignRowReport Unresolved(CampaignRowRecord r) =>
        new(r.Line, "unknown", r.Reason ?? $"marked sending in run {r.SendingRun}, no outcome recorded", r.Phone, r.E164, r.Id, r.Detail);

    /// <summary>Reads the CSV again and tells <paramref name="planned"/> each request the campaign would send.</summary>
    private void Plan(Action<int, CreateInteractionInput> planned, FieldMap map, CampaignTemplate template, IDictionary<int, CampaignRowRecord> records, HashSet<int> skippedLines, bool resend)
    {
        using var csv = CsvSource.Open(_options.CsvPath);
        var builder = new RowBuilder(map, template, csv.Header.Count);
        foreach (var row in csv.ReadRows())
        {
            if (skippedLines.Contains(row.Line) || !ToSend(records.TryGetValue(row.Line, out var record) ? record : null, resend))
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
                case CampaignRowState.Sending or CampaignRowState.Unknown when !resend:
                    Counters.Unresolved++;
                    break;
            }
        }

        Counters.ToSend = Counters.Valid - (Counters.Duplicates - (_options.AllowDuplicates ? Counters.Duplicates : 0)) - Counters.AlreadyCreated - Counters.Unresolved;
    }

    private async Task<(bool Stopped, IReadOnlyDictionary<string, int> Statuses)> SendAsync(
        Recorder writer,
        FieldMap map,
        CampaignTemplate template,
        IDictionary<int, CampaignRowRecord> records,
        HashSet<int> skippedLines,
        Dictionary<int, int> duplicateOf,
        bool resend,
        string sha,
        CampaignStop stop)
    {
        CountPlan(records, skippedLines, resend);
        var client = _client();
        using var owned = _ownsClient ? client : null;
        using var pacer = new Pacer(_options.Concurrency, _options.RatePerMinute, TimeProvider);
        var queue = System.Threading.Channels.Channel.CreateBounded<BuiltRow>(new System.Threading.Channels.BoundedChannelOptions(_options.Concurrency * 2) { SingleWriter = true });
        var created = new List<string>();
        using var fatal = CancellationTokenSource.CreateLinkedTokenSource(stop.Stopping);
        var consecutiveConnectionFailures = 0;

        async Task Worker()
        {
            while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                if (!queue.Reader.TryRead(out var row))
                {
                    continue;
                }

                if (fatal.IsCancellationRequested)
                {
                    Counters.AddNotStarted();
                    continue;
                }

                try
                {
                    var outcome = await SendRowAsync(writer, client, pacer, row, fatal.Token, stop.Aborting).ConfigureAwait(false);
                    if (outcome is { } id)
                    {
                        lock (created)
                        {
                            created.Add(id);
                        }

                        Interlocked.Exchange(ref consecutiveConnectionFailures, 0);
                    }
                }
                catch (NotStartedException)
                {
                    lock (created)
                    {
                        Counters.AddNotStarted();
                    }
                }
                catch (CredentialsRefusedException ex)
                {
                    Fatal(CampaignStopCause.CredentialsRefused, $"the API refused the credentials (HTTP {ex.Status})");
                }
                catch (ConnectionDownException)
                {
                    if (Interlocked.Increment(ref consecutiveConnectionFailures) >= MaxConsecutiveConnectionFailures)
                    {
                        Fatal(CampaignStopCause.ApiUnreachable, $"the API could not be reached {MaxConsecutiveConnectionFailures} times in a row");
                    }
                }
                catch (CampaignJournalException ex)
                {
                    Fatal(CampaignStopCause.JournalFailed, ex.Message);
                }
            }
        }

        void Fatal(CampaignStopCause cause, string reason)
        {
            lock (created)
            {
                if (_stopCause is null)
                {
                    _stopCause = cause;
                    _stopReason = reason;
                }
            }

            fatal.Cancel();
        }

        var sendingWatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, _options.Concurrency).Select(_ => Task.Run(Worker)).ToArray();
        string? changed = null;
        try
        {
            using var csv = CsvSource.Open(_options.CsvPath);
            var builder = new RowBuilder(map, template, csv.Header.Count);
            foreach (var row in csv.ReadRows())
            {
                var hasRecord = records.TryGetValue(row.Line, out var record);
                if (hasRecord && record!.Key != row.Hash)
                {
                    changed = $"line {row.Line} differs from the row the journal recorded";
                    break;
                }

                if (skippedLines.Contains(row.Line))
                {
                    if (record?.State != CampaignRowState.Skipped)
                    {
                        var reason = duplicateOf.TryGetValue(row.Line, out var first) ? $"duplicate of line {first}" : "invalid (--skip-invalid)";
                        var built = builder.Build(row);
                        try
                        {
                            await writer.AppendAsync(new CampaignJournalEntry(writer.Run, row.Line, row.Hash, CampaignRowState.Skipped) { Reason = reason, Phone = built.PhoneRaw, E164 = built.PhoneE164, Email = built.Email }).ConfigureAwait(false);
                        }
                        catch (CampaignJournalException ex)
                        {
                            Fatal(CampaignStopCause.JournalFailed, ex.Message);
                        }
                    }

                    continue;
                }

                if (!ToSend(record, resend))
                {
                    continue;
                }

                if (fatal.IsCancellationRequested)
                {
                    Counters.AddNotStarted();
                    continue;
                }

                var next = builder.Build(row);
                if (!next.IsValid)
                {
                    changed = $"line {row.Line} was valid when the file was first read";
                    break;
                }

                try
                {
                    await queue.Writer.WriteAsync(next, fatal.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Counters.AddNotStarted();
                }
            }

            if (changed is null && csv.Sha256 != sha && !fatal.IsCancellationRequested)
            {
                changed = "its content changed while the campaign read it";
            }
        }
        finally
        {
            queue.Writer.TryComplete();
            await Task.WhenAll(workers).ConfigureAwait(false);
            try
            {
                await writer.FlushAsync().ConfigureAwait(false);
            }
            catch (CampaignJournalException ex)
            {
                Fatal(CampaignStopCause.JournalFailed, ex.Message);
            }

            _sending = sendingWatch.Elapsed;
        }

        if (changed is not null)
        {
            throw new CampaignCsvException($"{_options.CsvPath}: {changed}; stopped. Rerun to go on (the journal is consistent).");
        }

        Counters.Throttles = pacer.Throttles;
        var statuses = _options.Wait && created.Count > 0 && !stop.Stopping.IsCancellationRequested
            ? await WaitAllAsync(client, created, stop.Stopping).ConfigureAwait(false)
            : new Dictionary<string, int>();
        return (fatal.IsCancellationRequested, statuses);
    }

    /// <summary>Whether a row with this record is sent: not created, and not of unknown outcome unless resending those.</summary>
    private static bool ToSend(CampaignRowRecord? record, bool resend) =>
        record?.State is not CampaignRowState.Created && (resend || record?.State is not (CampaignRowState.Unknown or CampaignRowState.Sending));

    /// <summary>Sends one row: marks it sending (on disk), creates it, records the outcome. Returns the id when created.</summary>
    private async Task<string?> SendRowAsync(Recorder writer, ElementeClient client, Pacer pacer, BuiltRow row, CancellationToken stopping, CancellationToken aborting)
    {
        var marked = false;
        while (true)
        {
            IDisposable slot;
            try
            {
                slot = await pacer.AcquireAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                if (marked)
                {
                    // A 429 left it unsent, and the campaign stopped before its retry: provably not processed.
                    await writer.AppendAsync(Event(writer.Run, row, CampaignRowState.Failed, reason: "refused with 429 and not retried: the campaign was stopped")).ConfigureAwait(false);
                    Counters.AddFailed();
                    return null;
                }

                throw new NotStartedException();
            }

            using (slot)
            {
                if (!marked)
                {
                    await writer.AppendAsync(Event(writer.Run, row, CampaignRowState.Sending, phone: true)).ConfigureAwait(false);
                    marked = true;
                }

                try
                {
                    var call = await client.Calls.CreateAsync(row.Request!, aborting).ConfigureAwait(false);
                    // Not awaited here: the worker goes on to its next row, whose sending mark shares this one's flush. Only
                    // a sending mark must be on disk before its request leaves; were this one lost, the row would read
                    // unknown, never unsent. A failed write fails every later append, so the next mark stops the run.
                    writer.AppendLater(Event(writer.Run, row, CampaignRowState.Created, id: call.Id));
                    Counters.AddCreated();
                    pacer.Succeeded();
                    return call.Id;
                }
                catch (ElementeApiException ex) when (!ex.OutcomeUnknown && (ex.StatusCode == 429 || (ex.StatusCode == 503 && RetryAfter(ex) is not null)))
                {
                    // Refused before processing: slow the whole campaign down, then try the same row again.
                    pacer.Throttled(RetryAfter(ex));
                    continue;
                }
                catch (ElementeException ex) when (!ex.OutcomeUnknown)
                {
                    await writer.AppendAsync(Event(writer.Run, row, CampaignRowState.Failed, reason: Reason(ex), detail: ex.Message)).ConfigureAwait(false);
                    Counters.AddFailed();
                    if (ex is ElementeConnectionException)
                    {
                        throw new ConnectionDownException();
                    }

                    if (ex is ElementeApiException { StatusCode: 401 or 403 } refused)
                    {
                        throw new CredentialsRefusedException(refused.StatusCode);
                    }

                    return null;
                }
                catch (ElementeException ex)
                {
                    await writer.AppendAsync(Event(writer.Run, row, CampaignRowState.Unknown, reason: Reason(ex), detail: ex.Message)).ConfigureAwait(false);
                    Counters.AddUnknown();
                    return null;
                }
                catch (OperationCanceledException)
                {
                    await writer.AppendAsync(Event(writer.Run, row, CampaignRowState.Unknown, reason: "cancelled while in flight (a second Ctrl+C or SIGTERM)")).ConfigureAwait(false);
                    Counters.AddUnknown();
                    return null;
                }
                catch (Exception ex) when (ex is not CampaignJournalException)
                {
                    await writer.AppendAsync(Event(writer.Run, row, CampaignRowState.Unknown, reason: "failed after the request was sent: " + ex.GetType().Name, detail: ex.Message)).ConfigureAwait(false);
                    Counters.AddUnknown();
                    return null;
                }
            }
        }
    }

    private static CampaignJournalEntry Event(int run, BuiltRow row, CampaignRowState state, string? id = null, string? reason = null, bool phone = false, string? detail = null) =>
        new(run, row.Row.Line, row.Row.Hash, state) { Id = id, Reason = reason, Detail = detail, Phone = phone ? row.PhoneRaw : null, E164 = phone ? row.PhoneE164 : null, Email = phone ? row.Email : null };

    /// <summary>A short, specific reason (the exception's message is kept beside it as the detail).</summary>
    private static string Reason(ElementeException ex) => ex switch
    {
        ElementeApiException { StatusCode: >= 200 and <= 299 } api => $"{api.StatusCode} with an unreadable body",
        ElementeApiException api => $"HTTP {api.StatusCode}" + (api.Errors.Count > 0 ? ": " + string.Join("; ", api.Errors) : string.Empty),
        ElementeTimeoutException => ex.OutcomeUnknown ? "timed out after the request was sent" : "timed out before the request was sent",
        ElementeConnectionException => ex.OutcomeUnknown ? "connection dropped after the request was sent" : "connection failed before the request was sent",
        ElementeValidationException validation => "invalid: " + string.Join("; ", validation.Errors),
        _ => ex.GetType().Name,
    };

    internal static TimeSpan? RetryAfter(ElementeApiException ex)
    {
        foreach (var header in ex.Headers)
        {
            var values = header.Value;
            if (!string.Equals(header.Key, "Retry-After", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = values.FirstOrDefault()?.Trim();
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        return null;
    }

    private async Task<IReadOnlyDictionary<string, int>> WaitAllAsync(ElementeClient client, List<string> ids, CancellationToken cancellationToken)
    {
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        using var gate = new SemaphoreSlim(_options.Concurrency);
        var waits = ids.Select(async id =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var call = await client.Calls.WaitForCompletionAsync(id, new WaitOptions { TimeProvider = TimeProvider }, cancellationToken).ConfigureAwait(false);
                return call.Status?.ToString() ?? "(none)";
            }
            catch (ElementeException ex)
            {
                return "error: " + ex.GetType().Name;
            }
            finally
            {
                gate.Release();
            }
        });
        foreach (var status in await Task.WhenAll(waits).ConfigureAwait(false))
        {
            statuses[status] = (statuses.TryGetValue(status, out var count) ? count : 0) + 1;
        }

        return statuses;
    }

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
            yield return (Key("p", row.PhoneE164), "phone number");
        }

        if (row.Email is not null)
        {
            yield return (Key("e", row.Email.ToLowerInvariant()), "email");
        }
    }

    // 64-bit hashes, not the values: a few bytes per row whatever the CSV holds (a collision, about one in 10^8 at a
    // million rows, would report a false duplicate, never hide a real one).
    private static ulong Key(string kind, string value) => BitConverter.ToUInt64(Compat.Sha256(Encoding.UTF8.GetBytes(kind + value)), 0);

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private sealed class NotStartedException : Exception
    {
    }

    private sealed class ConnectionDownException : Exception
    {
    }

    private sealed class CredentialsRefusedException(int status) : Exception
    {
        public int Status { get; } = status;
    }

    /// <summary>Appends to the journal, and keeps this run's rows' latest states for the result.</summary>
    private sealed class Recorder(ICampaignJournal journal, IDictionary<int, CampaignRowRecord> before, int run)
    {
        private readonly Dictionary<int, CampaignRowRecord> _now = [];
        private readonly List<Task> _pending = [];

        public int Run { get; } = run;

        public async Task AppendAsync(CampaignJournalEntry entry)
        {
            try
            {
                await journal.AppendAsync(entry, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not CampaignJournalException)
            {
                // Whatever the journal throws, nothing more can be recorded: the run stops before any further request.
                throw new CampaignJournalException($"journal {journal.Name}: cannot be written ({ex.Message})", ex);
            }

            lock (_now)
            {
                if (!_now.TryGetValue(entry.Line, out var record))
                {
                    record = before.TryGetValue(entry.Line, out var earlier) ? earlier.Copy() : new CampaignRowRecord(entry.Line, entry.Key);
                    _now[entry.Line] = record;
                }

                record.Apply(entry);
            }
        }

        /// <summary>Starts an append that is awaited later, by <see cref="FlushAsync"/>.</summary>
        public void AppendLater(CampaignJournalEntry entry)
        {
            var append = AppendAsync(entry);
            lock (_pending)
            {
                _pending.RemoveAll(t => t.IsCompleted && !t.IsFaulted);
                _pending.Add(append);
            }
        }

        /// <summary>Waits for the appends started by <see cref="AppendLater"/>.</summary>
        /// <exception cref="CampaignJournalException">One failed.</exception>
        public async Task FlushAsync()
        {
            Task[] pending;
            lock (_pending)
            {
                pending = [.. _pending];
                _pending.Clear();
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
        }

        /// <summary>Rows whose outcome is unknown now: before this run (unless resent) and this run's.</summary>
        public IEnumerable<CampaignRowRecord> Unresolved()
        {
            lock (_now)
            {
                return before.Values.Where(r => !_now.ContainsKey(r.Line)).Concat(_now.Values)
                    .Where(r => r.State is CampaignRowState.Unknown or CampaignRowState.Sending)
                    .OrderBy(r => r.Line)
                    .ToList();
            }
        }
    }
}
