using Microsoft.AspNetCore.Http;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using RichardSzalay.MockHttp;

namespace Elemente.Tests;

/// <summary>Logs, traces and metrics tell what happened, and never carry credentials or customers' contact data.</summary>
[Collection(nameof(TelemetryTests))] // ActivityListener and MeterListener see the whole process: keep these apart.
public class TelemetryTests
{
    private const string Phone = "+4915112345678";
    private const string Email = "jane.doe@example.com";

    private static CreateInteractionInput PersonalRequest()
    {
        var request = TestClients.MinimalRequest();
        request.CustomerOverride = new CustomerOverrideInput { PhoneNumber = Phone, Email = Email, FirstName = "Jane", CustomFields = new List<CustomField> { new("Order ID", "A-1") } };
        request.CustomerPhone = Phone;
        request.CustomerEmail = Email;
        return request;
    }

    private static string[] Secrets => new[] { TestClients.Password, TestClients.BasicToken, TestClients.Username, Phone, Email, "Jane" };

    [Fact]
    public async Task CreateAsync_WithRetries_LogsAndTracesEachAttemptWithoutPersonalData()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Elemente.Client",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new List<(double Value, Dictionary<string, object?> Tags)>();
        using var meter = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == "Elemente.Client") { l.EnableMeasurementEvents(instrument); } },
        };
        meter.SetMeasurementEventCallback<double>((_, value, tags, _) => { lock (measurements) { measurements.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))); } });
        meter.Start();

        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Status(503, retryAfter: "0"));
        var logs = new CapturingLoggerProvider();
        using var client = new ElementeClient(server.Options(), logs.Factory);

        var call = await client.Calls.CreateAsync(PersonalRequest(), CancellationToken.None);

        Assert.Equal("call-1", call.Id);
        var attempts = logs.Records.Where(r => r.EventName == "AttemptCompleted").ToList();
        Assert.Equal(new object?[] { 1, 2 }, attempts.Select(r => r.Properties["Attempt"]));
        Assert.Equal(new object?[] { 503, 200 }, attempts.Select(r => r.Properties["StatusCode"]));
        Assert.All(attempts, r => Assert.Equal("POST", r.Properties["Method"]));
        Assert.All(attempts, r => Assert.Equal("/api/v1/calls", r.Properties["Path"]));
        Assert.Equal("503 with Retry-After", Assert.Single(logs.Records, r => r.EventName == "Retrying").Properties["RetryReason"]);

        // The listeners see the whole process, and other test classes run in parallel: read a snapshot, under the lock.
        List<Activity> seen;
        lock (activities)
        {
            seen = activities.ToList();
        }

        List<(double Value, Dictionary<string, object?> Tags)> measured;
        lock (measurements)
        {
            measured = measurements.ToList();
        }

        var spans = seen.Where(a => a.Kind == ActivityKind.Client && a.GetTagItem("server.port") is int port && port == server.BaseUri.Port)
            .OrderBy(a => a.StartTimeUtc).ToList();
        Assert.Equal(2, spans.Count);
        var operation = Assert.Single(seen, a => a.SpanId == spans[0].ParentSpanId);
        Assert.Equal(ActivityKind.Internal, operation.Kind);
        Assert.Equal("Elemente Calls.Create", operation.DisplayName);
        var mine = spans.Append(operation).ToList();
        Assert.All(spans, s => Assert.Equal(operation.SpanId, s.ParentSpanId));
        Assert.Equal(503, spans[0].GetTagItem("http.response.status_code"));
        Assert.Equal(200, spans[1].GetTagItem("http.response.status_code"));
        Assert.Equal(1, spans[1].GetTagItem("http.request.resend_count"));
        Assert.Equal("POST", spans[0].GetTagItem("http.request.method"));
        Assert.Equal(new Uri(server.BaseUri, "/api/v1/calls").ToString(), spans[0].GetTagItem("url.full"));

        var durations = measured.Where(m => Equals(m.Tags["server.port"], server.BaseUri.Port)).ToList();
        Assert.Equal(2, durations.Count);
        Assert.All(durations, m => Assert.True(m.Value > 0));

        var everything = string.Join("\n", logs.Records.Select(r => r.ToString() + string.Join(",", r.Properties.Values)))
            + string.Join("\n", mine.Select(a => a.DisplayName + string.Join(",", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))))
            + string.Join("\n", measured.SelectMany(m => m.Tags.Values));
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, everything);
        }
    }

    [Fact]
    public async Task Meter_Instruments_AreNamedUnderTheClientsOwnNamespace()
    {
        var instruments = new List<(string Name, string? Unit)>();
        var descriptions = new List<string?>();
        var measured = new List<string>();
        using var meter = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Elemente.Client")
                {
                    lock (instruments) { instruments.Add((instrument.Name, instrument.Unit)); descriptions.Add(instrument.Description); }
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meter.SetMeasurementEventCallback<double>((instrument, _, _, _) => { lock (measured) { measured.Add(instrument.Name); } });
        meter.Start();
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", """{"id":"i-1"}""");
        using var client = TestClients.With(mock);

        await client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None);

        // The meter is process-wide: clients of tests running at the same time keep adding to these lists, so each is
        // read as a copy taken under its lock.
        (string Name, string? Unit)[] published;
        string?[] described;
        string[] recorded;
        lock (instruments) { published = instruments.ToArray(); described = descriptions.ToArray(); }
        lock (measured) { recorded = measured.ToArray(); }

        // System.Net.Http already records http.client.request.duration on .NET 8+; a second instrument of that name
        // from another meter would be merged with it, or dropped, by exporters that key on the name.
        Assert.Contains(("elemente.client.request.duration", "s"), published);
        Assert.Contains("Duration of each HTTP request attempt to the Elemente API.", described);
        Assert.All(published, i => Assert.StartsWith("elemente.client.", i.Name, StringComparison.Ordinal));
        Assert.Contains("elemente.client.request.duration", recorded);
    }

    [Fact]
    public async Task CreateAsync_EachAttempt_LogsTheServersRequestId()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(
            context =>
            {
                context.Response.Headers["x-request-id"] = "req-first";
                context.Response.Headers.RetryAfter = "0";
                context.Response.StatusCode = 503;
                return Task.CompletedTask;
            },
            context =>
            {
                context.Response.Headers["x-request-id"] = "req-second";
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync("""{"id":"call-1"}""");
            });
        var logs = new CapturingLoggerProvider();
        using var client = new ElementeClient(server.Options(), logs.Factory);

        await client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None);

        var attempts = logs.Records.Where(r => r.EventName == "AttemptCompleted").ToList();
        Assert.Equal(new object?[] { "req-first", "req-second" }, attempts.Select(r => r.Properties.GetValueOrDefault("RequestId")));
        Assert.Contains("req-first", attempts[0].Message);
    }

    [Fact]
    public async Task CreateAsync_Failures_LogNoPersonalDataOrCredentials()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Status(500));
        var logs = new CapturingLoggerProvider();
        using var client = new ElementeClient(server.Options(), logs.Factory);

        await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.CreateAsync(PersonalRequest(), CancellationToken.None));

        Assert.Contains(logs.Records, r => r.EventName == "NotRetried");
        var everything = string.Join("\n", logs.Records.Select(r => r.ToString() + string.Join(",", r.Properties.Values)));
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, everything);
        }
    }

    [Fact]
    public async Task CreateAsync_LogPersonalDataOn_LogsBodiesAtDebugButNeverCredentials()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", """{"id":"i-1"}""");
        var logs = new CapturingLoggerProvider();
        var options = TestClients.Options();
        options.LogPersonalData = true;
        using var client = new ElementeClient(mock.ToHttpClient(), options, logs.Factory);

        await client.Calls.CreateAsync(PersonalRequest(), CancellationToken.None);

        var bodies = logs.Records.Where(r => r.EventName == "Body").ToList();
        Assert.Equal(2, bodies.Count);
        Assert.All(bodies, r => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, r.Level));
        Assert.Contains(Phone, bodies[0].Message);
        var everything = string.Join("\n", logs.Records.Select(r => r.ToString()));
        Assert.DoesNotContain(TestClients.Password, everything);
        Assert.DoesNotContain(TestClients.BasicToken, everything);
    }
}
