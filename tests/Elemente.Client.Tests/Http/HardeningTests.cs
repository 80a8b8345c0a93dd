using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Elemente.Http;
using Microsoft.AspNetCore.Http;
using RichardSzalay.MockHttp;

namespace Elemente.Tests;

/// <summary>
/// The runtime's guarantees one by one: which failures count as "never sent", redirects, fresh content per attempt,
/// raw transport exceptions and the one exception base (JSON isolated from the host application: JsonIsolationTests).
/// </summary>
public class HardeningTests
{
    public static TheoryData<string, Exception, bool> ConnectFailures() => new()
    {
        { "the client's own connect callback failed", new HttpRequestException("x", new ConnectFailureException("refused", new SocketException((int)SocketError.ConnectionRefused))), true },
        { "refused, wrapped directly (older SocketsHttpHandler)", new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)), true },
        { "DNS, wrapped directly", new HttpRequestException("x", new SocketException((int)SocketError.HostNotFound)), true },
        { "TLS handshake", new HttpRequestException("x", new AuthenticationException("handshake")), true },
        { ".NET Framework connect failure", new HttpRequestException("x", new WebException("x", WebExceptionStatus.ConnectFailure)), true },
        { "EHOSTUNREACH on an established connection", new HttpRequestException("x", new IOException("x", new SocketException((int)SocketError.HostUnreachable))), false },
        { "ENETUNREACH on an established connection", new HttpRequestException("x", new IOException("x", new SocketException((int)SocketError.NetworkUnreachable))), false },
        { "reset on an established connection", new HttpRequestException("x", new IOException("x", new SocketException((int)SocketError.ConnectionReset))), false },
        { ".NET Framework receive failure", new HttpRequestException("x", new WebException("x", WebExceptionStatus.ReceiveFailure)), false },
        { "raw ENOTCONN", new SocketException((int)SocketError.NotConnected), false },
        { "raw refused", new SocketException((int)SocketError.ConnectionRefused), true },
        { "an IOException", new IOException("broken pipe"), false },
        { "anything else", new InvalidOperationException("x"), false },
    };

    [Theory]
    [MemberData(nameof(ConnectFailures))]
    public void IsConnectFailure_OnlyConnectPhaseFailuresCount(string name, Exception exception, bool expected)
    {
        Assert.True(expected == Failures.IsConnectFailure(exception), name);
    }

