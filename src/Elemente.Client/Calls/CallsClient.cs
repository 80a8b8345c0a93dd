using System.Globalization;

namespace Elemente;

public partial class CallsClient
{
    /// <summary>
    /// Waits for an interaction to end: polls <see cref="GetAsync(string, CancellationToken)"/> until its status is final
    /// (<see cref="InteractionStatus.IsFinal"/>) and returns the interaction as it ended.
    /// </summary>
    /// <remarks>
    /// Polls at once, then after <see cref="WaitOptions.PollInterval"/>, doubling the delay up to
    /// <see cref="WaitOptions.MaxPollInterval"/> (1 s, 2 s, 4 s, 8 s, 15 s, 15 s, ... by default). Each poll is a GET, so
    /// the client's retries apply to it; when the API still answers 429 or 503 with <c>Retry-After</c>, the wait sleeps
    /// that long and polls again. A status the client does not know is not final: the wait goes on.
    /// </remarks>
    /// <param name="id">The interaction's id, as <see cref="SanitisedFeedback.Id"/> returned it.</param>
    /// <param name="options">Intervals, overall timeout, progress and clock; the defaults when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The interaction with its final status.</returns>
    /// <exception cref="ElementeTimeoutException">
    /// <see cref="WaitOptions.Timeout"/> passed first; <see cref="ElementeTimeoutException.LastStatus"/> is the last status seen.
    /// </exception>
    /// <exception cref="ElementeValidationException"><paramref name="id"/> is empty.</exception>
    /// <exception cref="ElementeApiException">A poll failed, for example with 404 when there is no such interaction.</exception>
    /// <exception cref="ElementeConnectionException">A poll's connection failed after the client's retries.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<SanitisedFeedback> WaitForCompletionAsync(string id, WaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new WaitOptions();
        var time = options.TimeProvider ?? TimeProvider.System;
        var timeout = options.Timeout;
        if (timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), timeout, "WaitOptions.Timeout must be positive, or Timeout.InfiniteTimeSpan.");
        }

        using var deadline = timeout == System.Threading.Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : CreateTimer(time, timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked.Token;
        var delay = options.PollInterval;
        SanitisedFeedback? last = null;
        try
        {
            while (true)
            {
                SanitisedFeedback call;
                try
                {
                    call = await GetAsync(id, token).ConfigureAwait(false);
                }
                catch (ElementeApiException refused) when (refused.StatusCode is 429 or 503 && RetryAfter(refused.Headers, time) is { } retryAfter)
                {
                    await DelayAsync(time, retryAfter, token).ConfigureAwait(false);
                    continue;
                }

                if (last is null || last.Status != call.Status)
                {
                    options.Progress?.Report(call);
                }

                last = call;
                if (call.Status is { IsFinal: true })
                {
                    return call;
                }

                await DelayAsync(time, delay, token).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Math.Max(options.MaxPollInterval.Ticks, options.PollInterval.Ticks)));
            }
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var seen = last?.Status is { } status ? $"its last status was '{status}'" : "no status was seen";
            throw new ElementeTimeoutException(
                timeout,
                $"Interaction {id} did not end within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s; {seen}. It may still end: wait again, or check it later with GetAsync.",
                last?.Status,
                ex);
        }
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

            var value = header.Value.FirstOrDefault()?.Trim();
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
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
