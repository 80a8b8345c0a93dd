using System.Globalization;

namespace Elemente;

/// <summary>
/// One wait on a call (<see cref="CallsClient.WatchAsync"/>): polls Get call with backoff, sleeps as a 429 or 503 asks with
/// <c>Retry-After</c>, and turns the overall timeout into an <see cref="ElementeTimeoutException"/> with the last status.
/// </summary>
internal sealed class CallWatch : IDisposable
{
    private readonly CallsClient _calls;
    private readonly string _id;
    private readonly WaitOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _linked;
    private TimeSpan _delay;
    private Interaction? _last;

    public CallWatch(CallsClient calls, string id, WaitOptions options, CancellationToken cancellationToken)
    {
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Timeout, "WaitOptions.Timeout must be positive, or Timeout.InfiniteTimeSpan.");
        }

        _calls = calls;
        _id = id;
        _options = options;
        _time = options.TimeProvider ?? calls.WaitClock ?? TimeProvider.System;
        _caller = cancellationToken;
        _deadline = options.Timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : CreateTimer(_time, options.Timeout);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token);
        _delay = options.PollInterval;
    }

    /// <summary>Polls until the status differs from the last one returned (the first answer counts as a change).</summary>
    public async Task<Interaction> NextChangeAsync()
    {
        try
        {
            var waited = false;
            while (true)
            {
                if (_last is not null && !waited)
                {
                    await DelayAsync(_time, _delay, _linked.Token).ConfigureAwait(false);
                    _delay = TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, Math.Max(_options.MaxPollInterval.Ticks, _options.PollInterval.Ticks)));
                }

                Interaction call;
                try
                {
                    call = await _calls.GetAsync(_id, _linked.Token).ConfigureAwait(false);
                }
                catch (ElementeApiException refused) when (refused.StatusCode is 429 or 503 && RetryAfter(refused.Headers, _time) is { } retryAfter)
                {
                    // The wait Retry-After asks for replaces this poll's delay.
                    await DelayAsync(_time, retryAfter, _linked.Token).ConfigureAwait(false);
                    waited = true;
                    continue;
                }

                waited = false;
                var changed = _last is null || _last.Status != call.Status;
                _last = call;
                if (changed)
                {
                    return call;
                }
            }
        }
        catch (OperationCanceledException ex) when (_deadline.IsCancellationRequested && !_caller.IsCancellationRequested)
        {
            var timeout = _options.Timeout;
            var seen = _last?.Status is { } status ? $"its last status was '{status}'" : "no status was seen";
            throw new ElementeTimeoutException(
                timeout,
                $"Interaction {_id} did not end within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s; {seen}. It may still end: wait again, or check it later with GetAsync.",
                _last?.Status,
                ex);
        }
    }

    public void Dispose()
    {
        // Stryker disable once Statement : equivalent, it only unregisters from the caller's token
        _linked.Dispose();
        _deadline.Dispose();
    }

    /// <summary>The delay a 429 or 503 asks for: <c>Retry-After</c> in seconds or as an HTTP date; null without one.</summary>
    internal static TimeSpan? RetryAfter(IReadOnlyDictionary<string, IEnumerable<string>> headers, TimeProvider time)
    {
        foreach (var header in headers)
        {
            if (!string.Equals(header.Key, "Retry-After", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Stryker disable once Linq : equivalent, an empty list fails the filter either way
            var value = header.Value.FirstOrDefault()?.Trim();
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - time.GetUtcNow();
                // A date already past means at once (no comparison with zero, whose boundary no test could tell apart).
                return TimeSpan.FromTicks(Math.Max(wait.Ticks, 0));
            }
        }

        return null;
    }

#if NET8_0_OR_GREATER
    private static CancellationTokenSource CreateTimer(TimeProvider time, TimeSpan timeout) => new(timeout, time);

    private static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken token) => Task.Delay(delay, time, token);
#else
    private static CancellationTokenSource CreateTimer(TimeProvider time, TimeSpan timeout) => time.CreateCancellationTokenSource(timeout);

    private static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken token) => time.Delay(delay, token);
#endif
}
