using Polly;

namespace Elemente.Http;

/// <content>One operation: what is sent, as a fresh message per attempt.</content>
internal sealed partial class ElementeCore
{
    /// <summary>One operation: what to send, sent as a fresh message per attempt.</summary>
    private sealed class Exchange
    {
        private readonly byte[]? _body;

        public Exchange(ElementeRequest request, Uri uri, byte[]? body)
        {
            Method = request.Method;
            Uri = uri;
            _body = body;
            Idempotent = HttpMethods.IsIdempotent(request.Method);
        }

        public HttpMethod Method { get; }

        public Uri Uri { get; }

        public bool Idempotent { get; }

        public int Attempts { get; set; }

        /// <summary>
        /// The first attempt's outcome, made before the retry pipeline was entered; handed to it once (taking it clears
        /// it, so every retry sends a fresh attempt).
        /// </summary>
        public Outcome<Attempt>? FirstOutcome { get; set; }

        public Outcome<Attempt>? TakeFirstOutcome()
        {
            var first = FirstOutcome;
            FirstOutcome = null;
            return first;
        }

        /// <summary>
        /// A new message and content for each attempt: .NET Framework's HttpClient disposes the content it sent, and a
        /// message is never sent twice.
        /// </summary>
        public HttpRequestMessage CreateMessage(int attempt)
        {
            var message = new HttpRequestMessage(Method, Uri);
            // Constant header values, added unparsed: nothing to parse or allocate per attempt.
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
            if (_body is not null)
            {
                message.Content = new ByteArrayContent(_body);
                message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
            }

            if (attempt != 1)
            {
                // A first attempt carries no number: AttemptNumber.Of reads a missing one as 1.
                AttemptNumber.Set(message, attempt);
            }

            return message;
        }
    }
}
