using System.Buffers;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Elemente.Diagnostics;
using Elemente.Serialization;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Polly;
using Polly.Retry;

namespace Elemente.Http;

/// <summary>
/// Runs every operation of every generated resource client: serialises and validates the body once, then sends it in
/// attempts (Polly retries) that each cover the whole exchange, from connecting to the last byte of the answer, under
/// <see cref="ElementeClientOptions.Timeout"/>. Every failure becomes an <see cref="ElementeException"/> that says
/// whether the API may have acted on the request; the caller's cancellation stays an
/// <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// A request that is not idempotent (a create is a POST) is sent again only when it provably never reached the API: the
/// connection could not be established, or the API refused it with 429 or 503 and Retry-After. Idempotent requests
/// also retry on timeouts, dropped connections, 408, 500, 502 and 504.
/// </remarks>
internal sealed class ElementeCore : IDisposable
{
    /// <summary>How much of an error body is kept (for the exception and its reasons); the rest is not read.</summary>
    internal const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>The largest success body read; a larger one is an error, not an out-of-memory.</summary>
    internal const int MaxBodyBytes = 64 * 1024 * 1024;

    // Stryker disable once String : a property key is told apart by its instance here; its name is only a label.
    private static readonly ResiliencePropertyKey<Exchange> ExchangeKey = new("Elemente.Exchange");

    private readonly HttpMessageInvoker _invoker;
    private readonly Uri _baseUri;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _maxRetryDelay;
    private readonly JsonSerializer _writer;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<Attempt> _pipeline;
    private readonly bool _retries;

    /// <summary>Creates the runtime over a transport; the options must already be validated (a copy).</summary>
    public ElementeCore(ElementeClientOptions options, HttpMessageHandler transport, ILogger logger)
    {
        _logger = logger;
        WaitClock = options.TimeProvider;
        _timeout = options.Timeout;
        _maxRetryDelay = options.MaxRetryDelay;
        var baseUri = options.BaseUri.ToString();
        _baseUri = new Uri(baseUri.EndsWith("/", StringComparison.Ordinal) ? baseUri : baseUri + "/");
        _writer = options.ValidateRequests ? ElementeJson.ValidatingWriter : ElementeJson.Writer;
        _invoker = new HttpMessageInvoker(
            new AttemptTelemetryHandler(logger, options.LogPersonalData)
            {
                InnerHandler = new AuthenticationHandler(options.Username!, options.Password!, UserAgent.Create(options.ApplicationId))
                {
                    InnerHandler = transport,
                },
            },
            disposeHandler: true);
        _pipeline = BuildPipeline(options);
        _retries = options.MaxRetries != 0; // validated: 0 to 10
    }

    /// <summary>The client's clock for waits (<see cref="ElementeClientOptions.TimeProvider"/>), or null for the system's.</summary>
    public TimeProvider? WaitClock { get; }

