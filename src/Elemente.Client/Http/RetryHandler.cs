using System.Diagnostics;
using System.Net;
using Elemente.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Elemente.Http;

/// <summary>
/// The outermost handler: one span per operation, retries (Polly) that never repeat a request the API may have
/// processed, and the mapping of final failures to exceptions that say whether the outcome is unknown.
/// </summary>
/// <remarks>
/// Idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) retry on connection failures, attempt timeouts and
/// 408, 429, 500, 502, 503, 504. Other methods (a create is a POST) retry only when the request provably was not
/// processed: the connection could not be established, or 429/503 came with Retry-After.
/// </remarks>
internal sealed class RetryHandler : DelegatingHandler
{
    private const string AttemptKey = "Elemente.Attempt";

    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("Elemente.Request");

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ILogger _logger;
    private readonly TimeSpan _maxDelay;

    public RetryHandler(ElementeClientOptions options, ILogger logger)
    {
        _logger = logger;
        _maxDelay = options.MaxRetryDelay;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => new ValueTask<bool>(RetryReason(args.Outcome, args.Context) is not null),
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result is { } response ? Failures.RetryAfter(response) : null),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    Log.Retrying(_logger, request, args.AttemptNumber + 2, args.RetryDelay, RetryReason(args.Outcome, args.Context) ?? "transient failure");
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>Which attempt (from 1) a request is on; read by the handlers below this one.</summary>
    public static int AttemptOf(HttpRequestMessage request) =>
#if NET5_0_OR_GREATER
        request.Options.TryGetValue(new HttpRequestOptionsKey<int>(AttemptKey), out var attempt) ? attempt : 1;
#else
        request.Properties.TryGetValue(AttemptKey, out var attempt) && attempt is int value ? value : 1;
#endif

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = ElementeTelemetry.ActivitySource.StartActivity($"Elemente {request.Method.Method} {Log.PathOf(request)}", ActivityKind.Internal);
        var idempotent = HttpMethods.IsIdempotent(request.Method);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        var attempts = 0;
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                async (ctx, state) =>
                {
                    SetAttempt(state.request, ++attempts);
                    try
                    {
                        return Outcome.FromResult(await state.self.SendAttemptAsync(state.request, ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (self: this, request)).ConfigureAwait(false);

            activity?.SetTag("elemente.attempts", attempts);
            if (outcome.Exception is { } exception)
            {
                activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                throw Final(request, idempotent, exception);
            }

            var response = outcome.Result!;
            if (!idempotent && Failures.MayHaveBeenProcessed(response))
            {
                activity?.SetStatus(ActivityStatusCode.Error, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                Log.NotRetried(_logger, request, $"{(int)response.StatusCode} after the request was sent; it may have been processed");
                throw await OutcomeUnknownAsync(response).ConfigureAwait(false);
            }

            return response;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private Exception Final(HttpRequestMessage request, bool idempotent, Exception exception)
    {
        switch (exception)
        {
            case ElementeTimeoutException { OutcomeUnknown: true }:
                Log.NotRetried(_logger, request, "timed out after the request was sent; it may have been processed");
                return exception;
            case HttpRequestException and not ElementeConnectionException:
                var unknown = !idempotent && !Failures.IsConnectFailure(exception);
                if (unknown)
                {
                    Log.NotRetried(_logger, request, "the connection dropped after the request was sent; it may have been processed");
                }

                return new ElementeConnectionException(unknown, exception);
            default:
                return exception;
        }
    }

    private static async Task<Exception> OutcomeUnknownAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = response.Content is null ? null : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return new ElementeApiException((int)response.StatusCode, body, ResponseHeaders.Of(response));
        }
    }

    /// <summary>Why the outcome is worth another attempt, or null when it is not (or must not be) retried.</summary>
    private string? RetryReason(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var request = context.Properties.GetValue(RequestKey, null!);
        var idempotent = HttpMethods.IsIdempotent(request.Method);
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                HttpRequestException when Failures.IsConnectFailure(exception) => "the connection could not be established",
                HttpRequestException when idempotent => "the connection failed",
                ElementeTimeoutException when idempotent => "the attempt timed out",
                _ => null,
            };
        }

        var response = outcome.Result!;
        var retryAfter = Failures.RetryAfter(response);
        if (retryAfter > _maxDelay)
        {
            return null;
        }

        if (response.StatusCode is (HttpStatusCode)429 or HttpStatusCode.ServiceUnavailable && retryAfter is not null)
        {
            return $"{(int)response.StatusCode} with Retry-After";
        }

        return idempotent && Failures.IsTransient(response.StatusCode) ? $"{(int)response.StatusCode}" : null;
    }

    private static void SetAttempt(HttpRequestMessage request, int attempt)
    {
#if NET5_0_OR_GREATER
        request.Options.Set(new HttpRequestOptionsKey<int>(AttemptKey), attempt);
#else
        request.Properties[AttemptKey] = attempt;
#endif
    }
}
