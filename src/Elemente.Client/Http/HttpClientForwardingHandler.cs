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
        // HttpClient refuses a message that was already sent (ours was, by the pipeline's own HttpClient), so each
        // attempt goes out as a copy. The content is shared: it is buffered and HttpClient does not dispose it.
        _client.SendAsync(Copy(request), HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    private static HttpRequestMessage Copy(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Content = request.Content,
            Version = request.Version,
        };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

#if NET5_0_OR_GREATER
        copy.VersionPolicy = request.VersionPolicy;
        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }
#else
        foreach (var property in request.Properties)
        {
            copy.Properties[property.Key] = property.Value;
        }
#endif
        return copy;
    }
}
