using System.Net;
using RichardSzalay.MockHttp;

namespace Elemente.Tests;

/// <summary>Get call (<c>GET /api/v1/calls/{id}</c>), taken in through <c>update</c> and generated like every operation.</summary>
public class GetCallTests
{
    private const string CallJson = """{"id":"call-7","status":"completed","duration":42}""";

    [Fact]
    public async Task GetAsync_Id_SendsGetToTheCallAndParsesIt()
    {
        var mock = new MockHttpMessageHandler();
        var get = mock.Expect(HttpMethod.Get, TestClients.CallsUrl + "/call-7")
            .WithHeaders("Authorization", "Basic " + TestClients.BasicToken)
            .Respond("application/json", CallJson);
        using var client = TestClients.With(mock);

        var call = await client.Calls.GetAsync("call-7", CancellationToken.None);

        Assert.Equal("call-7", call.Id);
        Assert.Equal(InteractionStatus.Completed, call.Status);
        Assert.Equal(TimeSpan.FromSeconds(42), call.DurationTimeSpan);
        mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task GetWithResponseAsync_Id_ReturnsTheCallWithItsHttpDetails()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, TestClients.CallsUrl + "/call-7")
            .Respond(HttpStatusCode.OK, new[] { new KeyValuePair<string, string>("x-request-id", "req-9") }, "application/json", CallJson);
        using var client = TestClients.With(mock);

        var response = await client.Calls.GetWithResponseAsync("call-7");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("req-9", response.RequestId);
        Assert.Equal("call-7", response.Value.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task GetAsync_EmptyId_ThrowsValidationNamingIdAndSendsNothing(string? id)
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond("application/json", CallJson);
        using var client = TestClients.With(mock);

        var error = await Assert.ThrowsAsync<ElementeValidationException>(() => client.Calls.GetAsync(id!, CancellationToken.None));

        Assert.Equal("id", error.ParamName);
        Assert.Contains(error.Errors, e => e.StartsWith("id:", StringComparison.Ordinal));
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    [Theory]
    [InlineData("../agents", "https://api.elemente.ai/api/v1/calls/..%2Fagents")]
    [InlineData("a/b?c", "https://api.elemente.ai/api/v1/calls/a%2Fb%3Fc")]
    [InlineData("%2E%2E", "https://api.elemente.ai/api/v1/calls/%252E%252E")]
    [InlineData("a b#c", "https://api.elemente.ai/api/v1/calls/a%20b%23c")]
    public async Task GetAsync_IdWithPathCharacters_IsEscapedAndNeverChangesThePath(string id, string expected)
    {
        Uri? sent = null;
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(request =>
        {
            sent = request.RequestUri;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(CallJson, System.Text.Encoding.UTF8, "application/json") };
        });
        using var client = TestClients.With(mock);

        await client.Calls.GetAsync(id, CancellationToken.None);

        Assert.NotNull(sent);
        Assert.Equal(expected, sent!.OriginalString);
        Assert.Equal(expected, sent.AbsoluteUri);
        Assert.Equal("/api/v1/calls/", sent.AbsolutePath.Substring(0, "/api/v1/calls/".Length));
        Assert.Equal(5, sent.Segments.Length);
        Assert.Empty(sent.Query);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task GetAsync_DotSegmentId_ThrowsValidationAndSendsNothing(string id)
    {
        // System.Uri removes "..", even escaped as %2E%2E, so GET /api/v1/calls/.. would reach /api/v1/.
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond("application/json", CallJson);
        using var client = TestClients.With(mock);

        var error = await Assert.ThrowsAsync<ElementeValidationException>(() => client.Calls.GetAsync(id, CancellationToken.None));

        Assert.Equal("id", error.ParamName);
        Assert.Equal("id: must not be '.' or '..' (it would change the request's path)", Assert.Single(error.Errors));
        Assert.Equal(0, mock.GetMatchCount(any));
    }

    [Fact]
    public async Task GetAsync_NotFound_ThrowsApiExceptionWith404AndClearMessage()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.CallsUrl + "/missing")
            .Respond(HttpStatusCode.NotFound, "application/json", """{"statusCode":404,"message":"Interaction not found","error":"Not Found"}""");
        using var client = TestClients.With(mock);

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.GetAsync("missing", CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
        Assert.False(error.OutcomeUnknown);
        Assert.Contains("HTTP 404 (NotFound)", error.Message);
        Assert.Contains("Interaction not found", error.Message);
    }

    [Theory]
    [InlineData("500")]
    [InlineData("502")]
    [InlineData("503")]
    [InlineData("504")]
    [InlineData("reset")]
    public async Task GetAsync_TransientFailure_RetriedAndSucceeds(string fault)
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(fault == "reset" ? FaultServer.Reset() : FaultServer.Status(int.Parse(fault)));
        using var client = new ElementeClient(server.Options());

        var call = await client.Calls.GetAsync("call-1", CancellationToken.None);

        Assert.Equal("call-1", call.Id);
        Assert.Equal(2, server.Received("GET"));
    }

    [Fact]
    public async Task GetAsync_StillFailingAfterMaxRetries_ThrowsWithKnownOutcome()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(FaultServer.Status(502), FaultServer.Status(502), FaultServer.Status(502));
        using var client = new ElementeClient(server.Options(maxRetries: 2));

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.GetAsync("call-1", CancellationToken.None));

        Assert.Equal(502, error.StatusCode);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(3, server.Received("GET"));
    }
}
