using System.Net;

namespace Elemente.Testing;

/// <summary>The in-memory way in: answers each request through the emulator's core, whatever host it names.</summary>
internal sealed class EmulatorHandler : HttpMessageHandler
{
    private readonly ElementeEmulator _emulator;

    public EmulatorHandler(ElementeEmulator emulator) => _emulator = emulator;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .GroupBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => string.Join(", ", group.SelectMany(header => header.Value)), StringComparer.OrdinalIgnoreCase);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no address.");
        var answer = _emulator.Handle(new EmulatorRequest(
            request.Method.Method,
            uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString,
            headers,
            request.Headers.Authorization?.ToString(),
            body));

        switch (answer.Action)
        {
            case EmulatorAction.Stall:
                // Held until the client gives up (or the emulator is disposed): an answer that never comes.
                using (var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _emulator.Stopping))
                {
                    await Task.Delay(Timeout.Infinite, held.Token).ConfigureAwait(false);
                }

                throw new InvalidOperationException("Unreachable: an infinite delay ended without cancellation.");
            case EmulatorAction.Drop:
                throw new HttpRequestException(
                    HttpRequestError.ResponseEnded,
                    "The Elemente emulator dropped the connection after processing the request (an injected fault).",
                    new IOException("The response ended prematurely (the emulator dropped the connection)."));
            default:
                var response = new HttpResponseMessage((HttpStatusCode)answer.StatusCode)
                {
                    RequestMessage = request,
                    Content = new ByteArrayContent(answer.Body),
                };
                foreach (var header in answer.Headers)
                {
                    if (!response.Headers.TryAddWithoutValidation(header.Key, header.Value))
                    {
                        response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }
                }

                return response;
        }
    }
}
