namespace Elemente.ContractTests.Prism;

/// <summary>Keeps the last request and response as they went over the wire, to compare with what the client made of them.</summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    public RecordingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    /// <summary>The last request body sent (JSON text).</summary>
    public string? LastRequestBody { get; private set; }

    /// <summary>The Authorization header of the last request.</summary>
    public string? LastAuthorization { get; private set; }

    /// <summary>The last response body received.</summary>
    public string? LastResponseBody { get; private set; }

    /// <summary>Prism's <c>sl-violations</c> header of the last response: what it found wrong with the request or response.</summary>
    public string? LastViolations { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastRequestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        LastAuthorization = request.Headers.Authorization?.ToString();
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        LastResponseBody = await response.Content.ReadAsStringAsync(cancellationToken);
        LastViolations = response.Headers.TryGetValues("sl-violations", out var values) ? string.Join(" ", values) : null;
        return response;
    }
}