    /// <summary>Sends the request and parses a success's body as <typeparamref name="T"/>.</summary>
    /// <exception cref="ElementeValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="ElementeApiException">The API answered with an error, or with a body that cannot be read.</exception>
    /// <exception cref="ElementeTimeoutException">An attempt took longer than the timeout.</exception>
    /// <exception cref="ElementeConnectionException">The connection failed.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<ElementeResponse<T>> SendAsync<T>(ElementeRequest request, CancellationToken cancellationToken)
    {
        var exchange = new Exchange(request, new Uri(_baseUri, request.RelativeUri), Serialize(request));

        // Stryker disable once Statement : AuthenticationHandler checks the token again before anything is sent; this check only
        // spares the attempt.
        cancellationToken.ThrowIfCancellationRequested();
        // Stryker disable once Conditional : StartActivity returns null when nobody listens; the check only spares the name.
        using var activity = ElementeTelemetry.ActivitySource.HasListeners()
            ? ElementeTelemetry.ActivitySource.StartActivity("Elemente " + request.OperationName, ActivityKind.Internal)
            : null;
        // The first attempt runs before the retry pipeline: when it needs no retry (nearly always), the pipeline is
        // never entered. When it does, the pipeline starts from that outcome as if it had made the attempt itself, so
        // its backoff, Retry-After handling and attempt count are unchanged.
        var outcome = await SendAttemptAsync(cancellationToken, exchange).ConfigureAwait(false);
        // Stryker disable once Logical : entering the pipeline without a retry reason, or with no retry strategy, hands back the
        // first outcome unchanged; the condition only spares the pipeline.
        if (_retries && outcome.Result?.RetryReason is not null)
        {
            exchange.FirstOutcome = outcome;
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(ExchangeKey, exchange);
            try
            {
                outcome = await _pipeline.ExecuteOutcomeAsync(
                    static (ctx, state) => state.exchange.TakeFirstOutcome() is { } first
                        ? new ValueTask<Outcome<Attempt>>(first)
                        : state.self.SendAttemptAsync(ctx.CancellationToken, state.exchange),
                    context,
                    (self: this, exchange)).ConfigureAwait(false);
            }
            finally
            // Stryker disable once Block,Statement : an unreturned context is left to the garbage collector; nothing observable.
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        activity?.SetTag("elemente.attempts", exchange.Attempts);
        if (outcome.Exception is { } exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            ExceptionDispatchInfo.Capture(exception).Throw();
        }

        using var attempt = outcome.Result!;
        try
        {
            return Complete<T>(exchange, attempt);
        }
        catch (ElementeException failure)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
            if (failure.OutcomeUnknown)
            {
                Log.NotRetried(_logger, exchange.Method, exchange.Uri, "it was sent and may have been processed: " + failure.GetType().Name);
            }

            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _invoker.Dispose();

    private ElementeResponse<T> Complete<T>(Exchange exchange, Attempt attempt)
    {
        if (attempt.Failure is { } failure)
        {
            throw failure;
        }

        var response = attempt.Response!;
        if (attempt.Status is < 200 or > 299)
        {
            var headers = ResponseHeaders.Of(response);
            var unknown = !exchange.Idempotent && Failures.MayHaveBeenProcessed(attempt.Status, attempt.RetryAfter is not null);
            var detail = attempt.Status is >= 300 and < 400
                ? $"The client does not follow redirects (the API asked to go to {response.Headers.Location?.ToString() ?? "(no Location)"})."
                : string.Empty;
            throw new ElementeApiException(detail, attempt.Status, attempt.BodyText(MaxErrorBodyBytes), headers, null, unknown);
        }

        // A success's headers are read from the response only if the caller asks for them.
        if (typeof(T) == typeof(object) && attempt.Length == 0)
        {
            return new ElementeResponse<T>(default!, attempt.Status, response);
        }

        try
        {
            // Straight from the pooled buffer the body was read into.
            var value = PooledJson.Deserialize<T>(ElementeJson.Reader, attempt.Body, attempt.Length);
            if (value is null)
            {
                throw new JsonSerializationException(attempt.Length == 0 ? "The body is empty." : "The body is null.");
            }

            return new ElementeResponse<T>(value, attempt.Status, response);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever broke the parse, a 2xx means the API accepted the request: for a create, the interaction may exist.
            throw new ElementeApiException(ex.Message, attempt.Status, attempt.BodyText(MaxErrorBodyBytes), ResponseHeaders.Of(response), ex, outcomeUnknown: !exchange.Idempotent);
        }
    }

    private byte[]? Serialize(ElementeRequest request)
    {
        if (request.Body is null)
        {
            return null;
        }

        try
        {
            // Written into pooled chars; the exact-size array it returns is the one allocation that stays, because the
            // transport (or a caller's handler) may still hold the content after an attempt, so it is never pooled.
            return PooledJson.Serialize(_writer, request.Body);
        }
        catch (JsonException ex)
        {
            throw new ElementeValidationException(new[] { $"{request.BodyParameterName}: cannot be written as JSON ({ex.Message})" }, request.BodyParameterName);
        }
    }

    private async ValueTask<Outcome<Attempt>> SendAttemptAsync(CancellationToken cancellationToken, Exchange exchange)
    {
        var number = ++exchange.Attempts;
        CancellationTokenSource? deadline = null;
        using var message = exchange.CreateMessage(number);
        try
        {
            var token = cancellationToken;
            if (_timeout != System.Threading.Timeout.InfiniteTimeSpan)
            {
                // Stryker disable once Conditional : linking to a token that cannot be cancelled gives the same deadline; the check
                // only spares the link.
                deadline = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : new CancellationTokenSource();
                deadline.CancelAfter(_timeout);
                token = deadline.Token;
            }

            var response = await _invoker.SendAsync(message, token).ConfigureAwait(false);

            // ReadAsync owns the response from here on: it disposes it when reading fails.
            return Outcome.FromResult(await ReadAsync(exchange, response, token).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Outcome.FromException<Attempt>(ex as OperationCanceledException ?? new OperationCanceledException("The operation was cancelled by the caller.", ex, cancellationToken));
            }

            return Outcome.FromResult(Classify(ex, deadline?.IsCancellationRequested == true, exchange));
        }
        finally
        // Stryker disable once Block,Statement : an undisposed deadline fires later on a token nobody observes any more (the body's
        // registration is gone); only its timer lives on until then.
        {
            deadline?.Dispose();
        }
    }

    private async Task<Attempt> ReadAsync(Exchange exchange, HttpResponseMessage response, CancellationToken token)
    {
        var attempt = new Attempt(response);
        try
        {
            // A caller's HttpClient may follow a redirect before the client sees the answer: an answer from elsewhere is
            // never a success, whatever its status.
            var answeredBy = response.RequestMessage?.RequestUri;
            if (answeredBy is not null && Uri.Compare(answeredBy, exchange.Uri, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                attempt.Failure = new ElementeApiException(
                    $"The answer came from {answeredBy.GetLeftPart(UriPartial.Authority)}, not from {exchange.Uri.GetLeftPart(UriPartial.Authority)}: the HttpClient followed a redirect. Set AllowAutoRedirect = false on its handler.",
                    attempt.Status,
                    null,
                    ResponseHeaders.Of(response),
                    null,
                    outcomeUnknown: !exchange.Idempotent);
                return attempt;
            }

            var success = attempt.Status is >= 200 and < 300;
            await attempt.ReadBodyAsync(success ? MaxBodyBytes : MaxErrorBodyBytes, token).ConfigureAwait(false);
            if (success && attempt.Truncated)
            {
                attempt.Failure = new ElementeApiException(
                    $"The body is larger than {MaxBodyBytes} bytes.", attempt.Status, null, ResponseHeaders.Of(response), null, outcomeUnknown: !exchange.Idempotent);
            }
            else if (!success)
            {
                attempt.RetryAfter = Failures.RetryAfter(response, DateTimeOffset.UtcNow);
                attempt.RetryReason = RetryReason(exchange, attempt);
            }

            return attempt;
        }
        catch
        {
            attempt.Dispose();
            throw;
        }
    }

    private string? RetryReason(Exchange exchange, Attempt attempt)
    {
        if (attempt.RetryAfter > _maxRetryDelay)
        {
            return null;
        }

        if (attempt.Status is 429 or 503 && attempt.RetryAfter is not null)
        {
            return $"{attempt.Status} with Retry-After";
        }

        return exchange.Idempotent && Failures.IsTransient(attempt.Status) ? attempt.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private Attempt Classify(Exception exception, bool timedOut, Exchange exchange)
    {
        var idempotent = exchange.Idempotent;
        if (timedOut)
        {
            return Attempt.Failed(new ElementeTimeoutException(_timeout, outcomeUnknown: !idempotent, exception), idempotent ? "the attempt timed out" : null);
        }

        switch (exception)
        {
            case CallerTimeoutException callerTimeout:
                return Attempt.Failed(new ElementeTimeoutException(callerTimeout.Timeout, outcomeUnknown: !idempotent, exception.InnerException), idempotent ? "the attempt timed out" : null);
            case OperationCanceledException or TimeoutException:
                // Neither the caller nor the attempt deadline: a timeout below the client (a caller's handler).
                return Attempt.Failed(new ElementeTimeoutException(_timeout, outcomeUnknown: !idempotent, exception), idempotent ? "the attempt timed out" : null);
        }

        if (Failures.IsConnectFailure(exception))
        {
            return Attempt.Failed(new ElementeConnectionException(outcomeUnknown: false, exception), "the connection could not be established");
        }

        return Attempt.Failed(new ElementeConnectionException(outcomeUnknown: !idempotent, exception), idempotent ? "the connection failed" : null);
    }

    private ResiliencePipeline<Attempt> BuildPipeline(ElementeClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<Attempt>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Result?.RetryReason is not null && !args.Context.CancellationToken.IsCancellationRequested),
                DelayGenerator = static args => new ValueTask<TimeSpan?>(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    var exchange = args.Context.Properties.GetValue(ExchangeKey, null!);
                    // ShouldHandle retries only an attempt with a reason.
                    Log.Retrying(_logger, exchange.Method, exchange.Uri, args.AttemptNumber + 2, args.RetryDelay, args.Outcome.Result!.RetryReason!);

                    // The retried attempt (its response and pooled buffer) is disposed by Polly's retry strategy before the next
                    // one starts, since Attempt is IDisposable; ElementeCoreEdgeTests.SendAsync_RetriedAnswer_IsDisposedAndTheFinalOneToo.
                    return default;
                },
            });
        }

        return builder.Build();
    }

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

