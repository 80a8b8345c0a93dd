namespace Elemente.Campaigns;

/// <summary>Following outcomes as rows are created (<see cref="CampaignOptions.Follow"/>), and redials (<see cref="CampaignOptions.Redial"/>).</summary>
public sealed partial class CampaignRunner
{
    private readonly List<Task> _follows = [];
    private readonly Dictionary<string, int> _followedStatuses = new(StringComparer.Ordinal);
    private OutcomePoller? _poller;
    private Pacer? _pollPacer;
    private int _following;

    /// <summary>Whether nothing is queued, in flight or followed: only waiting rows (if any) are left.</summary>
    private bool Idle => Volatile.Read(ref _pending) == 0 && Volatile.Read(ref _following) == 0;

    /// <summary>Starts polling for the run (with <see cref="CampaignOptions.Follow"/>); a 429 on a poll pauses the creates too.</summary>
    private Pacer? StartPolling(ElementeClient client, Pacer creates)
    {
        if (_options.Follow is not { } follow)
        {
            return null;
        }

        _pollPacer = new Pacer(follow.Concurrency, follow.RatePerMinute, TimeProvider);
        _poller = new OutcomePoller(client, _pollPacer, follow, TimeProvider) { OnThrottled = retryAfter => creates.Throttled(retryAfter) };
        return _pollPacer;
    }

    /// <summary>
    /// A created row from an earlier run, with <see cref="CampaignOptions.Follow"/>: follows it when its outcome is not
    /// journalled yet, or puts its next attempt among the waiting rows when the policy redials its final status.
    /// </summary>
    private void ResumeCreated(Recorder writer, CampaignRowRecord record, Func<BuiltRow> build, Action<CampaignStopCause, string> fatal, CancellationToken stopping)
    {
        if (record.Id is null || (record.FinalStatus is not null && _options.Redial?.Redials(record.Attempt, record.FinalStatus) != true))
        {
            return;
        }

        var row = build();
        row.Attempt = record.Attempt;
        if (record.FinalStatus is null)
        {
            Follow(writer, row, record.Id, fatal, stopping);
        }
        else
        {
            ScheduleRedial(row, record.FinalStatus, record.EndedAt ?? TimeProvider.GetUtcNow());
        }
    }

    /// <summary>Follows a created attempt until it is final, journals its outcome, and schedules the redial it calls for.</summary>
    private void Follow(Recorder writer, BuiltRow row, string id, Action<CampaignStopCause, string> fatal, CancellationToken stopping)
    {
        Interlocked.Increment(ref _following);
        var follow = Task.Run(async () =>
        {
            try
            {
                var (call, _) = await _poller!.PollAsync(id, stopping).ConfigureAwait(false);
                if (call is null)
                {
                    // Left for a rerun (its timeout passed, or Get call refused it): never redialed meanwhile.
                    Counters.AddNotFinal();
                    return;
                }

                var status = call.Status!.Value.ToString();
                var endedAt = TimeProvider.GetUtcNow();
                await writer.AppendFinalAsync(row.Row.Line, row.Row.Hash, id, row.Attempt, status, call.DurationTimeSpan, endedAt).ConfigureAwait(false);
                Counters.AddFollowed();
                lock (_followedStatuses)
                {
                    _followedStatuses[status] = (_followedStatuses.TryGetValue(status, out var count) ? count : 0) + 1;
                }

                ScheduleRedial(row, status, endedAt);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopped: the attempt stays created and not final; a rerun follows it.
            }
            catch (PollsStoppedException ex)
            {
                fatal(ex.Cause, ex.Message);
            }
            catch (CampaignJournalException ex)
            {
                fatal(CampaignStopCause.JournalFailed, ex.Message);
            }
            finally
            {
                Interlocked.Decrement(ref _following);
                _rowDone.Release();
            }
        });
        lock (_follows)
        {
            _follows.RemoveAll(t => t.IsCompleted);
            _follows.Add(follow);
        }
    }

    /// <summary>
    /// After an attempt's journalled final status: when the policy redials it, the row's next attempt waits among the
    /// waiting rows until its delay has passed since <paramref name="endedAt"/> (and then for its calling hours).
    /// </summary>
    private void ScheduleRedial(BuiltRow row, string status, DateTimeOffset endedAt)
    {
        if (_options.Redial is not { } policy || !policy.Redials(row.Attempt, status) || _held.Contains(row.Row.Line))
        {
            return;
        }

        var due = endedAt + policy.DelayAfter(row.Attempt);
        row.Attempt++;
        AddWaiting(row, _zones?.Resolve(row, out _) ?? [], due);
    }

    /// <summary>Waits for the follows started by this run (they end when final, timed out or stopped).</summary>
    private async Task WaitForFollowsAsync()
    {
        Task[] follows;
        lock (_follows)
        {
            follows = [.. _follows];
        }

        await Task.WhenAll(follows).ConfigureAwait(false);
        _pollPacer?.Dispose();
    }

    /// <summary>The final statuses this run followed, counted.</summary>
    private IReadOnlyDictionary<string, int> FollowedStatuses()
    {
        lock (_followedStatuses)
        {
            return _followedStatuses.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        }
    }
}
