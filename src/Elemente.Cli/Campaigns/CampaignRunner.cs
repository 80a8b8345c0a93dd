using System.Diagnostics;
using System.Globalization;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;

namespace Elemente.Cli.Campaigns;

/// <summary>A row reported to the operator: invalid, duplicate, or left unresolved in the journal.</summary>
internal sealed record ReportedRow(int Line, string Kind, string Message, string? Phone = null, string? E164 = null, string? Id = null);

/// <summary>Counts, kept up to date while the campaign runs (the progress bar reads them).</summary>
internal sealed class CampaignCounters
{
    private int _created;
    private int _failed;
    private int _unknown;

    public int Rows { get; set; }

    public int Valid { get; set; }

    public int Invalid { get; set; }

    public int Duplicates { get; set; }

    /// <summary>Rows this run will try.</summary>
    public int ToSend { get; set; }

    public int AlreadyCreated { get; set; }

    /// <summary>Rows whose outcome was already unknown (or in flight at a kill) before this run, not resent.</summary>
    public int Unresolved { get; set; }

    public int Created => _created;

    public int Failed => _failed;

    public int Unknown => _unknown;

    private int _notStarted;

    public int NotStarted => _notStarted;

    public void AddNotStarted() => Interlocked.Increment(ref _notStarted);

    public int Throttles { get; set; }

    public int Done => _created + _failed + _unknown;

    public void AddCreated() => Interlocked.Increment(ref _created);

    public void AddFailed() => Interlocked.Increment(ref _failed);

    public void AddUnknown() => Interlocked.Increment(ref _unknown);
}

/// <summary>What a campaign run did.</summary>
internal sealed class CampaignResult
{
    public required int ExitCode { get; init; }

    public required CampaignCounters Counters { get; init; }

    public required string JournalPath { get; init; }

    public required bool DryRun { get; init; }

    public bool Stopped { get; init; }

    public string? StopReason { get; init; }

    /// <summary>A sentence for the operator when the run refused to go on.</summary>
    public string? Message { get; set; }

    public TimeSpan Elapsed { get; init; }

    public int Run { get; init; }

    /// <summary>Invalid and duplicate rows (the first <see cref="CampaignRunner.MaxReported"/>).</summary>
    public IReadOnlyList<ReportedRow> Problems { get; init; } = [];

    /// <summary>Rows whose outcome is unknown: an operator checks them (in the console, or by id) before any resend.</summary>
    public IReadOnlyList<ReportedRow> Unresolved { get; init; } = [];

    /// <summary>The final status of each call this run created, with --wait.</summary>
    public IReadOnlyDictionary<string, int> FinalStatuses { get; init; } = new Dictionary<string, int>();

    public long PeakWorkingSet { get; init; }

    /// <summary>How long the sending took (from the first row sent to the last outcome recorded; not --wait's waiting).</summary>
    public TimeSpan SendingElapsed { get; init; }

    public double RowsPerSecond => SendingElapsed.TotalSeconds > 0 ? Counters.Done / SendingElapsed.TotalSeconds : 0;
}

/// <summary>Ctrl+C and SIGTERM: the first stops new calls, a second cancels the ones in flight (they become unknown).</summary>
internal sealed class CampaignStop : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();

    public CancellationToken Stopping => _stop.Token;

    public CancellationToken Aborting => _abort.Token;

    public string? Reason { get; private set; }

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

    public void Dispose()
    {
        _stop.Dispose();
        _abort.Dispose();
    }
}

/// <summary>
/// Runs a campaign: reads the CSV twice, streaming (first every row is validated and duplicates found, then the rows are
/// sent), so memory stays bounded by the pacing queue and a few bytes per row, not by the file. Every row's request is
/// marked <c>sending</c> in the journal, on disk, before it leaves; its outcome follows.
/// </summary>
internal sealed class CampaignRunner
{
    /// <summary>The most problem rows kept for the report (all are counted; text output prints each as it is found).</summary>
    public const int MaxReported = 1000;

    private const int MaxConsecutiveConnectionFailures = 5;
    private readonly CampaignOptions _options;
    private readonly Func<ElementeClient> _client;
    private readonly Action<ReportedRow>? _onProblem;
    private readonly TimeProvider _time;

