using System.Net;
using Elemente.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace Elemente.Tests;

/// <summary>
/// What the runtime sends and reports, through a mocked transport: the address under a base path, the retry schedule
/// and its log, bodies that hold no value, capped error bodies, redirects, and bodies that cannot be written.
/// </summary>
public class ElementeCoreTests
{
    private const string Api = "https://api.elemente.ai/";

    [Theory]
    [InlineData("https://api.elemente.ai/tenant-7")]
    [InlineData("https://api.elemente.ai/tenant-7/")]
    public async Task SendAsync_BaseUriWithAPath_RequestGoesUnderThatPath(string baseUri)
    {
        var mock = new MockHttpMessageHandler();
        var call = mock.When(HttpMethod.Get, "https://api.elemente.ai/tenant-7/api/v1/calls/c-1").Respond("application/json", """{"id":"c-1"}""");
        using var core = Core(mock, o => o.BaseUri = new Uri(baseUri));

        var response = await core.SendAsync<JObject>(Get("api/v1/calls/c-1"), CancellationToken.None);

        Assert.Equal("c-1", (string?)response.Value["id"]);
        Assert.Equal(1, mock.GetMatchCount(call));
    }

    [Fact]
    public async Task SendAsync_TwoTransientFailures_LogsAttempts2And3WithJitteredDelays()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, Api + "x").Respond(HttpStatusCode.ServiceUnavailable);
        mock.Expect(HttpMethod.Get, Api + "x").Respond(HttpStatusCode.BadGateway);
        mock.Expect(HttpMethod.Get, Api + "x").Respond("application/json", "{}");
        var logs = new CapturingLoggerProvider();
        using var core = Core(mock, o => o.RetryDelay = TimeSpan.FromMilliseconds(40), logs);

        var response = await core.SendAsync<JObject>(Get("x"), CancellationToken.None);

        mock.VerifyNoOutstandingExpectation();
        Assert.Equal(200, response.StatusCode);
        var retries = logs.Records.Where(r => r.EventName == "Retrying").ToList();
        Assert.Equal(new object[] { 2, 3 }, retries.Select(r => r.Properties["Attempt"]));
        Assert.Equal(new object[] { "503", "502" }, retries.Select(r => r.Properties["RetryReason"]));
        // Without jitter the delays would be exactly 40 and 80 ms; with it, clients that failed together spread out.
        Assert.NotEqual(new object[] { 40L, 80L }, retries.Select(r => r.Properties["DelayMilliseconds"]));
        Assert.All(retries, r => Assert.InRange((long)r.Properties["DelayMilliseconds"]!, 0L, 30_000L));
    }

    [Fact]
    public async Task SendAsync_RetryAfterEqualToMaxRetryDelay_IsRetried()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, Api + "x").Respond(_ => Status(HttpStatusCode.ServiceUnavailable, retryAfterSeconds: 1));
        mock.Expect(HttpMethod.Post, Api + "x").Respond("application/json", "{}");
        using var core = Core(mock, o => { o.RetryDelay = TimeSpan.FromMilliseconds(1); o.MaxRetryDelay = TimeSpan.FromSeconds(1); });

        await core.SendAsync<JObject>(Post("x"), CancellationToken.None);

        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task SendAsync_PostAnswered500_NotRetriedAndLoggedAsPossiblyProcessed()
    {
        var mock = new MockHttpMessageHandler();
        var post = mock.When(HttpMethod.Post, Api + "x").Respond(HttpStatusCode.InternalServerError);
        var logs = new CapturingLoggerProvider();
        using var core = Core(mock, o => o.RetryDelay = TimeSpan.FromMilliseconds(1), logs);

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => core.SendAsync<JObject>(Post("x"), CancellationToken.None));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, mock.GetMatchCount(post));
        var notRetried = Assert.Single(logs.Records, r => r.EventName == "NotRetried");
        Assert.Equal("it was sent and may have been processed: ElementeApiException", notRetried.Properties["Reason"]);
    }

    [Fact]
    public async Task SendAsync_GetAnswered404_NotLoggedAsPossiblyProcessed()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, Api + "x").Respond(HttpStatusCode.NotFound);
        var logs = new CapturingLoggerProvider();
        using var core = Core(mock, o => { }, logs);

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => core.SendAsync<JObject>(Get("x"), CancellationToken.None));

        Assert.False(error.OutcomeUnknown);
        Assert.DoesNotContain(logs.Records, r => r.EventName == "NotRetried");
        Assert.Equal("The Elemente API answered HTTP 404 (NotFound).", error.Message);
    }

    [Theory]
    [InlineData("", "The body is empty.")]
    [InlineData("null", "The body is null.")]
    public async Task SendAsync_CreateAnswered2xxWithoutAValue_IsAnErrorThatMayHaveCreated(string body, string reason)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, Api + "x").Respond(HttpStatusCode.Created, "application/json", body);
        using var core = Core(mock, o => { });

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => core.SendAsync<Interaction>(Post("x"), CancellationToken.None));

        Assert.Equal(201, error.StatusCode);
        Assert.True(error.OutcomeUnknown);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task SendAsync_UntypedAnswerWithoutBody_IsNullWithItsStatus()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, Api + "x").Respond(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var core = Core(mock, o => { });

        var response = await core.SendAsync<object>(Get("x"), CancellationToken.None);

        Assert.Null(response.Value);
        Assert.Equal(204, response.StatusCode);
    }

    [Fact]
    public async Task SendAsync_UntypedAnswerWithBody_IsParsed()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, Api + "x").Respond("application/json", """{"a":1}""");
        using var core = Core(mock, o => { });

        var response = await core.SendAsync<object>(Get("x"), CancellationToken.None);

        Assert.Equal(1, (int)((JObject)response.Value)["a"]!);
    }

    [Fact]
    public async Task SendAsync_LargeErrorBody_KeepsExactlyTheFirst64KiB()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, Api + "x").Respond(HttpStatusCode.BadRequest, "text/plain", new string('x', 100_000));
        using var core = Core(mock, o => { });

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => core.SendAsync<JObject>(Get("x"), CancellationToken.None));

        Assert.Equal(ElementeCore.MaxErrorBodyBytes, error.ResponseBody!.Length);
    }

    [Fact]
    public async Task SendAsync_ErrorBodyWithinTheCap_IsKeptWhole()
    {
        var body = new string('y', 20_000) + "end";
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, Api + "x").Respond(HttpStatusCode.BadRequest, "text/plain", body);
        using var core = Core(mock, o => { });

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => core.SendAsync<JObject>(Get("x"), CancellationToken.None));

        Assert.Equal(body, error.ResponseBody);
    }

    [Fact]
    public async Task SendAsync_SuccessBodyLargerThanTheFirstBuffer_IsReadWhole()
    {
        var text = new string('z', 200_000);
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, Api + "x").Respond("application/json", $$"""{"text":"{{text}}"}""");
        using var core = Core(mock, o => { });

        var response = await core.SendAsync<JObject>(Get("x"), CancellationToken.None);

        Assert.Equal(text, (string?)response.Value["text"]);
    }

    [Theory]
    [InlineData("https://elsewhere.example/x", "(the API asked to go to https://elsewhere.example/x)")]
    [InlineData(null, "(the API asked to go to (no Location))")]
    public async Task SendAsync_Redirect_IsAnErrorNamingTheLocation(string? location, string expected)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, Api + "x").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Found);
            if (location is not null)
            {
                response.Headers.Location = new Uri(location);
            }

            return response;
        });
        using var core = Core(mock, o => { });

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => core.SendAsync<JObject>(Get("x"), CancellationToken.None));

        Assert.Equal(302, error.StatusCode);
        Assert.Contains("The client does not follow redirects " + expected, error.Message);
        Assert.False(error.OutcomeUnknown);
    }

    [Fact]
    public async Task SendAsync_BodyThatCannotBeWritten_IsAValidationErrorAndSendsNothing()
    {
        var loop = new Node();
        loop.Next = loop;
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond("application/json", "{}");
        using var core = Core(mock, o => { });
        var request = new ElementeRequest(HttpMethods.Post, "Test.Post").AppendPath("x").SetBody(loop, "input");

        var error = await Assert.ThrowsAsync<ElementeValidationException>(() => core.SendAsync<JObject>(request, CancellationToken.None));

        var problem = Assert.Single(error.Errors);
        Assert.StartsWith("input: cannot be written as JSON (", problem);
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    [Fact]
    public async Task SendAsync_InfiniteTimeout_Answers()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, Api + "x").Respond("application/json", "{}");
        using var core = Core(mock, o => o.Timeout = Timeout.InfiniteTimeSpan);

        var response = await core.SendAsync<JObject>(Get("x"), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
    }

    private static ElementeCore Core(MockHttpMessageHandler mock, Action<ElementeClientOptions> configure, CapturingLoggerProvider? logs = null)
    {
        var options = TestClients.Options();
        configure(options);
        ILogger logger = logs is null ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : logs.Factory.CreateLogger("Elemente.Client");
        return new ElementeCore(options.ValidatedCopy(), mock, logger);
    }

    private static HttpResponseMessage Status(HttpStatusCode status, int retryAfterSeconds)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfterSeconds));
        return response;
    }

    private static ElementeRequest Get(string path) => new ElementeRequest(HttpMethods.Get, "Test.Get").AppendPath(path);

    private static ElementeRequest Post(string path) => new ElementeRequest(HttpMethods.Post, "Test.Post").AppendPath(path).SetBody(new { }, "body");

    private sealed class Node
    {
        public Node? Next { get; set; }
    }
}
