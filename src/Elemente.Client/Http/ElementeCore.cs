using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Elemente.Diagnostics;
using Elemente.Serialization;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Polly;

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
/// also retry on timeouts, dropped connections and the statuses of <see cref="Failures.IsTransient"/> (docs/retries-and-timeouts.md).
/// <para>
/// This file sends an operation and its attempts; ElementeCore.Exchange.cs holds what is sent, ElementeCore.Attempt.cs
/// what an attempt produced and the body reader, ElementeCore.Classification.cs the failure classification, and
/// ElementeCore.RetryPipeline.cs the Polly pipeline (docs/how-a-call-travels.md).
/// </para>
/// </remarks>
internal sealed partial class ElementeCore : IDisposable
{
    /// <summary>How much of an error body is kept (for the exception and its reasons); the rest is not read.</summary>
    internal const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>The largest success body read; a larger one is an error, not an out-of-memory.</summary>
    internal const int MaxBodyBytes = 64 * 1024 * 1024;

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

        // Stryker disable once Statement : equivalent, AuthenticationHandler checks the token again
        cancellationToken.ThrowIfCancellationRequested();
        // Stryker disable once Conditional : equivalent, StartActivity returns null when nobody listens
        using var activity = ElementeTelemetry.ActivitySource.HasListeners()
            ? ElementeTelemetry.ActivitySource.StartActivity("Elemente " + request.OperationName, ActivityKind.Internal)
            : null;
        // The first attempt runs before the retry pipeline: when it needs no retry (nearly always), the pipeline is
        // never entered. When it does, the pipeline starts from that outcome as if it had made the attempt itself, so
        // its backoff, Retry-After handling and attempt count are unchanged. Why not simply run every attempt in the
        // pipeline: entering it costs each call a pooled ResilienceContext and Polly's strategy machinery, and the small
        // create is the call with the tightest speed goal (benchmarks/RESULTS.md); this way a call that needs no retry is
        // one plain await.
        var outcome = await SendAttemptAsync(cancellationToken, exchange).ConfigureAwait(false);
        // Stryker disable once Logical : equivalent, the pipeline hands back the first outcome unchanged
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
            // Stryker disable once Block,Statement : equivalent, an unreturned context is collected
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
            // Validation happens here too: with ValidateRequests on, _writer's contract resolver checks each request model
            // as it is written (Validation/ValidatingContractResolver.cs says why it is there), so an invalid request
            // throws ElementeValidationException before any body exists and nothing is sent.
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
                // Stryker disable once Conditional : equivalent, an uncancellable link gives the same deadline
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
        // Stryker disable once Block,Statement : equivalent, an undisposed deadline fires unobserved
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
}
