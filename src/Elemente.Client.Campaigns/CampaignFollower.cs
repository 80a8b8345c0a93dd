namespace Elemente.Campaigns;

/// <summary>
/// Follows the outcomes of a campaign's created interactions: reads the journal, polls each created interaction that has
/// no final status yet (Get call, backing off as <see cref="CallsClient.WaitForCompletionAsync"/> does) until its status
/// is final (<see cref="InteractionStatus.IsFinal"/>), and journals the final status, duration and end time as a
/// <c>final</c> event. All polls go through the campaign's pacing: at most <see cref="CampaignFollowOptions.Concurrency"/>
/// in flight, started at most at <see cref="CampaignFollowOptions.RatePerMinute"/>, and a 429 (or a 503 with
/// <c>Retry-After</c>) pauses every poll for its <c>Retry-After</c>. A run that is killed loses nothing: a rerun reads the
/// journal and follows only the rows not final yet.
/// </summary>
/// <remarks>
/// The follower takes the journal's lock (<c>.lock</c>) for its run: it cannot run while <c>campaign run</c> writes the
/// same journal. A journal from before this feature is read as it is: every created row is followed.
/// </remarks>
public sealed class CampaignFollower
{
    /// <summary>The most interactions watched at once (each waiting between polls); polls are paced separately.</summary>
    private const int MaxWatched = 1024;

    private const int MaxConsecutiveConnectionFailures = 5;

    private readonly CampaignFollowOptions _options;
    private readonly Func<ElementeClient> _client;
    private readonly bool _ownsClient;

    /// <summary>Creates a follower that creates its client when polling starts, and disposes it at the end.</summary>
    /// <param name="options">The journal and the pacing.</param>
    /// <param name="createClient">Creates the client (with no retries of its own is best: the follower paces and retries).</param>
    public CampaignFollower(CampaignFollowOptions options, Func<ElementeClient> createClient)
        : this(options, createClient, ownsClient: true)
    {
    }

