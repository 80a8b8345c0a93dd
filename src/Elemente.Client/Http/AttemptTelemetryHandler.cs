using System.Diagnostics;
using Elemente.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Elemente.Http;

/// <summary>
/// Observes each attempt: a client span with OpenTelemetry HTTP attributes, a log event, and a duration measurement.
/// Logs bodies (at Debug) only when <see cref="ElementeClientOptions.LogPersonalData"/> is on.
/// </summary>
internal sealed class AttemptTelemetryHandler : DelegatingHandler
{
    private readonly ILogger _logger;
    private readonly bool _logBodies;

    public AttemptTelemetryHandler(ILogger logger, bool logBodies)
    {
        _logger = logger;
        _logBodies = logBodies;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Nobody listens, logs or measures: nothing to observe, so no state machine, span name or stopwatch either.
        if (!ElementeTelemetry.ActivitySource.HasListeners()
            && !ElementeTelemetry.RequestDuration.Enabled
            && !_logger.IsEnabled(LogLevel.Warning)
            && !_logger.IsEnabled(LogLevel.Information)
            && !LogsBodies)
        // Stryker disable once Block : equivalent, the observed path does the same, slower
        {
            return base.SendAsync(request, cancellationToken);
        }

        return ObservedSendAsync(request, cancellationToken);
    }

    /// <summary>Bodies are logged only with <see cref="ElementeClientOptions.LogPersonalData"/> on, at Debug.</summary>
    private bool LogsBodies => _logBodies && _logger.IsEnabled(LogLevel.Debug);

    private async Task<HttpResponseMessage> ObservedSendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = AttemptNumber.Of(request);
        var method = request.Method.Method;
        var uri = request.RequestUri!;
        // Stryker disable once Conditional : equivalent, StartActivity returns null when nobody listens
        using var activity = ElementeTelemetry.ActivitySource.HasListeners()
            ? ElementeTelemetry.ActivitySource.StartActivity(method + " " + uri.AbsolutePath, ActivityKind.Client)
            : null;
        if (activity is not null)
        {
            activity.SetTag("http.request.method", method);
            activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
            activity.SetTag("server.address", uri.Host);
            activity.SetTag("server.port", uri.Port);
            if (attempt > 1)
            {
                activity.SetTag("http.request.resend_count", attempt - 1);
            }
        }

        if (LogsBodies && request.Content is not null)
        {
            // Stryker disable once Boolean : equivalent, the content is the client's own byte array
            Log.Body(_logger, request, "request", await request.Content.ReadAsStringAsync().ConfigureAwait(false));
        }

        var started = Stopwatch.StartNew();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            activity?.SetTag("http.response.status_code", status);
            if (status >= 400)
            {
                activity?.SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            Record(request, started.Elapsed, status, status >= 400 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
            Log.AttemptCompleted(_logger, request, attempt, status, started.ElapsedMilliseconds, ResponseHeaders.RequestId(ResponseHeaders.Of(response)));
            if (LogsBodies && response.Content is not null)
            {
                // ReadAsStringAsync buffers the content, so the client reads the same body after this.
                Log.Body(_logger, request, "response", await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            }

            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var errorType = ex.GetType().FullName ?? ex.GetType().Name;
            activity?.SetTag("error.type", errorType);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            Record(request, started.Elapsed, null, errorType);
            Log.AttemptFailed(_logger, request, attempt, ex, started.ElapsedMilliseconds);
            throw;
        }
    }

    private static void Record(HttpRequestMessage request, TimeSpan elapsed, int? status, string? errorType)
    {
        // Stryker disable once Block,Statement : equivalent, nobody listens to the instrument
        if (!ElementeTelemetry.RequestDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "http.request.method", request.Method.Method },
            { "server.address", request.RequestUri!.Host },
            { "server.port", request.RequestUri.Port },
        };
        if (status is not null)
        {
            tags.Add("http.response.status_code", status.Value);
        }

        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        ElementeTelemetry.RequestDuration.Record(elapsed.TotalSeconds, tags);
    }
}