        /// <summary>The first attempt's outcome, made before the retry pipeline was entered; handed to it once.</summary>
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

            // Stryker disable once Block,Statement : only .NET Framework's HttpResponseMessage can have no content; every runtime the tests
            // run on gives an empty one instead.
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
                    // Stryker disable once Linq : renting the cap's size at once costs memory, not bytes read.
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)cap, 2L * _buffer.Length));
                    Buffer.BlockCopy(_buffer, 0, larger, 0, Length);

                    // Stryker disable once Statement : a buffer not returned to the pool is collected; nothing observable.
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

                    // Stryker disable once Statement : without it the next pass asks the stream for 0 bytes, gets 0 and ends the same way.
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
            // Stryker disable once Block,Equality,Boolean : without this branch (or with it negated) a missing or zero length sizes the buffer at 1 byte (the
            // pool's smallest array), grown like any other.
            if (contentLength.GetValueOrDefault() <= 0)
            {
                return 16 * 1024;
            }

            // Stryker disable once Linq,Arithmetic : a larger or smaller limit only changes how often the loop grows the buffer.
            var limit = Math.Min((long)cap, 1024 * 1024);
            return (int)Math.Min(contentLength.GetValueOrDefault() + 1, limit);
        }

        // Stryker disable once Conditional : no buffer means no content, which only .NET Framework's responses can have.
        public string? BodyText(int max) => _buffer is null ? null : ElementeJson.Utf8.GetString(_buffer, 0, Math.Min(Length, max));

        public void Dispose()
        {
            // Stryker disable once Block,Statement : a buffer not returned to the pool is collected; nothing observable (an attempt
            // is disposed once).
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }

            Response?.Dispose();
        }
    }
}
