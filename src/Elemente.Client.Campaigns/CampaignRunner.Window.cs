namespace Elemente.Campaigns;

/// <summary>Calling hours: rows outside their window wait here while the others are sent.</summary>
public sealed partial class CampaignRunner
{
    private readonly List<WaitingRow> _waiting = [];
    private readonly SemaphoreSlim _rowDone = new(0);
    private DateTimeOffset _earliestWaiting = DateTimeOffset.MaxValue;
    private int _pending;
    private DateTimeOffset? _resumeAt;
    private int _leftWaiting;

    /// <summary>For tests on a fake clock: told when the run has nothing in flight and waits for this instant.</summary>
    internal Action<DateTimeOffset>? OnIdleUntil { get; set; }

    /// <summary>
    /// Puts <paramref name="row"/> aside when its calling hours are closed now or its local day's limit is reached; false
    /// when it may be sent now (<see cref="Admit"/>).
    /// </summary>
    private bool Defer(BuiltRow row)
    {
        if (_zones is null)
        {
            return false;
        }

        var zones = _zones.Resolve(row, out _) ?? [];
        if (Admit(row, zones, TimeProvider.GetUtcNow()) is not { } next)
        {
            return false;
        }

        AddWaiting(row, zones, next);
        return true;
    }

    /// <summary>Puts a row among the waiting rows until <paramref name="next"/> (and then until it is admitted: calling hours, daily limit).</summary>
    private void AddWaiting(BuiltRow row, TimeZoneInfo[] zones, DateTimeOffset next)
    {
        lock (_waiting)
        {
            _waiting.Add(new WaitingRow(row, zones, next));
            _earliestWaiting = next < _earliestWaiting ? next : _earliestWaiting;
            Counters.SetWaiting(_waiting.Count, _earliestWaiting);
        }
    }

    /// <summary>Starts no sending before <see cref="CampaignOptions.StartAt"/>; false when stopped while waiting.</summary>
    private async Task<bool> WaitForStartAsync(CancellationToken stopping)
    {
        if (_options.StartAt is not { } start || start <= TimeProvider.GetUtcNow())
        {
            return true;
        }

        try
        {
            var delay = Compat.Delay(start - TimeProvider.GetUtcNow(), TimeProvider, stopping);
            OnIdleUntil?.Invoke(start);
            await delay.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// After the CSV is read: queues each waiting row when its window opens, until none is left and none is in flight; or,
    /// without <see cref="CampaignOptions.WaitForWindow"/>, stops when only waiting rows are left.
    /// </summary>
    private async Task DrainWaitingAsync(System.Threading.Channels.ChannelWriter<BuiltRow> queue, CancellationTokenSource fatal)
    {
        CancellationTokenSource? opensTimer = null;
        Task? opens = null;
        var opensAt = DateTimeOffset.MinValue;
        while (!fatal.IsCancellationRequested)
        {
            var now = TimeProvider.GetUtcNow();
            var due = new List<BuiltRow>();
            int waiting;
            DateTimeOffset earliest;
            lock (_waiting)
            {
                if (now >= _earliestWaiting)
                {
                    _earliestWaiting = DateTimeOffset.MaxValue;
                    for (var i = _waiting.Count - 1; i >= 0; i--)
                    {
                        var w = _waiting[i];
                        if (w.Next <= now)
                        {
                            if ((_zones is null ? null : Admit(w.Row, w.Zones, now)) is not { } next)
                            {
                                due.Add(w.Row);
                                _waiting.RemoveAt(i);
                                continue;
                            }

                            w.Next = next;
                        }

                        _earliestWaiting = w.Next < _earliestWaiting ? w.Next : _earliestWaiting;
                    }
                }

                waiting = _waiting.Count;
                earliest = _earliestWaiting;
                Counters.SetWaiting(waiting, waiting > 0 ? earliest : null);
            }

            foreach (var row in Enumerable.Reverse(due))
            {
                await QueueAsync(queue, row, fatal.Token).ConfigureAwait(false);
            }

            if (due.Count > 0)
            {
                continue;
            }

            // Read once: a row ending between two reads would make the run announce a wait (OnIdleUntil) it then does not
            // make, having found itself idle and stopped (without WaitForWindow) at the next turn.
            var idle = Idle;
            if (waiting == 0 && idle)
            {
                return;
            }

            if (waiting > 0 && idle && !_options.WaitForWindow)
            {
                _resumeAt = earliest;
                _leftWaiting = waiting;
                return;
            }

            // Wait for a row in flight to end (it may be put aside again), or for the earliest window to open. One timer per
            // instant waited for, kept across the rows that end meanwhile.
            if (waiting > 0 && (opens is null || opensAt != earliest))
            {
                opensTimer?.Cancel();
                opensTimer?.Dispose();
                opensTimer = CancellationTokenSource.CreateLinkedTokenSource(fatal.Token);
                opensAt = earliest;
                opens = Compat.Delay(earliest > now ? earliest - now : TimeSpan.Zero, TimeProvider, opensTimer.Token);
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(fatal.Token);
            var rowDone = _rowDone.WaitAsync(wake.Token);
            if (waiting > 0 && idle)
            {
                OnIdleUntil?.Invoke(earliest);
            }

            var woke = await Task.WhenAny(waiting > 0 ? [rowDone, opens!] : [rowDone, Task.Delay(Timeout.Infinite, fatal.Token)]).ConfigureAwait(false);

            // Off the clock's callback: the loop below must not run inside the timer that woke it.
            await Task.Yield();
            wake.Cancel();
            await rowDone.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            opens = woke == opens ? null : opens;
            while (_rowDone.Wait(0))
            {
            }
        }

        opensTimer?.Cancel();
        opensTimer?.Dispose();
        lock (_waiting)
        {
            foreach (var unused in _waiting)
            {
                Counters.AddNotStarted();
            }

            _waiting.Clear();
            Counters.SetWaiting(0, null);
        }
    }

    /// <summary>Queues a row for the workers (counted as pending until a worker is done with it).</summary>
    private async Task QueueAsync(System.Threading.Channels.ChannelWriter<BuiltRow> queue, BuiltRow row, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pending);
        try
        {
            await queue.WriteAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Decrement(ref _pending);
            ReturnTicket(row);
            Counters.AddNotStarted();
        }
    }

    /// <summary>A worker is done with a queued row (sent, failed, put aside or not started).</summary>
    private void RowDone()
    {
        Interlocked.Decrement(ref _pending);
        _rowDone.Release();
    }

    private sealed class WaitingRow(BuiltRow row, TimeZoneInfo[] zones, DateTimeOffset next)
    {
        public BuiltRow Row { get; } = row;

        public TimeZoneInfo[] Zones { get; } = zones;

        public DateTimeOffset Next { get; set; } = next;
    }

    /// <summary>The row's calling hours closed (or its day's limit was reached) before its create: it went back to the waiting rows.</summary>
    private sealed class DeferredException : Exception
    {
    }
}
