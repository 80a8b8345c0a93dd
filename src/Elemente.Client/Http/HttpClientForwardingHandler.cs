namespace Elemente.Http;

/// <summary>
/// The last handler of the pipeline when the caller supplies an <see cref="HttpClient"/>: it hands each request to
/// that client, so the caller's handlers, default headers and timeout still apply. Never disposes the caller's client.
/// </summary>
internal sealed class HttpClientForwardingHandler : HttpMessageHandler
{
    private readonly HttpClient _client;

    public HttpClientForwardingHandler(HttpClient client) => _client = client;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}
