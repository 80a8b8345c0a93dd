using System.Net;
using Elemente.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Elemente.Tests;

/// <summary>
/// Retries against a real socket: a POST creates an interaction (a customer gets called), so it is sent again only
/// when the API provably did not process it. Each test counts what the server received.
/// </summary>
public class RetryTests
{
    private static Task<Interaction> Create(ElementeClient client) => client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None);

    [Fact]
    public async Task CreateAsync_TimeoutAfterRequestArrived_SentOnceAndOutcomeUnknown()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Hang());
        using var client = new ElementeClient(server.Options(timeout: TimeSpan.FromSeconds(1)));

        var error = await Assert.ThrowsAsync<ElementeTimeoutException>(() => Create(client));

        Assert.Equal(1, server.Received("POST"));
        Assert.True(error.OutcomeUnknown);
        Assert.Contains("may have been created", error.Message);
    }

    [Fact]
    public async Task CreateAsync_ConnectionResetAfterRequestArrived_SentOnceAndOutcomeUnknown()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Reset());
        using var client = new ElementeClient(server.Options());

        var error = await Assert.ThrowsAsync<ElementeConnectionException>(() => Create(client));

        Assert.Equal(1, server.Received("POST"));
        Assert.True(error.OutcomeUnknown);
        Assert.Contains("may have been created", error.Message);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task CreateAsync_ServerErrorAfterRequestArrived_SentOnceAndOutcomeUnknown(int status)
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Status(status));
        using var client = new ElementeClient(server.Options());

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => Create(client));

        Assert.Equal(1, server.Received("POST"));
        Assert.Equal(status, error.StatusCode);
        Assert.True(error.OutcomeUnknown);
        Assert.Contains("may have been created", error.Message);
        Assert.Equal(new[] { $"scripted {status}" }, error.Errors);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task CreateAsync_RefusedWithRetryAfter_RetriedAndSucceeds(int status)
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Status(status, retryAfter: "0"));
        using var client = new ElementeClient(server.Options());

        var call = await Create(client);

        Assert.Equal("call-1", call.Id);
        Assert.Equal(2, server.Received("POST"));
    }

    [Fact]
    public async Task CreateAsync_RetryAfterSeconds_WaitsAsAsked()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Status(429, retryAfter: "1"));
        var logs = new CapturingLoggerProvider();
        using var client = new ElementeClient(server.Options(), logs.Factory);

        await Create(client);

        var retry = Assert.Single(logs.Records, r => r.EventName == "Retrying");
        Assert.Equal(1000L, retry.Properties["DelayMilliseconds"]);
        Assert.Equal("429 with Retry-After", retry.Properties["RetryReason"]);
    }

    [Fact]
    public async Task CreateAsync_429WithoutRetryAfter_NotRetried()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Status(429));
        using var client = new ElementeClient(server.Options());

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => Create(client));

        Assert.Equal(1, server.Received("POST"));
        Assert.Equal(429, error.StatusCode);
        Assert.False(error.OutcomeUnknown);
    }

    [Fact]
    public async Task CreateAsync_RetryAfterBeyondCap_NotRetried()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Status(503, retryAfter: "3600"));
        using var client = new ElementeClient(server.Options());

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => Create(client));

        Assert.Equal(1, server.Received("POST"));
        Assert.Equal(503, error.StatusCode);
        Assert.False(error.OutcomeUnknown);
    }

    [Fact]
    public async Task CreateAsync_RetryAfterStillRefusing_StopsAfterMaxRetries()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Status(429, "0"), FaultServer.Status(429, "0"), FaultServer.Status(429, "0"), FaultServer.Status(429, "0"));
        using var client = new ElementeClient(server.Options(maxRetries: 2));

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => Create(client));

        Assert.Equal(3, server.Received("POST"));
        Assert.Equal(429, error.StatusCode);
    }

    [Fact]
    public async Task CreateAsync_400_NotRetried()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Status(400));
        using var client = new ElementeClient(server.Options());

        await Assert.ThrowsAsync<ElementeApiException>(() => Create(client));

        Assert.Equal(1, server.Received("POST"));
    }

    [Fact]
    public async Task CreateAsync_ConnectionRefused_RetriedAndNotUnknown()
    {
        var options = TestClients.Options();
        options.BaseUri = new Uri($"http://127.0.0.1:{TestClients.ClosedPort()}");
        options.RetryDelay = TimeSpan.FromMilliseconds(10);
        var logs = new CapturingLoggerProvider();
        using var client = new ElementeClient(options, logs.Factory);

        var error = await Assert.ThrowsAsync<ElementeConnectionException>(() => Create(client));

        Assert.False(error.OutcomeUnknown);
        Assert.Equal(3, logs.Records.Count(r => r.EventName == "AttemptFailed"));
        Assert.All(logs.Records.Where(r => r.EventName == "Retrying"), r => Assert.Equal("the connection could not be established", r.Properties["RetryReason"]));
    }

    [Fact]
    public async Task CreateAsync_CallerCancels_OperationCanceledNotTimeout()
    {
        await using var server = await FaultServer.StartAsync();
        using var cancel = new CancellationTokenSource();
        // Cancel once the server holds the request, not after a fixed delay: on a loaded machine 200 ms could pass
        // before the request arrived, and then nothing was received (seen in the netstandard2.0 run).
        server.Then(context =>
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(50));
            return FaultServer.Hang()(context);
        });
        using var client = new ElementeClient(server.Options());
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Calls.CreateAsync(TestClients.MinimalRequest(), cancel.Token));

        // The client's own Timeout is 30 s: a cancellation that ended long before it came from the caller's token.
        Assert.True(error.CancellationToken.IsCancellationRequested, "the exception carries no cancelled token");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"cancelling took {started.Elapsed}");
        Assert.Equal(1, server.Received("POST"));
    }

    [Theory]
    [InlineData("500")]
    [InlineData("502")]
    [InlineData("503")]
    [InlineData("504")]
    [InlineData("408")]
    [InlineData("429")]
    [InlineData("reset")]
    [InlineData("timeout")]
    public async Task Core_IdempotentGetWithTransientFailures_RetriedUpToMaxRetries(string fault)
    {
        await using var server = await FaultServer.StartAsync();
        Func<Microsoft.AspNetCore.Http.HttpContext, Task> step = fault switch
        {
            "reset" => FaultServer.Reset(),
            "timeout" => FaultServer.Hang(),
            _ => FaultServer.Status(int.Parse(fault, System.Globalization.CultureInfo.InvariantCulture)),
        };
        server.Then(step, step, step, step);
        // Long enough for each request to reach the server even on a loaded machine.
        using var core = Core(server.Options(maxRetries: 2, timeout: TimeSpan.FromSeconds(fault == "timeout" ? 2 : 10)));

        var error = await Assert.ThrowsAnyAsync<ElementeException>(() => core.SendAsync<object>(Get("api/v1/calls/call-1"), CancellationToken.None));

        var expected = fault switch
        {
            "reset" => typeof(ElementeConnectionException),
            "timeout" => typeof(ElementeTimeoutException),
            _ => typeof(ElementeApiException),
        };
        Assert.IsType(expected, error);
        Assert.False(error.OutcomeUnknown, "a GET's outcome is never unknown");

        Assert.Equal(3, server.Received("GET"));
    }

    [Fact]
    public async Task Core_IdempotentGetTransientThenSuccess_Succeeds()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Status(502), FaultServer.Reset());
        using var core = Core(server.Options(maxRetries: 2));

        var response = await core.SendAsync<Newtonsoft.Json.Linq.JObject>(Get("api/v1/calls/call-1"), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("call-1", (string?)response.Value["id"]);
        Assert.Equal(3, server.Received("GET"));
    }

    [Fact]
    public async Task Core_PostThroughCore_SameRulesAsGeneratedClient()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Status(502));
        using var core = Core(server.Options(maxRetries: 2));
        var post = new ElementeRequest(HttpMethods.Post, "Test.Post").AppendPath("api/v1/anything").SetBody(new { }, "body");

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => core.SendAsync<object>(post, CancellationToken.None));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, server.Received("POST"));
    }

    [Fact]
    public async Task Core_MaxRetriesZero_NeverRetries()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Status(503), FaultServer.Status(503));
        using var core = Core(server.Options(maxRetries: 0));

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => core.SendAsync<object>(Get("x"), CancellationToken.None));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(1, server.Received("GET"));
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData("0", 0)]
    public void RetryAfter_Seconds_AreRead(string header, int seconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", header);

        Assert.Equal(TimeSpan.FromSeconds(seconds), Failures.RetryAfter(response, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void RetryAfter_HttpDate_IsTheTimeUntilThen()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(2));

        var wait = Failures.RetryAfter(response, DateTimeOffset.UtcNow)!.Value;

        Assert.InRange(wait, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(120));
    }

    private static ElementeCore Core(ElementeClientOptions options)
    {
        var settings = options.ValidatedCopy();
        return new ElementeCore(settings, Transport.Create(settings), NullLogger.Instance);
    }

    private static ElementeRequest Get(string path) => new ElementeRequest(HttpMethods.Get, "Test.Get").AppendPath(path);
}
