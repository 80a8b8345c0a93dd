namespace Elemente.Http;

/// <summary>
/// Gives each attempt its own deadline. When it passes, the attempt fails with <see cref="ElementeTimeoutException"/>
/// (a <see cref="TimeoutException"/>); the caller's own cancellation still surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class AttemptTimeoutHandler : DelegatingHandler
{
    private readonly TimeSpan _timeout;

    public AttemptTimeoutHandler(TimeSpan timeout) => _timeout = timeout;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_timeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            return await base.SendAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            // Whether the request went out is unknown once a timeout strikes; only an idempotent one is safe to repeat.
            throw new ElementeTimeoutException(_timeout, outcomeUnknown: !HttpMethods.IsIdempotent(request.Method), ex);
        }
    }
}
