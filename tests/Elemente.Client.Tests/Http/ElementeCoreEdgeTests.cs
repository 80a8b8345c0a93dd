using System.Net;
using Elemente.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Elemente.Tests;

/// <summary>
/// The runtime at its edges, where mutation testing (tests/mutation) found nothing checked: the status boundaries,
/// bodies that arrive without a length, lie about it or never end, the caps, who disposes what, the caller's
/// cancellation, timeouts reported by the layers below the client, and the reasons a retry logs.
/// </summary>
public class ElementeCoreEdgeTests
{
    private const string Json = """{"a":1}""";

    [Fact]
    public async Task SendAsync_Status299_IsASuccess()
    {
        using var core = Core(LambdaTransport.Answering(_ => LambdaTransport.Json(Json, (HttpStatusCode)299)));

        var response = await core.SendAsync<JObject>(Get(), CancellationToken.None);

        Assert.Equal(299, response.StatusCode);
        Assert.Equal(1, (int)response.Value["a"]!);
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(399, true)]
    [InlineData(400, false)]
    [InlineData(199, false)]
    public async Task SendAsync_StatusOutside2xx_IsAnErrorThatSpeaksOfRedirectsOnlyFor3xx(int status, bool speaksOfRedirects)
    {
        using var core = Core(LambdaTransport.Answering(_ => LambdaTransport.Json(Json, (HttpStatusCode)status)));

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => core.SendAsync<JObject>(Get(), CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(speaksOfRedirects, error.Message.Contains("does not follow redirects", StringComparison.Ordinal));
        Assert.Equal(Json, error.ResponseBody);
    }

    [Fact]
    public async Task SendAsync_RequestWithoutBody_SendsNoContent()
    {
        var contents = new List<HttpContent?>();
        using var core = Core(new LambdaTransport((request, _, _) =>
        {
            contents.Add(request.Content);
            return Task.FromResult(LambdaTransport.Json(Json));
        }));

        await core.SendAsync<JObject>(Get(), CancellationToken.None);

        Assert.Null(Assert.Single(contents));
    }

    [Fact]
    public void Dispose_DisposesTheTransportItWasGiven()
    {
        var transport = LambdaTransport.Answering(_ => LambdaTransport.Json(Json));
        var core = Core(transport);

        core.Dispose();

        Assert.True(transport.Disposed);
    }

    [Fact]
    public async Task SendAsync_TokenAlreadyCancelled_TheTransportIsNeverCalledEvenIfItIgnoresTokens()
    {
        var transport = LambdaTransport.Answering(_ => LambdaTransport.Json(Json));
        using var core = Core(transport);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => core.SendAsync<JObject>(Post(), cancel.Token));

        Assert.Equal(0, transport.Calls);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsAndTheTransportThrowsACancellation_ThatExceptionReachesTheCaller()
    {
        var thrown = new TaskCanceledException("cancelled in the transport");
        using var cancel = new CancellationTokenSource();
        using var core = Core(new LambdaTransport((_, _, _) =>
        {
            cancel.Cancel();
            throw thrown;
        }));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => core.SendAsync<JObject>(Post(), cancel.Token));

        Assert.Same(thrown, error);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsAndTheTransportThrowsSomethingElse_IsTheCallersCancellationWrappingIt()
    {
        // On netstandard2.0 a stream aborted by the token can fail with an IOException instead of a cancellation.
        var thrown = new IOException("the stream was closed");
        using var cancel = new CancellationTokenSource();
        using var core = Core(new LambdaTransport((_, _, _) =>
        {
            cancel.Cancel();
            throw thrown;
        }));

        var error = await Assert.ThrowsAsync<OperationCanceledException>(() => core.SendAsync<JObject>(Post(), cancel.Token));

        Assert.Equal("The operation was cancelled by the caller.", error.Message);
        Assert.Same(thrown, error.InnerException);
        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1000)]
    public async Task SendAsync_BodyWithoutContentLengthLargerThanTheFirstBuffer_IsReadWhole(int maxPerRead)
    {
        var text = new string('z', 40_000);
        var json = $$"""{"text":"{{text}}"}""";
        using var core = Core(LambdaTransport.Answering(_ => LambdaTransport.WithBody(new TrackingContent(new GeneratedStream(json, json.Length) { MaxPerRead = maxPerRead }))));

        var response = await core.SendAsync<JObject>(Get(), CancellationToken.None);

        Assert.Equal(text, (string?)response.Value["text"]);
    }

