using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Elemente.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Elemente.Tests;

/// <summary>
/// What each attempt logs when the host logs only some levels, which bodies it logs, and which failures count as
/// failed attempts. The handler skips all observation when nobody listens, logs or measures; these tests run alone
/// (<see cref="GlobalStateCollection"/>), so that no other test's ActivityListener or MeterListener decides it for them.
/// </summary>
[Collection(nameof(GlobalStateCollection))]
public class AttemptTelemetryHandlerTests
{
    private const string Secret = "+4915112345678";

    [Fact]
    public async Task HostLogsOnlyWarnings_AFailedAttemptIsStillLogged()
    {
        var logs = new CapturingLoggerProvider(level => level >= LogLevel.Warning);
        using var core = Core(Resetting(), logs, logBodies: false);

        await Assert.ThrowsAsync<ElementeConnectionException>(() => core.SendAsync<JObject>(Post(), CancellationToken.None));

        var failed = Assert.Single(logs.Records, r => r.EventName == "AttemptFailed");
        Assert.Equal("HttpRequestException", failed.Properties["Failure"]);
    }

    [Fact]
    public async Task HostLogsOnlyInformation_AnAnsweredAttemptIsStillLogged()
    {
        var logs = new CapturingLoggerProvider(level => level == LogLevel.Information);
        using var core = Core(Answering("{}"), logs, logBodies: false);

        await core.SendAsync<JObject>(Post(), CancellationToken.None);

        Assert.Equal(200, Assert.Single(logs.Records, r => r.EventName == "AttemptCompleted").Properties["StatusCode"]);
    }

    [Fact]
    public async Task HostLogsOnlyDebugAndPersonalDataIsOn_BodiesAreStillLogged()
    {
        var logs = new CapturingLoggerProvider(level => level == LogLevel.Debug);
        using var core = Core(Answering("""{"answer":1}"""), logs, logBodies: true);

        await core.SendAsync<JObject>(Post(), CancellationToken.None);

        var bodies = logs.Records.Where(r => r.EventName == "Body").ToList();
        Assert.Equal(new object?[] { "request", "response" }, bodies.Select(b => b.Properties["Direction"]));
        Assert.Equal(new object?[] { $$"""{"phone":"{{Secret}}"}""", """{"answer":1}""" }, bodies.Select(b => b.Properties["Body"]));
    }

    [Fact]
    public async Task PersonalDataOff_NoBodyIsLoggedEvenWhenTheHostLogsDebug()
    {
        var logs = new CapturingLoggerProvider();
        using var core = Core(Answering($$"""{"echo":"{{Secret}}"}"""), logs, logBodies: false);

        await core.SendAsync<JObject>(Post(), CancellationToken.None);

        Assert.Contains(logs.Records, r => r.EventName == "AttemptCompleted");
        Assert.DoesNotContain(logs.Records, r => r.EventName == "Body");
        Assert.DoesNotContain(logs.Records, r => r.Message.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallerCancels_TheAttemptIsNotLoggedAsFailed()
    {
        var logs = new CapturingLoggerProvider();
        using var cancel = new CancellationTokenSource();
        using var core = Core(new LambdaTransport((_, _, token) =>
        {
            cancel.Cancel();
            token.ThrowIfCancellationRequested();
            return Task.FromResult(LambdaTransport.Json("{}"));
        }), logs, logBodies: false);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => core.SendAsync<JObject>(Post(), cancel.Token));

        Assert.DoesNotContain(logs.Records, r => r.EventName == "AttemptFailed");
    }

    [Fact]
    public async Task AHandlerBelowCancelsWhenNobodyAskedTo_TheAttemptIsLoggedAsFailed()
    {
        var logs = new CapturingLoggerProvider();
        using var core = Core(new LambdaTransport((_, _, _) => throw new TaskCanceledException("a handler below the client gave up")), logs, logBodies: false);

        await Assert.ThrowsAsync<ElementeTimeoutException>(() => core.SendAsync<JObject>(Post(), CancellationToken.None));

        Assert.Equal("TaskCanceledException", Assert.Single(logs.Records, r => r.EventName == "AttemptFailed").Properties["Failure"]);
    }

    internal static LambdaTransport Answering(string json, HttpStatusCode status = HttpStatusCode.OK) => LambdaTransport.Answering(_ => LambdaTransport.Json(json, status));

    private static LambdaTransport Resetting() =>
        new((_, _, _) => throw new HttpRequestException("reset", new IOException("The connection was reset by the test.")));

    internal static ElementeCore Core(HttpMessageHandler transport, CapturingLoggerProvider? logs, bool logBodies, string? baseUri = null)
    {
        var options = TestClients.Options();
        options.LogPersonalData = logBodies;
        options.MaxRetries = 0;
        if (baseUri is not null)
        {
            options.BaseUri = new Uri(baseUri);
        }

        ILogger logger = logs is null ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : logs.Factory.CreateLogger("Elemente.Client");
        return new ElementeCore(options.ValidatedCopy(), transport, logger);
    }

    internal static ElementeRequest Post(string operation = "Test.Post") =>
        new ElementeRequest(HttpMethods.Post, operation).AppendPath("x").SetBody(new Dictionary<string, string> { ["phone"] = Secret }, "body");
}

/// <summary>The status a span and a measurement report as an error, and the operation span of a cancelled call.</summary>
[Collection(nameof(TelemetryTests))]
public class AttemptTelemetryStatusTests
{
    [Theory]
    [InlineData(200, null)]
    [InlineData(399, null)]
    [InlineData(400, "400")]
    [InlineData(503, "503")]
    public async Task Attempt_FromStatus400On_SpanAndMeasurementCarryItAsTheErrorType(int status, string? errorType)
    {
        // A host of its own, so that this test reads only its own spans and measurements.
        var host = $"status-{status}.telemetry.test";
        using var seen = new Observed(host);
        using var core = AttemptTelemetryHandlerTests.Core(AttemptTelemetryHandlerTests.Answering("{}", (HttpStatusCode)status), logs: null, logBodies: false, baseUri: $"https://{host}/");

        await Record.ExceptionAsync(() => core.SendAsync<JObject>(AttemptTelemetryHandlerTests.Post(), CancellationToken.None));

        var span = Assert.Single(seen.Spans(), a => a.Kind == ActivityKind.Client);
        Assert.Equal(status, span.GetTagItem("http.response.status_code"));
        Assert.Equal(errorType, span.GetTagItem("error.type"));
        Assert.Equal(errorType is null ? ActivityStatusCode.Unset : ActivityStatusCode.Error, span.Status);
        var measurement = Assert.Single(seen.Measurements());
        Assert.Equal(status, measurement["http.response.status_code"]);
        Assert.Equal(errorType, measurement.TryGetValue("error.type", out var type) ? type : null);
    }

