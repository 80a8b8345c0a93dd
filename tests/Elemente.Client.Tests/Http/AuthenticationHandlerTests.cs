using System.Net;
using Elemente.Http;

namespace Elemente.Tests;

/// <summary>
/// The per-request guard: credentials go only over https, or plain http to a loopback address, whatever address a
/// caller's handler or a redirect puts on the request.
/// </summary>
public class AuthenticationHandlerTests
{
    [Theory]
    [InlineData("https://api.elemente.ai/api/v1/calls")]
    [InlineData("http://127.0.0.1:5000/api/v1/calls")]
    [InlineData("http://localhost:5000/api/v1/calls")]
    public async Task SendAsync_HttpsOrLoopbackHttp_SendsBasicCredentialsAndUserAgent(string address)
    {
        var inner = new Recording();
        using var invoker = Invoker(inner);
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.TryAddWithoutValidation("User-Agent", "Caller/9");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        var sent = Assert.Single(inner.Requests);
        Assert.Equal("Basic", sent.Headers.Authorization!.Scheme);
        Assert.Equal(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("user:pass")), sent.Headers.Authorization.Parameter);
        Assert.Equal(UserAgent, sent.Headers.UserAgent.ToString());
    }

    [Theory]
    [InlineData("http://api.elemente.ai/api/v1/calls")]
    [InlineData("http://10.0.0.1/api/v1/calls")]
    [InlineData("ftp://127.0.0.1/api/v1/calls")]
    public async Task SendAsync_PlainHttpToARemoteHostOrAnotherScheme_RefusesAndSendsNothing(string address)
    {
        var inner = new Recording();
        using var invoker = Invoker(inner);
        using var request = new HttpRequestMessage(HttpMethod.Get, address);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => invoker.SendAsync(request, CancellationToken.None));

        Assert.Contains("Refusing to send Elemente credentials to " + new Uri(address).GetLeftPart(UriPartial.Authority), error.Message);
        Assert.Empty(inner.Requests);
        Assert.Null(request.Headers.Authorization);
    }

    [Fact]
    public async Task SendAsync_NoAddress_Refuses()
    {
        var inner = new Recording();
        using var invoker = Invoker(inner);
        using var request = new HttpRequestMessage { Method = HttpMethod.Get };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => invoker.SendAsync(request, CancellationToken.None));

        Assert.Contains("(no address)", error.Message);
        Assert.Empty(inner.Requests);
    }

    [Fact]
    public async Task SendAsync_CallerAlreadyCancelled_SendsNothing()
    {
        var inner = new Recording();
        using var invoker = Invoker(inner);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.elemente.ai/x");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => invoker.SendAsync(request, new CancellationToken(canceled: true)));

        Assert.Empty(inner.Requests);
    }

    [Fact]
    public void ToString_NeverShowsTheCredentials()
    {
        using var handler = new AuthenticationHandler("user", "pass", UserAgent);

        Assert.Equal("AuthenticationHandler (Basic, credentials hidden)", handler.ToString());
    }

    private const string UserAgent = "App/1 Elemente.Client/1";

    private static HttpMessageInvoker Invoker(HttpMessageHandler inner) =>
        new(new AuthenticationHandler("user", "pass", UserAgent) { InnerHandler = inner });

    private sealed class Recording : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
