using System.Buffers;
using Elemente.Serialization;

namespace Elemente.Http;

/// <content>What one attempt produced, and the body reader that reads an answer into a pooled buffer.</content>
internal sealed partial class ElementeCore
{
    /// <summary>What one attempt produced: a response with its body read, or a classified failure.</summary>
    private sealed class Attempt : IDisposable
    {
        private byte[]? _buffer;

        public Attempt(HttpResponseMessage response)
        {
            Response = response;
            Status = (int)response.StatusCode;
        }

        private Attempt(ElementeException failure, string? retryReason)
        {
            Failure = failure;
            RetryReason = retryReason;
        }

        public HttpResponseMessage? Response { get; }

        public int Status { get; }

        public int Length { get; private set; }

        public bool Truncated { get; private set; }

        public ElementeException? Failure { get; set; }

        public string? RetryReason { get; set; }

        public TimeSpan? RetryAfter { get; set; }

        public static Attempt Failed(ElementeException failure, string? retryReason) => new(failure, retryReason);

        /// <summary>
        /// Reads the body into a pooled buffer, up to <paramref name="cap"/> bytes. The token aborts the read on every
        /// framework: it disposes the response, since netstandard2.0's content streams may ignore it.
        /// </summary>
        public async Task ReadBodyAsync(int cap, CancellationToken token)
        {
            var content = Response!.Content;

            // Stryker disable once Block,Statement : only .NET Framework's responses can lack content
            if (content is null)
            {
                return;
            }

            using var registration = token.Register(static response => ((HttpResponseMessage)response!).Dispose(), Response);
#if NET5_0_OR_GREATER
            using var stream = await content.ReadAsStreamAsync(token).ConfigureAwait(false);
#else
            using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            _buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize(content.Headers.ContentLength, cap));
            while (true)
            {
                if (Length == _buffer.Length)
                {
                    // Full, and under the cap (the check after each read ends the loop at the cap): grow.
                    // Stryker disable once Linq : equivalent, renting the cap at once costs memory only
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)cap, 2L * _buffer.Length));
                    Buffer.BlockCopy(_buffer, 0, larger, 0, Length);

                    // Stryker disable once Statement : equivalent, an unreturned buffer is collected
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = larger;
                }

                var read = await stream.ReadAsync(_buffer, Length, Math.Min(_buffer.Length, cap) - Length, token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                Length += read;
                if (Length >= cap)
                {
                    Truncated = true;

                    // Stryker disable once Statement : equivalent, the next read asks for 0 bytes and ends
                    break;
                }
            }

            // A stream ended by the token's disposal can look like a clean end: it is not.
            token.ThrowIfCancellationRequested();
        }

        public byte[] Body => _buffer ?? Array.Empty<byte>();

        /// <summary>
        /// Sized from Content-Length when it is sent (one byte more, to see a longer body), up to 1 MB and the cap: the
        /// length is the server's claim, not yet a fact. The loop grows the buffer as the body comes, so the size
        /// decides only how often it does; the bytes read are the same.
        /// </summary>
        private static int FirstBufferSize(long? contentLength, int cap)
        {
            // Stryker disable once Block,Equality,Boolean : equivalent, a 1-byte first buffer grows the same
            if (contentLength.GetValueOrDefault() <= 0)
            {
                return 16 * 1024;
            }

            // Stryker disable once Linq,Arithmetic : equivalent, the limit only sets how often the buffer grows
            var limit = Math.Min((long)cap, 1024 * 1024);
            return (int)Math.Min(contentLength.GetValueOrDefault() + 1, limit);
        }

        // Stryker disable once Conditional : only .NET Framework's responses can lack content
        public string? BodyText(int max) => _buffer is null ? null : ElementeJson.Utf8.GetString(_buffer, 0, Math.Min(Length, max));

        public void Dispose()
        {
            // Stryker disable once Block,Statement : equivalent, an unreturned buffer is collected
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }

            Response?.Dispose();
        }
    }
}
