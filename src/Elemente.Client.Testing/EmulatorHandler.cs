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
        var answer = await _emulator.HandleAsync(new EmulatorRequest(
            request.Method.Method,
            uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString,
            headers,
            request.Headers.Authorization?.ToString(),
            body), cancellationToken).ConfigureAwait(false);

        switch (answer.Action)
        {
            case EmulatorAction.Stall:
                // Held until the client gives up (OperationCanceledException) or the emulator is disposed (HttpRequestException
                // saying so): an answer that never comes.
                await _emulator.HoldAsync(null, cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException("Unreachable: an infinite delay ended without cancellation.");
            case EmulatorAction.ResetBefore:
                throw new HttpRequestException(
                    HttpRequestError.ResponseEnded,
                    "The Elemente emulator reset the connection before processing the request (an injected fault).",
                    new IOException("The connection was reset by the emulator."));
            case EmulatorAction.Drop:
                throw new HttpRequestException(
                    HttpRequestError.ResponseEnded,
                    "The Elemente emulator dropped the connection after processing the request (an injected fault).",
                    new IOException("The response ended prematurely (the emulator dropped the connection)."));
            default:
                var response = new HttpResponseMessage((HttpStatusCode)answer.StatusCode)
                {
                    RequestMessage = request,
                    Content = answer.ChunkDelay is { } delay ? new SlowContent(_emulator, answer.Body, answer.ChunkBytes, delay) : new ByteArrayContent(answer.Body),
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

/// <summary>A body that arrives a few bytes at a time, with a delay on the emulator's clock between the pieces.</summary>
internal sealed class SlowContent : HttpContent
{
    private readonly ElementeEmulator _emulator;
    private readonly byte[] _body;
    private readonly int _chunkBytes;
    private readonly TimeSpan _delay;

    public SlowContent(ElementeEmulator emulator, byte[] body, int chunkBytes, TimeSpan delay)
    {
        _emulator = emulator;
        _body = body;
        _chunkBytes = chunkBytes;
        _delay = delay;
    }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
        WriteSlowlyAsync(_emulator, _body, _chunkBytes, _delay, stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }

    /// <summary>Writes the body piece by piece, waiting on the emulator's clock before each piece after the first.</summary>
    internal static async Task WriteSlowlyAsync(ElementeEmulator emulator, byte[] body, int chunkBytes, TimeSpan delay, Stream stream, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < body.Length; offset += chunkBytes)
        {
            if (offset > 0)
            {
                await emulator.HoldAsync(delay, cancellationToken).ConfigureAwait(false);
            }

            await stream.WriteAsync(body.AsMemory(offset, Math.Min(chunkBytes, body.Length - offset)), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