    [Fact]
    public async Task CallerCancels_TheOperationSpanEndsAsAnError()
    {
        var host = "cancelled.telemetry.test";
        using var seen = new Observed(host, operation: "Test.Cancelled");
        using var cancel = new CancellationTokenSource();
        using var core = AttemptTelemetryHandlerTests.Core(
            new LambdaTransport((_, _, token) =>
            {
                cancel.Cancel();
                token.ThrowIfCancellationRequested();
                return Task.FromResult(LambdaTransport.Json("{}"));
            }),
            logs: null,
            logBodies: false,
            baseUri: $"https://{host}/");

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => core.SendAsync<JObject>(AttemptTelemetryHandlerTests.Post("Test.Cancelled"), cancel.Token));

        var operation = Assert.Single(seen.Spans(), a => a.Kind == ActivityKind.Internal);
        Assert.Equal(ActivityStatusCode.Error, operation.Status);
        Assert.Equal(error.GetType().Name, operation.StatusDescription);
    }

    /// <summary>The spans and duration measurements of one host (and, for operation spans, one operation name).</summary>
    private sealed class Observed : IDisposable
    {
        private readonly List<Activity> _spans = new();
        private readonly List<Dictionary<string, object?>> _measurements = new();
        private readonly ActivityListener _listener;
        private readonly MeterListener _meter;

        public Observed(string host, string? operation = null)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Elemente.Client",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    var mine = activity.Kind == ActivityKind.Client
                        ? Equals(activity.GetTagItem("server.address"), host)
                        : operation is not null && activity.DisplayName == "Elemente " + operation;
                    if (mine)
                    {
                        lock (_spans)
                        {
                            _spans.Add(activity);
                        }
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
            _meter = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == "Elemente.Client")
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meter.SetMeasurementEventCallback<double>((_, _, tags, _) =>
            {
                var all = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
                if (Equals(all.GetValueOrDefault("server.address"), host))
                {
                    lock (_measurements)
                    {
                        _measurements.Add(all);
                    }
                }
            });
            _meter.Start();
        }

        public List<Activity> Spans()
        {
            lock (_spans)
            {
                return _spans.ToList();
            }
        }

        public List<Dictionary<string, object?>> Measurements()
        {
            lock (_measurements)
            {
                return _measurements.ToList();
            }
        }

        public void Dispose()
        {
            _listener.Dispose();
            _meter.Dispose();
        }
    }
}
