using System.Runtime.CompilerServices;

namespace Elemente;

public partial class CallsClient
{
    /// <summary>The client's clock for waits (<see cref="ElementeClientOptions.TimeProvider"/>), or null (also for a mock).</summary>
    internal TimeProvider? WaitClock => _core?.WaitClock;

    /// <summary>
    /// Waits for an interaction to end: polls <see cref="GetAsync(string, CancellationToken)"/> until its status is final
    /// (<see cref="InteractionStatus.IsFinal"/>) and returns the interaction as it ended. Each status change, the first
    /// answer included, goes to <see cref="WaitOptions.Progress"/>.
    /// </summary>
    /// <remarks>
    /// Polls at once, then after <see cref="WaitOptions.PollInterval"/>, doubling the delay up to
    /// <see cref="WaitOptions.MaxPollInterval"/> (1 s, 2 s, 4 s, 8 s, 15 s, 15 s, ... by default). Each poll is a GET, so
    /// the client's retries apply to it; when the API still answers 429 or 503 with <c>Retry-After</c>, the wait sleeps
    /// that long and polls again. A status the client does not know is not final: the wait goes on.
    /// </remarks>
    /// <param name="id">The interaction's id, as <see cref="Interaction.Id"/> returned it.</param>
    /// <param name="options">Intervals, overall timeout, progress and clock; the defaults when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The interaction with its final status.</returns>
    /// <exception cref="ElementeTimeoutException">
    /// <see cref="WaitOptions.Timeout"/> passed first; <see cref="ElementeTimeoutException.LastStatus"/> is the last status seen.
    /// </exception>
    /// <exception cref="ElementeValidationException"><paramref name="id"/> is empty.</exception>
    /// <exception cref="ElementeApiException">A poll failed, for example with 404 when there is no such interaction.</exception>
    /// <exception cref="ElementeConnectionException">A poll's connection failed after the client's retries.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="WaitOptions.Timeout"/> is zero or negative.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<Interaction> WaitForCompletionAsync(string id, WaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interaction? last = null;
        await foreach (var call in WatchAsync(id, options, cancellationToken).ConfigureAwait(false))
        {
            options?.Progress?.Report(call);
            last = call;
        }

        return last ?? throw new InvalidOperationException($"{GetType().Name}.WatchAsync ended without reporting the interaction.");
    }

    /// <summary>
    /// Follows an interaction until it ends: yields it each time its status changes (the first answer included), the
    /// last time with a final status (<see cref="InteractionStatus.IsFinal"/>). Polls as
    /// <see cref="WaitForCompletionAsync"/> does; <see cref="WaitOptions.Progress"/> is not used.
    /// </summary>
    /// <param name="id">The interaction's id, as <see cref="Interaction.Id"/> returned it.</param>
    /// <param name="options">Intervals, overall timeout and clock; the defaults when null.</param>
    /// <param name="cancellationToken">Stops following (also passed by <c>WithCancellation</c>).</param>
    /// <returns>The interaction at each status change.</returns>
    /// <exception cref="ElementeTimeoutException">
    /// <see cref="WaitOptions.Timeout"/> passed first; <see cref="ElementeTimeoutException.LastStatus"/> is the last status seen.
    /// </exception>
    /// <exception cref="ElementeValidationException"><paramref name="id"/> is empty.</exception>
    /// <exception cref="ElementeApiException">A poll failed, for example with 404 when there is no such interaction.</exception>
    /// <exception cref="ElementeConnectionException">A poll's connection failed after the client's retries.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="WaitOptions.Timeout"/> is zero or negative.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async IAsyncEnumerable<Interaction> WatchAsync(string id, WaitOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var watch = new CallWatch(this, id, options ?? new WaitOptions(), cancellationToken);
        while (true)
        {
            var call = await watch.NextChangeAsync().ConfigureAwait(false);
            yield return call;
            if (call.Status is { IsFinal: true })
            {
                yield break;
            }
        }
    }
}
