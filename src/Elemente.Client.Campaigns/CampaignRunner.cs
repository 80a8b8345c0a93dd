using System.Diagnostics;
using System.Globalization;

namespace Elemente.Campaigns;

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
public sealed partial class CampaignRunner
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
    private RecipientZones? _zones;

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
            _zones = RecipientZones.Create(options, csv.Header);
            _daily = options.DailyLimit is { } limit ? new DailyLimitGate(limit) : null;
            var seen = new Dictionary<ulong, int>();
            foreach (var row in csv.ReadRows())
            {
                Counters.Rows++;
                var built = builder.Build(row);
                var invalid = built.IsValid ? null : string.Join("; ", built.Problems);
                if (invalid is null && _zones is { HasHours: true } && _zones.Resolve(built, out var zoneProblem) is null)
                {
                    invalid = zoneProblem;
                }

                if (invalid is not null)
                {
                    Counters.Invalid++;
                    skippedLines.Add(row.Line);
                    Problem(new CampaignRowReport(row.Line, "invalid", invalid, built.PhoneRaw, built.PhoneE164));
                    continue;
                }

                Counters.Valid++;
                var (firstLine, what) = FirstSeen(seen, built);
                if (Suppress(built))
                {
                    continue;
                }

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
                SuppressedByList = SuppressedByList(),
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
            ApplySuppression(records, skippedLines);
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
                    Attempt = Math.Max(1, record.Attempt),
                }).ConfigureAwait(false);
            }

            OnSendingStarted?.Invoke();
            var (stopped, statuses) = await SendAsync(recorder, map, template, records, skippedLines, duplicateOf, resend, sha, stop).ConfigureAwait(false);
            if (_stopCause != CampaignStopCause.JournalFailed)
            {
                await journal.MarkRunAsync(recorder.Run, ended: true, stopped ? "stopped: " + (_stopReason ?? stop.Reason) : _resumeAt is { } resume ? $"outside calling hours or over the daily limit: {_leftWaiting} row(s) wait until {resume:u}" : "completed", CancellationToken.None).ConfigureAwait(false);
            }

            // Unknown now: the ones before this run (unless resent) and this run's.
            var finalUnresolved = recorder.Unresolved().Select(Unresolved).ToList();
            var outcome = stopped ? CampaignOutcome.Stopped
                : _resumeAt is not null ? CampaignOutcome.OutsideCallingHours
                : Counters.Failed > 0 || finalUnresolved.Count > 0 || Counters.NotStarted > 0 || Counters.NotFinal > 0 ? CampaignOutcome.RowsFailed
                : CampaignOutcome.Completed;
            var result = Finish(outcome, recorder.Run, stopped, finalUnresolved, statuses);
            result.ResumeAt = _resumeAt;
            result.Waiting = _leftWaiting;
            return result;
        }
        finally
        {
            if (options.Journal is null)
            {
                await journal.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static CampaignRowReport Unresolved(CampaignRowRecord r) =>
        new(r.Line, "unknown", r.Reason ?? $"marked sending in run {r.SendingRun}, no outcome recorded", r.Phone, r.E164, r.Id, r.Detail);
}
