namespace Elemente.Http;

/// <summary>
/// Sends each attempt through a caller's <see cref="HttpClient"/>, so that its handlers and default headers apply. Its
/// <see cref="HttpClient.Timeout"/> firing is reported as a timeout, not as a cancellation.
/// </summary>
internal sealed class HttpClientForwardingHandler : HttpMessageHandler
{
    private readonly HttpClient _client;

    public HttpClientForwardingHandler(HttpClient client) => _client = client;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            // The body is read by the client under its own deadline, so only the headers are awaited here.
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CallerTimeoutException(_client.Timeout, ex);
        }
    }
}

/// <summary>A caller's <see cref="HttpClient.Timeout"/> elapsed (it surfaces as a cancellation nobody asked for).</summary>
internal sealed class CallerTimeoutException : TimeoutException
{
    // Stryker disable once String : equivalent, the client never shows this message
    public CallerTimeoutException(TimeSpan timeout, Exception innerException)
        : base($"The HttpClient's Timeout of {timeout.TotalSeconds:0.###} s elapsed.", innerException)
    {
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }
}

/// <summary>Passes requests to a handler the client does not own, and leaves it undisposed.</summary>
internal sealed class NonDisposingHandler : DelegatingHandler
{
    public NonDisposingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override void Dispose(bool disposing)
    {
        // The owner of the inner handler disposes it.
    }
}