    /// <param name="options">The campaign.</param>
    /// <param name="client">Creates the client (not called for a dry run).</param>
    /// <param name="onProblem">Told each invalid or duplicate row as it is found.</param>
    /// <param name="time">The clock for pacing.</param>
    public CampaignRunner(CampaignOptions options, Func<ElementeClient> client, Action<ReportedRow>? onProblem = null, TimeProvider? time = null)
    {
        _options = options;
        _client = client;
        _onProblem = onProblem;
        _time = time ?? TimeProvider.System;
        Counters = new CampaignCounters();
    }

    public CampaignCounters Counters { get; }

    /// <summary>Asked before resending unknown rows when <c>--yes</c> was not given; null answers no.</summary>
    public Func<IReadOnlyList<ReportedRow>, bool>? ConfirmResend { get; init; }

    /// <summary>Called when the sending starts (the progress bar's cue).</summary>
    public Action? OnSendingStarted { get; init; }

    /// <exception cref="CsvFileException">The CSV cannot be read.</exception>
    /// <exception cref="MapException">Bad --map, or a missing column.</exception>
    /// <exception cref="JournalException">The journal cannot be used.</exception>
    public async Task<CampaignResult> RunAsync(CampaignStop stop)
    {
        var started = Stopwatch.StartNew();
        var options = _options;
        var problems = new List<ReportedRow>();
        void Problem(ReportedRow row)
        {
            if (problems.Count < MaxReported)
            {
                problems.Add(row);
            }

            _onProblem?.Invoke(row);
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
                    Problem(new ReportedRow(row.Line, "invalid", string.Join("; ", built.Problems), built.PhoneRaw, built.PhoneE164));
                    continue;
                }

                Counters.Valid++;
                var (firstLine, what) = FirstSeen(seen, built);
                if (firstLine > 0)
                {
                    Counters.Duplicates++;
                    Problem(new ReportedRow(row.Line, "duplicate", $"the same {what} as line {firstLine}" + (options.AllowDuplicates ? " (sent anyway: --allow-duplicates)" : " (skipped; --allow-duplicates sends it)"), built.PhoneRaw, built.PhoneE164));
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
        var header = new JournalHeader(csvFull, sha, bytes, options.AgentId, options.SkillId, Channels.Name(options.Channel), map.ToString(), options.Region);
        var journalPath = options.EffectiveJournalPath;
        CampaignResult Finish(int code, int run = 0, bool stopped = false, IReadOnlyList<ReportedRow>? unresolved = null, IReadOnlyDictionary<string, int>? statuses = null) => new()
        {
            ExitCode = code,
            Counters = Counters,
            JournalPath = journalPath,
            DryRun = options.DryRun,
            Stopped = stopped,
            StopReason = StopReason ?? stop.Reason,
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
            return Finish(ExitCodes.InvalidRows);
        }

        // The journal: read under its lock (a dry run only reads it).
        FileStream? lockFile = null;
        Journal? journal = null;
        try
        {
            if (!options.DryRun)
            {
                lockFile = JournalWriter.Lock(journalPath);
            }

            if (File.Exists(journalPath) && new FileInfo(journalPath).Length > 0)
            {
                try
                {
                    journal = Journal.Read(journalPath);
                    journal.CheckMatches(header, journalPath);
                }
                catch (TornHeaderException)
                {
                    // Nothing was sent under a header that was never written whole: the run starts the journal again
                    // (a dry run leaves that to the next real run).
                    journal = null;
                }
            }

            var records = journal?.Rows ?? new Dictionary<int, RowRecord>();
            var unresolved = journal?.Unresolved.Select(Unresolved).ToList() ?? [];
            var resend = false;
            if (options.ResendUnknown && unresolved.Count > 0 && !options.DryRun)
            {
                resend = options.ResendConfirmed || (ConfirmResend?.Invoke(unresolved) ?? false);
                if (!resend)
                {
                    Counters.Unresolved = unresolved.Count;
                    var refused = Finish(ExitCodes.BadInput, unresolved: unresolved);
                    refused.Message = $"--resend-unknown: {unresolved.Count} row(s) may already have reached the API (listed); nothing was sent. Check them, then confirm with --yes to send them again.";
                    return refused;
                }
            }

            if (options.DryRun)
            {
                CountPlan(records, skippedLines, resend);
                return Finish(ExitCodes.Success, unresolved: unresolved);
            }

            await using var writer = JournalWriter.Open(journalPath, header, journal, (journal?.LastRun ?? 0) + 1, lockFile!);
            lockFile = null; // the writer owns it now
            await writer.AppendRunAsync("run-start", $"concurrency {options.Concurrency}" + (options.RatePerMinute is { } r ? $", rate {r.ToString(CultureInfo.InvariantCulture)}/min" : string.Empty)).ConfigureAwait(false);

            // Rows in flight when the last run was killed: their outcome is unknown; say so in the journal.
            foreach (var record in records.Values.Where(r => r.State == RowState.Sending).OrderBy(r => r.Line))
            {
                var reason = $"in flight when run {record.SendingRun} ended without recording its outcome (killed?)";
                await writer.AppendAsync(new JournalEvent(record.Line, record.Key, RowState.Unknown, Reason: reason)).ConfigureAwait(false);
                record.State = RowState.Unknown;
                record.Reason = reason;
            }

            unresolved = records.Values.Where(r => r.State == RowState.Unknown).OrderBy(r => r.Line).Select(Unresolved).ToList();
            OnSendingStarted?.Invoke();
            var (stopped, statuses) = await SendAsync(writer, map, template, records, skippedLines, duplicateOf, resend, sha, stop).ConfigureAwait(false);
            await writer.AppendRunAsync("run-end", stopped ? "stopped: " + (StopReason ?? stop.Reason) : "completed").ConfigureAwait(false);

            // Unknown now: the ones before this run (unless resent) and this run's.
            var after = Journal.Read(journalPath);
            var finalUnresolved = after.Unresolved.Select(Unresolved).ToList();
            var code = stopped ? ExitCodes.Stopped
                : Counters.Failed > 0 || finalUnresolved.Count > 0 || Counters.NotStarted > 0 ? ExitCodes.RowsFailed
                : ExitCodes.Success;
            return Finish(code, writer.Run, stopped, finalUnresolved, statuses);
        }
        finally
        {
            lockFile?.Dispose();
        }
    }

    private string? StopReason { get; set; }

    private TimeSpan _sending;

    private static ReportedRow Unresolved(RowRecord r) =>
        new(r.Line, "unknown", r.Reason ?? $"marked sending in run {r.SendingRun}, no outcome recorded", r.Phone, r.E164, r.Id);

    private void CountPlan(Dictionary<int, RowRecord> records, HashSet<int> skipped, bool resend)
    {
        foreach (var (line, record) in records)
        {
            if (skipped.Contains(line))
            {
                continue;
            }

            switch (record.State)
            {
                case RowState.Created:
                    Counters.AlreadyCreated++;
                    break;
                case RowState.Sending or RowState.Unknown when !resend:
                    Counters.Unresolved++;
                    break;
            }
        }

        Counters.ToSend = Counters.Valid - (Counters.Duplicates - (_options.AllowDuplicates ? Counters.Duplicates : 0)) - Counters.AlreadyCreated - Counters.Unresolved;
    }

    private async Task<(bool Stopped, IReadOnlyDictionary<string, int> Statuses)> SendAsync(
        JournalWriter writer,
        FieldMap map,
        CampaignTemplate template,
        Dictionary<int, RowRecord> records,
        HashSet<int> skippedLines,
        Dictionary<int, int> duplicateOf,
        bool resend,
        string sha,
        CampaignStop stop)
    {
        CountPlan(records, skippedLines, resend);
        using var client = _client();
        using var pacer = new Pacer(_options.Concurrency, _options.RatePerMinute, _time);
        var queue = Channel.CreateBounded<BuiltRow>(new BoundedChannelOptions(_options.Concurrency * 2) { SingleWriter = true });
        var created = new List<string>();
        using var fatal = CancellationTokenSource.CreateLinkedTokenSource(stop.Stopping);
        Exception? journalFailure = null;
        var consecutiveConnectionFailures = 0;

        async Task Worker()
        {
            await foreach (var row in queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
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
                    StopReason ??= $"the API refused the credentials (HTTP {ex.Status}): check ELEMENTE_USERNAME and the password";
                    fatal.Cancel();
                }
                catch (ConnectionDownException)
                {
                    if (Interlocked.Increment(ref consecutiveConnectionFailures) >= MaxConsecutiveConnectionFailures)
                    {
                        StopReason ??= $"the API could not be reached {MaxConsecutiveConnectionFailures} times in a row";
                        fatal.Cancel();
                    }
                }
                catch (JournalException ex)
                {
                    journalFailure ??= ex;
                    StopReason ??= ex.Message;
                    fatal.Cancel();
                }
            }
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
                    if (record?.State != RowState.Skipped)
                    {
                        var reason = duplicateOf.TryGetValue(row.Line, out var first) ? $"duplicate of line {first}" : "invalid (--skip-invalid)";
                        var built = builder.Build(row);
                        await writer.AppendAsync(new JournalEvent(row.Line, row.Hash, RowState.Skipped, Reason: reason, Phone: built.PhoneRaw, E164: built.PhoneE164, Email: built.Email)).ConfigureAwait(false);
                    }

                    continue;
                }

                var state = record?.State ?? RowState.None;
                if (state == RowState.Created || (state is RowState.Unknown or RowState.Sending && !resend))
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
            _sending = sendingWatch.Elapsed;
        }

