using System.Net;
using RichardSzalay.MockHttp;

namespace Elemente.Tests;

public class ErrorTests
{
    private static async Task<ElementeApiException> Fail(HttpStatusCode status, string? body, string mediaType = "application/json", string? requestId = null)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.CallsUrl).Respond(_ =>
        {
            var response = new HttpResponseMessage(status);
            if (body is not null)
            {
                response.Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType);
            }

            if (requestId is not null)
            {
                response.Headers.Add("x-request-id", requestId);
            }

            return response;
        });
        using var client = TestClients.With(mock);
        return await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None));
    }

    [Fact]
    public async Task CreateAsync_ServerReturns400WithReasonList_ThrowsWithReasons()
    {
        var error = await Fail(HttpStatusCode.BadRequest,
            """{"statusCode":400,"message":["agentId must be a UUID","customerOverride.phoneNumber must be a valid phone number"],"error":"Bad Request"}""",
            requestId: "req-42");

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(new[] { "agentId must be a UUID", "customerOverride.phoneNumber must be a valid phone number" }, error.Errors);
        Assert.Contains("agentId must be a UUID", error.Message);
        Assert.Contains("HTTP 400", error.Message);
        Assert.Contains("\"statusCode\":400", error.ResponseBody);
        Assert.Equal("req-42", error.RequestId);
    }

    [Fact]
    public async Task CreateAsync_ServerReturns400WithSingleMessage_ThrowsWithThatReason()
    {
        var error = await Fail(HttpStatusCode.BadRequest, """{"statusCode":400,"message":"Skill not found","error":"Bad Request"}""");

        Assert.Equal(new[] { "Skill not found" }, error.Errors);
        Assert.Contains("Skill not found", error.Message);
    }

    [Fact]
    public async Task CreateAsync_ServerReturns401WithoutBody_ThrowsWithStatus()
    {
        var error = await Fail(HttpStatusCode.Unauthorized, null);

        Assert.Equal(401, error.StatusCode);
        Assert.Empty(error.Errors);
        Assert.Contains("HTTP 401 (Unauthorized)", error.Message);
    }

    [Fact]
    public async Task CreateAsync_ServerReturns500Html_ThrowsWithRawBody()
    {
        var error = await Fail(HttpStatusCode.InternalServerError, "<html>oops</html>", "text/html");

        Assert.Equal(500, error.StatusCode);
        Assert.Equal("<html>oops</html>", error.ResponseBody);
        Assert.Empty(error.Errors);
    }

    [Fact]
    public async Task CreateAsync_ServerReturns403NestError_UsesErrorTitleWhenNoMessage()
    {
        var error = await Fail(HttpStatusCode.Forbidden, """{"statusCode":403,"error":"Forbidden"}""");

        Assert.Equal(new[] { "Forbidden" }, error.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"id\":")]
    [InlineData("[1,2]")]
    [InlineData("{\"status\":\"completed\"}")]
    public async Task CreateAsync_SuccessWithUnreadableBody_ThrowsApiExceptionWithRawBody(string body)
    {
        var error = await Fail(HttpStatusCode.OK, body);

        Assert.Equal(200, error.StatusCode);
        Assert.Equal(body, error.ResponseBody ?? string.Empty);
        Assert.Contains("cannot read", error.Message);
    }

    [Fact]
    public async Task CreateAsync_AnyError_NeverShowsCredentials()
    {
        var error = await Fail(HttpStatusCode.BadRequest, """{"statusCode":400,"message":["bad"],"error":"Bad Request"}""");

        foreach (var text in new[] { error.ToString(), error.Message, error.ResponseBody ?? "" })
        {
            Assert.DoesNotContain(TestClients.Password, text);
            Assert.DoesNotContain(TestClients.BasicToken, text);
        }
    }

    [Fact]
    public async Task CreateAsync_CancelledToken_SendsNothing()
    {
        var mock = new MockHttpMessageHandler();
        var sent = mock.When("*").Respond("application/json", """{"id":"i-1"}""");
        using var client = TestClients.With(mock);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Calls.CreateAsync(TestClients.MinimalRequest(), cancelled.Token));

        Assert.Equal(0, mock.GetMatchCount(sent));
    }

    [Fact]
    public void Options_ToString_HidesCredentials()
    {
        var text = TestClients.Options().ToString();

        Assert.DoesNotContain(TestClients.Password, text);
        Assert.DoesNotContain(TestClients.Username, text);
        Assert.Contains("Password = (set)", text);
    }

    [Theory]
    [InlineData("http://api.elemente.ai", "https")]
    [InlineData("/relative", "absolute")]
    public void Constructor_UnsafeOrRelativeBaseUri_Refuses(string uri, string reason)
    {
        var options = TestClients.Options();
        options.BaseUri = new Uri(uri, UriKind.RelativeOrAbsolute);

        var error = Assert.Throws<ArgumentException>(() => new ElementeClient(options));

        Assert.Equal("BaseUri", error.ParamName);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData(null, "p", "Username")]
    [InlineData("u", null, "Password")]
    [InlineData("a:b", "p", "Username")]
    public void Constructor_MissingOrInvalidCredentials_NamesTheSetting(string? username, string? password, string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => new ElementeClient(new ElementeClientOptions { Username = username, Password = password }));

        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void Constructor_HttpToLoopback_IsAllowedForLocalFakes()
    {
        var options = TestClients.Options();
        options.BaseUri = new Uri("http://127.0.0.1:5080");

        using var client = new ElementeClient(options);

        Assert.NotNull(client.Calls);
    }
}