#if NET8_0_OR_GREATER
    [Theory]
    [InlineData(HttpRequestError.ConnectionError, true)]
    [InlineData(HttpRequestError.NameResolutionError, true)]
    [InlineData(HttpRequestError.SecureConnectionError, true)]
    [InlineData(HttpRequestError.ResponseEnded, false)]
    [InlineData(HttpRequestError.InvalidResponse, false)]
    public void IsConnectFailure_HttpRequestErrorDecides(HttpRequestError error, bool expected)
    {
        // Even with a connect-like socket error inside, the handler's own word wins.
        var exception = new HttpRequestException(error, "x", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal(expected, Failures.IsConnectFailure(exception));
    }
#endif

    [Fact]
    public void Transport_OwnHandler_NoRedirectsPooledLifetimeAndMarkedConnects()
    {
        using var handler = Transport.Create(TestClients.Options().ValidatedCopy());

        switch (handler)
        {
            case SocketsHttpHandler sockets:
                Assert.False(sockets.AllowAutoRedirect);
                Assert.False(sockets.UseCookies);
                Assert.Equal(Transport.PooledConnectionLifetime, sockets.PooledConnectionLifetime);
                Assert.NotNull(sockets.ConnectCallback);
                break;
            case HttpClientHandler classic:
                Assert.False(classic.AllowAutoRedirect);
                Assert.Equal(Transport.MaxConnectionsPerServer, classic.MaxConnectionsPerServer);
                break;
            default:
                Assert.Fail($"unexpected transport {handler.GetType()}");
                break;
        }
    }

#if !ELEMENTE_NETSTANDARD_BUILD
    [Theory]
    [InlineData(300, 300)] // shorter than 10 s: the attempt's own timeout
    [InlineData(9_999, 9_999)]
    [InlineData(10_000, 10_000)]
    [InlineData(10_001, 10_000)] // longer: 10 s
    [InlineData(600_000, 10_000)]
    [InlineData(-1, 10_000)] // an infinite attempt timeout still gives up connecting after 10 s
    public void ConnectTimeout_IsTheAttemptTimeoutUpToTenSeconds(int attemptMilliseconds, int expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), Transport.ConnectTimeout(TimeSpan.FromMilliseconds(attemptMilliseconds)));
    }

    [Fact]
    public async Task ConnectAsync_ConnectTimeoutPasses_IsAConnectFailure()
    {
        // A listener that never accepts completes handshakes only until its backlog is full; after that the kernel drops
        // the SYNs and a connect hangs, so the deadline passes first (a zero deadline raced the loopback handshake).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(1);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var filler = new Socket(SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                using var quick = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
                try
                {
                    await filler.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), quick.Token);
                }
                catch (OperationCanceledException)
                {
                    break; // the backlog is full
                }
            }

            var started = System.Diagnostics.Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<ConnectFailureException>(
                async () => await Transport.ConnectAsync(new DnsEndPoint("127.0.0.1", port), TimeSpan.FromMilliseconds(300), CancellationToken.None));

            Assert.Contains("timed out after 0.3 s", error.Message);
            Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
            Assert.True(Failures.IsConnectFailure(new HttpRequestException("x", error)));
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task ConnectAsync_Refused_IsAConnectFailureNamingTheEndpoint()
    {
        var port = TestClients.ClosedPort();

        var error = await Assert.ThrowsAsync<ConnectFailureException>(
            async () => await Transport.ConnectAsync(new DnsEndPoint("127.0.0.1", port), TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.StartsWith($"Could not connect to 127.0.0.1:{port}: ", error.Message);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task ConnectAsync_CallerCancelled_IsACancellationNotAConnectFailure()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await Transport.ConnectAsync(new DnsEndPoint("127.0.0.1", port), TimeSpan.FromSeconds(5), new CancellationToken(canceled: true)));

        Assert.IsNotType<ConnectFailureException>(error.InnerException);
    }

    [Fact]
    public async Task ConnectAsync_Listening_ReturnsAStreamOwningANoDelaySocket()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await using var stream = await Transport.ConnectAsync(new DnsEndPoint("127.0.0.1", port), TimeSpan.FromSeconds(5), CancellationToken.None);

        var network = Assert.IsType<NetworkStream>(stream);
        Assert.True(network.Socket.Connected);
        Assert.True(network.Socket.NoDelay);
    }