    [Fact]
    public async Task SendAsync_OneByteBodyWithItsContentLength_IsRead()
    {
        using var core = Core(LambdaTransport.Answering(_ => LambdaTransport.WithBody(new TrackingContent(GeneratedStream.Of("7"), contentLength: 1))));

        var response = await core.SendAsync<JToken>(Get(), CancellationToken.None);

        Assert.Equal(7, (int)response.Value);
    }

    [Fact]
    public async Task SendAsync_ContentLengthClaimsFarMoreThanTheBody_ReadsTheBodyThatCame()
    {
        // The length is the server's claim: a 3 GB one must not size (or overflow) the buffer.
        using var core = Core(LambdaTransport.Answering(_ => LambdaTransport.WithBody(new TrackingContent(GeneratedStream.Of(Json), contentLength: 3_000_000_000))));

        var response = await core.SendAsync<JObject>(Get(), CancellationToken.None);

        Assert.Equal(1, (int)response.Value["a"]!);
    }

    [Theory]
    [InlineData("POST", true)]
    [InlineData("GET", false)]
    public async Task SendAsync_SuccessBodyOfTheCapOrMore_IsAnErrorNamingTheCap(string method, bool outcomeUnknown)
    {
        // Reading 64 MB takes well under a second on an idle machine and far longer on a loaded one: the deadline is not
        // what this test is about, so it is far above either.
        var body = new GeneratedStream("{\"text\":\"", ElementeCore.MaxBodyBytes + 1);
        using var core = Core(LambdaTransport.Answering(_ => LambdaTransport.WithBody(new TrackingContent(body), HttpStatusCode.Created)), o => { o.MaxRetries = 0; o.Timeout = TimeSpan.FromMinutes(5); });

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => core.SendAsync<JObject>(method == "POST" ? Post() : Get(), CancellationToken.None));