        if (journalFailure is not null)
        {
            throw journalFailure;
        }

        if (changed is not null)
        {
            throw new CsvFileException($"{_options.CsvPath}: {changed}; stopped. Rerun to go on (the journal is consistent).");
        }

        Counters.Throttles = pacer.Throttles;
        var statuses = _options.Wait && created.Count > 0 && !stop.Stopping.IsCancellationRequested
            ? await WaitAllAsync(client, created, stop.Stopping).ConfigureAwait(false)
            : new Dictionary<string, int>();
        return (fatal.IsCancellationRequested, statuses);
    }

    /// <summary>Sends one row: marks it sending (on disk), creates it, records the outcome. Returns the id when created.</summary>
    private async Task<string?> SendRowAsync(JournalWriter writer, ElementeClient client, Pacer pacer, BuiltRow row, CancellationToken stopping, CancellationToken aborting)
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
                    await writer.AppendAsync(Event(row, RowState.Failed, reason: "refused with 429 and not retried: the campaign was stopped")).ConfigureAwait(false);
                    Counters.AddFailed();
                    return null;
                }

                throw new NotStartedException();
            }

            using (slot)
            {
                if (!marked)
                {
                    await writer.AppendAsync(Event(row, RowState.Sending, phone: true)).ConfigureAwait(false);
                    marked = true;
                }

                try
                {
                    var call = await client.Calls.CreateAsync(row.Request!, aborting).ConfigureAwait(false);
                    await writer.AppendAsync(Event(row, RowState.Created, id: call.Id)).ConfigureAwait(false);
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
                    await writer.AppendAsync(Event(row, RowState.Failed, reason: Reason(ex))).ConfigureAwait(false);
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
                    await writer.AppendAsync(Event(row, RowState.Unknown, reason: Reason(ex))).ConfigureAwait(false);
                    Counters.AddUnknown();
                    return null;
                }
                catch (OperationCanceledException)
                {
                    await writer.AppendAsync(Event(row, RowState.Unknown, reason: "cancelled while in flight (a second Ctrl+C or SIGTERM)")).ConfigureAwait(false);
                    Counters.AddUnknown();
                    return null;
                }
                catch (Exception ex) when (ex is not JournalException)
                {
                    await writer.AppendAsync(Event(row, RowState.Unknown, reason: $"{ex.GetType().Name}: {ex.Message}")).ConfigureAwait(false);
                    Counters.AddUnknown();
                    return null;
                }
            }
        }
    }

    private static JournalEvent Event(BuiltRow row, RowState state, string? id = null, string? reason = null, bool phone = false) =>
        new(row.Row.Line, row.Row.Hash, state, id, reason, phone ? row.PhoneRaw : null, phone ? row.PhoneE164 : null, phone ? row.Email : null);

    private static string Reason(ElementeException ex) => ex switch
    {
        ElementeApiException api => $"HTTP {api.StatusCode}" + (api.Errors.Count > 0 ? ": " + string.Join("; ", api.Errors) : string.Empty),
        ElementeTimeoutException => "timed out: " + ex.Message,
        ElementeConnectionException => "connection failed: " + ex.Message,
        ElementeValidationException validation => "invalid: " + string.Join("; ", validation.Errors),
        _ => ex.Message,
    };

    internal static TimeSpan? RetryAfter(ElementeApiException ex)
    {
        foreach (var (name, values) in ex.Headers)
        {
            if (!string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase))
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
                var call = await client.Calls.WaitForCompletionAsync(id, new WaitOptions { TimeProvider = _time }, cancellationToken).ConfigureAwait(false);
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
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
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
    private static ulong Key(string kind, string value) => BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(kind + value)));

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

}