#endif

    [Fact]
    public async Task CreateAsync_ClosedPort_RetriedAsNeverSentThenConnectionExceptionNotUnknown()
    {
        var options = TestClients.Options();
        options.BaseUri = new Uri($"http://127.0.0.1:{TestClients.ClosedPort()}");
        options.MaxRetries = 1;
        options.RetryDelay = TimeSpan.FromMilliseconds(1);
        using var client = new ElementeClient(options);

        var error = await Assert.ThrowsAsync<ElementeConnectionException>(() => client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None));

        Assert.False(error.OutcomeUnknown);
        Assert.Contains("was not sent", error.Message);
    }

    [Fact]
    public async Task CreateAsync_RedirectToAnotherOrigin_BodyNeverReachesIt()
    {
        await using var elsewhere = await FaultServer.StartAsync();
        await using var api = await FaultServer.StartAsync();
        api.Then(RedirectTo(elsewhere));
        using var client = new ElementeClient(api.Options());

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None));

        Assert.Equal(307, error.StatusCode);
        Assert.Contains(elsewhere.BaseUri.GetLeftPart(UriPartial.Authority), error.Message);
        Assert.Equal(0, elsewhere.Received("POST"));
        Assert.Equal(1, api.Received("POST"));
    }

    [Fact]
    public async Task CreateAsync_CallersHttpClientFollowsRedirect_AnswerFromElsewhereIsAnError()
    {
        await using var elsewhere = await FaultServer.StartAsync();
        await using var api = await FaultServer.StartAsync();
        api.Then(RedirectTo(elsewhere));
        using var http = new HttpClient(); // AllowAutoRedirect is on by default: the README says to turn it off
        using var client = new ElementeClient(http, api.Options());

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None));

        Assert.Contains("followed a redirect", error.Message);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task CreateAsync_TransportDisposesContentAfterEachSend_RetrySendsFreshContent()
    {
        // .NET Framework's HttpClient disposes the request content after sending it.
        var bodies = new List<string>();
        var handler = new DisposingContentHandler(bodies, new Queue<HttpStatusCode>(new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK }));
        var options = TestClients.Options();
        options.RetryDelay = TimeSpan.Zero;
        using var client = new ElementeClient(handler, ownsTransport: false, options, null);

        var call = await client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None);

        Assert.Equal("call-1", call.Id);
        Assert.Equal(2, bodies.Count);
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Contains("\"agentId\":\"agent-1\"", bodies[1]);
    }

    [Theory]
    [InlineData(SocketError.NotConnected, true, 1)]
    [InlineData(SocketError.ConnectionRefused, false, 3)]
    public async Task CreateAsync_RawSocketExceptionFromTheTransport_IsAConnectionException(SocketError code, bool outcomeUnknown, int attempts)
    {
        var sent = 0;
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ =>
        {
            sent++;
            throw new SocketException((int)code);
        });
        var options = TestClients.Options();
        options.RetryDelay = TimeSpan.Zero;
        using var client = new ElementeClient(mock, ownsTransport: false, options, null);

        var error = await Assert.ThrowsAsync<ElementeConnectionException>(() => client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None));

        Assert.Equal(outcomeUnknown, error.OutcomeUnknown);
        Assert.Equal(attempts, sent);
        // The original stack trace is kept: it shows where the transport failed.
        Assert.IsType<SocketException>(error.InnerException);
        Assert.Contains(nameof(CreateAsync_RawSocketExceptionFromTheTransport_IsAConnectionException), error.InnerException!.StackTrace);
    }

    [Fact]
    public void Exceptions_ShareOneSealedFamily_SoOneCatchDecides()
    {
        foreach (var type in new[] { typeof(ElementeApiException), typeof(ElementeTimeoutException), typeof(ElementeConnectionException), typeof(ElementeValidationException) })
        {
            Assert.True(typeof(ElementeException).IsAssignableFrom(type), type.Name);
            Assert.True(type.IsSealed, type.Name);
        }

        Assert.True(typeof(ElementeException).IsAbstract);
        ElementeException error = new ElementeApiException("x", 503, "{}", new Dictionary<string, IEnumerable<string>> { ["x-request-id"] = new[] { "req-7" } }, null);
        Assert.Equal("req-7", error.RequestId);
        Assert.False(error.OutcomeUnknown);
    }

    [Fact]
    public async Task CreateAsync_ContentTypeWithUnknownCharset_ParsedAsUtf8()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("""{"id":"call-ü"}""") };
            response.Content.Headers.Remove("Content-Type");
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=UTF8");
            return response;
        });
        using var client = TestClients.With(mock);

        var call = await client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None);

        Assert.Equal("call-ü", call.Id);
    }

    [Theory]
    [InlineData("""{"$type":"System.IO.FileInfo, System.IO.FileSystem","id":"call-1"}""", "call-1")]
    [InlineData("""{"$id":"1","id":"call-2","messages":[{"$ref":"1"}]}""", "call-2")]
    public async Task CreateAsync_MetadataKeysInResponse_NeverInterpreted(string body, string id)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", body);
        using var client = TestClients.With(mock);

        var call = await client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None);

        Assert.Equal(id, call.Id);
    }

    [Fact]
    public async Task CreateAsync_TruncatedMetadataKey_IsAnApiExceptionNotANullReference()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", """{"$type":[""");
        using var client = TestClients.With(mock);

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(200, error.StatusCode);
    }

    private static Func<HttpContext, Task> RedirectTo(FaultServer elsewhere) => context =>
    {
        context.Response.StatusCode = 307;
        context.Response.Headers.Location = new Uri(elsewhere.BaseUri, "/api/v1/calls").ToString();
        return Task.CompletedTask;
    };


    private sealed class DisposingContentHandler : HttpMessageHandler
    {
        private readonly List<string> _bodies;
        private readonly Queue<HttpStatusCode> _statuses;

        public DisposingContentHandler(List<string> bodies, Queue<HttpStatusCode> statuses)
        {
            _bodies = bodies;
            _statuses = statuses;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            request.Content.Dispose();
            var status = _statuses.Dequeue();
            var response = new HttpResponseMessage(status) { Content = new StringContent("""{"id":"call-1"}""") };
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", "0");
            }

            return response;
        }
    }
}
