namespace Elemente.Campaigns;

/// <summary>
/// Paces a whole campaign: at most <c>concurrency</c> requests in flight, starts spaced to <c>--rate</c>, and a
/// campaign-wide brake on 429. When the API answers 429, every worker waits until its <c>Retry-After</c> has passed
/// (or, without one, a backoff that doubles up to a minute), and the campaign's concurrency is halved; each run of
/// successes as long as the current concurrency gives one slot back, up to the configured one. The 429s that arrive
/// inside one pause (the answers to the requests that were in flight together) are one episode: they may lengthen the
/// pause, but they halve the concurrency and count only once.
/// </summary>
internal sealed class Pacer : IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private TaskCompletionSource<bool> _freed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private readonly int _concurrency;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private DateTimeOffset _nextStart;
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset _episodeEnds;
    private TimeSpan _backoff = TimeSpan.FromSeconds(1);
    private int _limit;
    private int _successes;

    /// <param name="concurrency">The most requests in flight at once.</param>
    /// <param name="perMinute">The most request starts per minute; null for no limit.</param>
    /// <param name="time">The clock.</param>
    public Pacer(int concurrency, double? perMinute, TimeProvider? time = null)
    {
        _concurrency = concurrency;
        _limit = concurrency;
        _interval = perMinute is { } rate ? TimeSpan.FromMinutes(1 / rate) : TimeSpan.Zero;
        _time = time ?? TimeProvider.System;
        _nextStart = _time.GetUtcNow();
        _pausedUntil = _nextStart;
    }

    /// <summary>How many requests may be in flight now (halved by each 429, then won back).</summary>
    public int CurrentLimit
    {
        get
        {
            lock (_gate)
            {
                return _limit;
            }
        }
    }

    /// <summary>How many episodes of 429s slowed the campaign down.</summary>
    public int Throttles { get; private set; }

    /// <summary>Waits for a slot and for the request's turn; dispose the result when the request is over.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            Task freed;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                var turn = _nextStart > _pausedUntil ? _nextStart : _pausedUntil;
                if (_inFlight < _limit && turn <= now)
                {
                    _inFlight++;
                    _nextStart = (_nextStart > now ? _nextStart : now) + _interval;
                    return new Slot(this);
                }

                freed = _freed.Task;
                wait = _inFlight < _limit ? turn - now : Timeout.InfiniteTimeSpan;
            }

            if (wait == Timeout.InfiniteTimeSpan)
            {
                await Compat.WaitAsync(freed, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Compat.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The API answered 429 (or 503 with Retry-After): stop every worker's next start until <paramref name="retryAfter"/>
    /// (or the backoff) has passed, and, once per episode (the 429s inside one pause), halve the concurrency.
    /// </summary>
    public TimeSpan Throttled(TimeSpan? retryAfter)
    {
        TimeSpan pause;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var sameEpisode = now < _episodeEnds;
            pause = retryAfter ?? _backoff;
            var until = now + pause;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }

            if (!sameEpisode)
            {
                Throttles++;
                _backoff = retryAfter is null ? TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks)) : _backoff;
                _successes = 0;
                _limit = Math.Max(1, _limit / 2);
            }

            _episodeEnds = _pausedUntil;
        }

        return pause;
    }

    /// <summary>A request succeeded: after as many successes as the current limit, give one slot back.</summary>
    public void Succeeded()
    {
        lock (_gate)
        {
            _backoff = TimeSpan.FromSeconds(1);
            if (_limit < _concurrency && ++_successes >= _limit)
            {
                _successes = 0;
                _limit++;
                Signal();
            }
        }
    }

    public void Dispose()
    {
    }

    private void Release()
    {
        lock (_gate)
        {
            _inFlight--;
            Signal();
        }
    }

    // Wakes every waiter to look again (called under the lock).
    private void Signal()
    {
        var freed = _freed;
        _freed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        freed.TrySetResult(true);
    }

    private sealed class Slot(Pacer pacer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                pacer.Release();
            }
        }
    }
}