        Assert.Contains($"The body is larger than {ElementeCore.MaxBodyBytes} bytes.", error.Message, StringComparison.Ordinal);
        Assert.Equal(201, error.StatusCode);
        Assert.Equal(outcomeUnknown, error.OutcomeUnknown);
        Assert.Equal(ElementeCore.MaxBodyBytes, body.BytesRead);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(404)]
    [InlineData(500)]
    public async Task SendAsync_ErrorBody_IsReadOnlyUpToItsCap(int status)
    {
        var body = new GeneratedStream("{\"message\":\"", 8 * 1024 * 1024);
        using var core = Core(LambdaTransport.Answering(_ => LambdaTransport.WithBody(new TrackingContent(body), (HttpStatusCode)status)), o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => core.SendAsync<JObject>(Post(), CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(ElementeCore.MaxErrorBodyBytes, error.ResponseBody!.Length);
        Assert.Equal(ElementeCore.MaxErrorBodyBytes, body.BytesRead);
    }

    [Fact]
    public async Task SendAsync_BodyThatTheDeadlineEndsLikeACleanEnd_IsATimeoutNotAShortBody()
    {
        // A stream that ignores the token and, once the deadline disposes the response, reads as ended: what
        // netstandard2.0's content streams can do. The half body must not be taken for the whole one.
        var body = new GeneratedStream("{\"a\":1", 1000) { StallAfter = 6 };
        using var core = Core(LambdaTransport.Answering(_ => LambdaTransport.WithBody(new TrackingContent(body))), o => { o.Timeout = TimeSpan.FromMilliseconds(300); o.MaxRetries = 0; });

        var error = await Assert.ThrowsAsync<ElementeTimeoutException>(() => core.SendAsync<JObject>(Post(), CancellationToken.None));

        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task SendAsync_BodyFailsMidRead_TheResponseIsDisposed()
    {
        var content = new TrackingContent(new GeneratedStream("{\"a\":", 1000) { FailAfter = 5 });
        using var core = Core(LambdaTransport.Answering(_ => LambdaTransport.WithBody(content)));

        var error = await Assert.ThrowsAsync<ElementeConnectionException>(() => core.SendAsync<JObject>(Post(), CancellationToken.None));

        Assert.True(error.OutcomeUnknown);
        Assert.True(content.Disposed, "a response whose body failed holds its connection until it is disposed");
    }

    [Fact]
    public async Task SendAsync_RetriedAnswer_IsDisposedAndTheFinalOneToo()
    {
        var contents = new List<TrackingContent>();
        using var core = Core(LambdaTransport.Answering(n =>
        {
            var content = TrackingContent.Of(n == 1 ? """{"statusCode":503}""" : Json);
            contents.Add(content);
            return LambdaTransport.WithBody(content, n == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
        }));

        var response = await core.SendAsync<JObject>(Get(), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, contents.Count);
        Assert.True(contents[0].Disposed, "the retried 503");
        Assert.True(contents[1].Disposed, "the answer, once read");
    }

    [Theory]
    [MemberData(nameof(FailuresBelowTheClient))]
    public async Task SendAsync_GetFailsBelowTheClient_RetriedWithItsReason(string failure, string reason)
    {
        var logs = new CapturingLoggerProvider();
        using var core = Core(Failing(failure, times: 1), o => o.Timeout = TimeoutFor(failure), logs);

        var response = await core.SendAsync<JObject>(Get(), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(reason, Assert.Single(logs.Records, r => r.EventName == "Retrying").Properties["RetryReason"]);
    }

    [Theory]
    [MemberData(nameof(FailuresBelowTheClient))]
    public async Task SendAsync_PostFailsBelowTheClient_NotRetriedAndOutcomeUnknown(string failure, string reason)
    {
        _ = reason;
        var transport = Failing(failure, times: 1);
        using var core = Core(transport, o => o.Timeout = TimeoutFor(failure));

        var error = await Assert.ThrowsAnyAsync<ElementeException>(() => core.SendAsync<JObject>(Post(), CancellationToken.None));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, transport.Calls);
        Assert.IsType(failure == "reset" ? typeof(ElementeConnectionException) : typeof(ElementeTimeoutException), error);
        if (error is ElementeTimeoutException timeout)
        {
            // A caller's HttpClient reports its own Timeout; any other timeout below the client, the client's.
            Assert.Equal(failure == "caller's HttpClient timeout" ? TimeSpan.FromSeconds(7) : TimeoutFor(failure), timeout.Timeout);
        }
    }

    [Theory]
    [MemberData(nameof(FailuresBelowTheClient))]
    public async Task SendAsync_GetFailsBelowTheClientEveryTime_OutcomeKnown(string failure, string reason)
    {
        _ = reason;
        var transport = Failing(failure, times: int.MaxValue);
        using var core = Core(transport, o => { o.MaxRetries = 1; o.Timeout = TimeoutFor(failure); });

        var error = await Assert.ThrowsAnyAsync<ElementeException>(() => core.SendAsync<JObject>(Get(), CancellationToken.None));

        Assert.False(error.OutcomeUnknown);
        Assert.Equal(2, transport.Calls);
    }

    public static TheoryData<string, string> FailuresBelowTheClient() => new()
    {
        { "the client's deadline", "the attempt timed out" },
        { "caller's HttpClient timeout", "the attempt timed out" },
        { "a handler's TimeoutException", "the attempt timed out" },
        { "a handler's cancellation nobody asked for", "the attempt timed out" },
        { "reset", "the connection failed" },
    };

    /// <summary>Short where the client's own deadline is the failure (nothing else ends the attempt), long elsewhere.</summary>
    private static TimeSpan TimeoutFor(string failure) => failure == "the client's deadline" ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(9);

    private static LambdaTransport Failing(string failure, int times) => new(async (_, n, token) =>
    {
        if (n > times)
        {
            return LambdaTransport.Json(Json);
        }

        switch (failure)
        {
            case "the client's deadline":
                await Task.Delay(Timeout.Infinite, token);
                break;
            case "caller's HttpClient timeout":
                throw new CallerTimeoutException(TimeSpan.FromSeconds(7), new TaskCanceledException());
            case "a handler's TimeoutException":
                throw new TimeoutException("a handler below the client gave up");
            case "a handler's cancellation nobody asked for":
                throw new TaskCanceledException("a handler below the client gave up");
        }

        throw new HttpRequestException("reset", new IOException("The connection was reset by the test."));
    });

    private static ElementeCore Core(HttpMessageHandler transport, Action<ElementeClientOptions>? configure = null, CapturingLoggerProvider? logs = null)
    {
        var options = TestClients.Options();
        options.RetryDelay = TimeSpan.FromMilliseconds(1);
        options.Timeout = TimeSpan.FromSeconds(5);
        configure?.Invoke(options);

        ILogger logger = logs is null ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : logs.Factory.CreateLogger("Elemente.Client");
        return new ElementeCore(options.ValidatedCopy(), transport, logger);
    }

    private static ElementeRequest Get() => new ElementeRequest(HttpMethods.Get, "Test.Get").AppendPath("x");

    private static ElementeRequest Post() => new ElementeRequest(HttpMethods.Post, "Test.Post").AppendPath("x").SetBody(new { }, "body");
}