    /// <summary>Creates a follower that uses <paramref name="client"/> (not disposed: it is the caller's).</summary>
    /// <param name="options">The journal and the pacing.</param>
    /// <param name="client">The client.</param>
    public CampaignFollower(CampaignFollowOptions options, ElementeClient client)
        : this(options, () => client, ownsClient: false)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }
    }

    private CampaignFollower(CampaignFollowOptions options, Func<ElementeClient> client, bool ownsClient)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _ownsClient = ownsClient;
    }

    /// <summary>The clock for pacing and polling delays (the system's by default).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Told each interaction's final outcome once it is journalled (from several threads).</summary>
    public Action<CampaignFollowedRow>? OnFinal { get; set; }

    /// <summary>Follows every created row not final yet, until each is final, passes its timeout, or the run is stopped.</summary>
    /// <param name="cancellationToken">Stops following: polls in flight are abandoned (they change nothing); what is journalled stays.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="CampaignJournalException">The journal cannot be read or written, is empty, or is in use by another run.</exception>
    public async Task<CampaignFollowResult> RunAsync(CancellationToken cancellationToken = default)
    {
        Check();
        var journal = new CampaignJournalFile(_options.JournalPath);
        await using var journalOwned = journal.ConfigureAwait(false);
        var contents = await journal.ReadAsync(forWriting: true, cancellationToken).ConfigureAwait(false)
            ?? throw new CampaignJournalException($"journal {_options.JournalPath}: it holds no campaign yet: nothing to follow.");
        var result = new CampaignFollowResult();
        var pending = new List<CampaignRowRecord>();
        foreach (var row in contents.Rows.Values.OrderBy(r => r.Line))
        {
            if (row.State != CampaignRowState.Created || row.Id is null)
            {
                result.NotCreated++;
            }
            else if (row.FinalStatus is not null)
            {
                result.AlreadyFinal++;
            }
            else
            {
                pending.Add(row);
            }
        }

        if (pending.Count > 0)
        {
            await journal.StartAsync(contents.Header, contents, cancellationToken).ConfigureAwait(false);
            var run = contents.LastRun + 1;
            await journal.MarkRunAsync(run, ended: false, $"follow {pending.Count} interaction(s)", cancellationToken).ConfigureAwait(false);
            await FollowAllAsync(journal, run, pending, result, cancellationToken).ConfigureAwait(false);
            await journal.MarkRunAsync(run, ended: true, $"follow: {result.Followed} final, {result.NotFinal} not final", CancellationToken.None).ConfigureAwait(false);
        }

        result.Statuses = contents.Rows.Values
            .Where(r => r.State == CampaignRowState.Created && r.FinalStatus is not null)
            .GroupBy(r => r.FinalStatus!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return result;
    }

    private void Check()
    {
        if (string.IsNullOrEmpty(_options.JournalPath))
        {
            throw new ArgumentOutOfRangeException(nameof(CampaignFollowOptions.JournalPath), "Give the campaign's journal file.");
        }

        if (_options.Concurrency is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(CampaignFollowOptions.Concurrency), _options.Concurrency, "Concurrency must be between 1 and 256.");
        }

        if (_options.RatePerMinute is { } rate && !(rate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(CampaignFollowOptions.RatePerMinute), rate, "RatePerMinute must be positive.");
        }

        if (_options.PollInterval <= TimeSpan.Zero || _options.MaxPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CampaignFollowOptions.PollInterval), "PollInterval and MaxPollInterval must be positive.");
        }

        if (_options.Timeout <= TimeSpan.Zero && _options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(CampaignFollowOptions.Timeout), _options.Timeout, "Timeout must be positive, or Timeout.InfiniteTimeSpan.");
        }
    }

    private async Task FollowAllAsync(CampaignJournalFile journal, int run, List<CampaignRowRecord> pending, CampaignFollowResult result, CancellationToken cancellationToken)
    {
        var client = _client();
        using var owned = _ownsClient ? client : null;
        using var pacer = new Pacer(_options.Concurrency, _options.RatePerMinute, TimeProvider);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var problems = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        var gate = new object();
        var followed = 0;
        var polls = 0;
        var consecutiveConnectionFailures = 0;

        void Stop(CampaignStopCause cause, string reason)
        {
            lock (gate)
            {
                if (result.StopCause is null)
                {
                    result.StopCause = cause;
                    result.StopReason = reason;
                }
            }

            stop.Cancel();
        }

        async Task FollowAsync(CampaignRowRecord row)
        {
            var delay = _options.PollInterval;
            var started = TimeProvider.GetUtcNow();
            var wait = false;
            while (true)
            {
                if (wait)
                {
                    await Compat.Delay(delay, TimeProvider, stop.Token).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Math.Max(_options.MaxPollInterval.Ticks, _options.PollInterval.Ticks)));
                }

                wait = true;
                if (_options.Timeout != System.Threading.Timeout.InfiniteTimeSpan && TimeProvider.GetUtcNow() - started >= _options.Timeout)
                {
                    problems.TryAdd(row.Line, "not final within the timeout");
                    return;
                }

                Interaction call;
                using (await pacer.AcquireAsync(stop.Token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref polls);
                    try
                    {
                        call = await client.Calls.GetAsync(row.Id!, stop.Token).ConfigureAwait(false);
                        pacer.Succeeded();
                        Interlocked.Exchange(ref consecutiveConnectionFailures, 0);
                    }
                    catch (ElementeApiException ex) when (ex.StatusCode == 429 || (ex.StatusCode == 503 && CampaignRunner.RetryAfter(ex) is not null))
                    {
                        // Every poll waits out the pause; this one then polls again without its own delay.
                        pacer.Throttled(CampaignRunner.RetryAfter(ex));
                        wait = false;
                        continue;
                    }
                    catch (ElementeApiException ex) when (ex.StatusCode is 401 or 403)
                    {
                        Stop(CampaignStopCause.CredentialsRefused, $"the API refused the credentials ({ex.StatusCode})");
                        return;
                    }
                    catch (ElementeApiException ex) when (ex.StatusCode is >= 400 and < 500)
                    {
                        problems.TryAdd(row.Line, $"Get call answered {ex.StatusCode}");
                        return;
                    }
                    catch (Exception ex) when (ex is ElementeConnectionException or ElementeTimeoutException or ElementeApiException)
                    {
                        // A GET changes nothing: try again after the backoff, unless the API stays unreachable.
                        if (Interlocked.Increment(ref consecutiveConnectionFailures) >= MaxConsecutiveConnectionFailures)
                        {
                            Stop(CampaignStopCause.ApiUnreachable, $"the API could not be reached {MaxConsecutiveConnectionFailures} times in a row ({ex.Message})");
                            return;
                        }

                        continue;
                    }
                }

                if (call.Status is { IsFinal: true } status)
                {
                    var endedAt = TimeProvider.GetUtcNow();
                    await journal.AppendFinalAsync(run, row, status.ToString(), call.DurationTimeSpan, endedAt).ConfigureAwait(false);
                    row.FinalStatus = status.ToString();
                    row.Duration = call.DurationTimeSpan;
                    row.EndedAt = endedAt;
                    Interlocked.Increment(ref followed);
                    OnFinal?.Invoke(new CampaignFollowedRow(row, row.FinalStatus, row.Duration, endedAt));
                    return;
                }
            }
        }

        using var watched = new SemaphoreSlim(MaxWatched);
        var tasks = new List<Task>(pending.Count);
        foreach (var row in pending)
        {
            try
            {
                await watched.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    await FollowAsync(row).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Stopped: the row stays not final; a rerun follows it.
                }
                catch (CampaignJournalException ex)
                {
                    Stop(CampaignStopCause.JournalFailed, ex.Message);
                }
                finally
                {
                    watched.Release();
                }
            }));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        if (result.StopCause is null && cancellationToken.IsCancellationRequested)
        {
            result.StopCause = CampaignStopCause.Requested;
            result.StopReason = "stop requested";
        }

        result.Followed = followed;
        result.NotFinal = pending.Count - followed;
        result.Polls = polls;
        result.Throttles = pacer.Throttles;
        result.Problems = problems.OrderBy(p => p.Key).Take(CampaignRunner.MaxReported).ToDictionary(p => p.Key, p => p.Value);
    }
}
