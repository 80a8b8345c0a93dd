using System.Net;

namespace Elemente.Tests;

/// <summary>A transport that answers each request with what its function returns, and remembers being disposed.</summary>
internal sealed class LambdaTransport : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> _answer;
    private int _calls;

    /// <param name="answer">Given the request, its number (from 1) and the token the client passed.</param>
    public LambdaTransport(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> answer) => _answer = answer;

    public int Calls => Volatile.Read(ref _calls);

    public bool Disposed { get; private set; }

    public static LambdaTransport Answering(Func<int, HttpResponseMessage> answer) =>
        new((_, n, _) => Task.FromResult(answer(n)));

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    public static HttpResponseMessage WithBody(HttpContent content, HttpStatusCode status = HttpStatusCode.OK) => new(status) { Content = content };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _answer(request, Interlocked.Increment(ref _calls), cancellationToken);

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}

/// <summary>A response body from a <see cref="GeneratedStream"/>, sent without Content-Length unless given one; remembers being disposed.</summary>
internal sealed class TrackingContent : HttpContent
{
    private readonly Stream _stream;
    private readonly bool _openAsynchronously;

    public TrackingContent(Stream stream, long? contentLength = null, bool openAsynchronously = false)
    {
        _stream = stream;
        _openAsynchronously = openAsynchronously;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        Headers.ContentLength = contentLength;
    }

    public static TrackingContent Of(string text, bool yieldEachRead = false) => new(GeneratedStream.Of(text, yieldEachRead));

    public bool Disposed { get; private set; }

    protected override async Task<Stream> CreateContentReadStreamAsync()
    {
        if (_openAsynchronously)
        {
            await Task.Delay(1).ConfigureAwait(false); // pending for sure, and posting to no caller's context
        }

        return _stream;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _stream.CopyToAsync(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        _stream.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// A read-only, unseekable body made on the fly (so a 64 MiB body costs no 64 MiB string): a prefix, then a filler
/// byte up to a length. It counts what was read, can hand out at most some bytes per read, can wait briefly before every
/// read (so that each read completes asynchronously), can fail after some bytes, and can stall until it is disposed.
/// </summary>
internal sealed class GeneratedStream : Stream
{
    private readonly byte[] _prefix;
    private readonly long _length;
    private readonly byte _filler;
    private readonly TaskCompletionSource<bool> _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position;

    public GeneratedStream(string prefix, long length, byte filler = (byte)'a')
    {
        _prefix = System.Text.Encoding.UTF8.GetBytes(prefix);
        _length = length;
        _filler = filler;
    }

    public static GeneratedStream Of(string text, bool yieldEachRead = false) => new(text, System.Text.Encoding.UTF8.GetByteCount(text)) { YieldEachRead = yieldEachRead };

    /// <summary>At most this many bytes per read.</summary>
    public int MaxPerRead { get; init; } = int.MaxValue;

    public bool YieldEachRead { get; init; }

    /// <summary>After this many bytes, a read throws an <see cref="IOException"/> (a connection reset mid-body).</summary>
    public long? FailAfter { get; init; }

    /// <summary>After this many bytes, a read waits, whatever its token, until the stream is disposed, then reads as the end.</summary>
    public long? StallAfter { get; init; }

    public long BytesRead => Interlocked.Read(ref _position);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (YieldEachRead)
        {
            await Task.Delay(1).ConfigureAwait(false); // pending for sure, and posting to no caller's context
        }

        if (StallAfter is { } stall && _position >= stall)
        {
            await _disposed.Task.ConfigureAwait(false);
            return 0;
        }

        if (FailAfter is { } fail && _position >= fail)
        {
            throw new IOException("The connection was reset by the test.");
        }

        var limit = Math.Min(_length, StallAfter ?? long.MaxValue);
        limit = Math.Min(limit, FailAfter ?? long.MaxValue);
        var n = (int)Math.Min(Math.Min(count, MaxPerRead), limit - _position);
        for (var i = 0; i < n; i++)
        {
            var at = _position + i;
            buffer[offset + i] = at < _prefix.Length ? _prefix[at] : _filler;
        }

        Interlocked.Add(ref _position, n);
        return n;
    }

#if NET
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(buffer, out var segment))
        {
            return new ValueTask<int>(ReadAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken));
        }

        var rented = new byte[buffer.Length];
        return new ValueTask<int>(ReadAsync(rented, 0, rented.Length, cancellationToken).ContinueWith(t =>
        {
            rented.AsSpan(0, t.Result).CopyTo(buffer.Span);
            return t.Result;
        }, TaskScheduler.Default));
    }
#endif

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _disposed.TrySetResult(true);
        base.Dispose(disposing);
    }
}
