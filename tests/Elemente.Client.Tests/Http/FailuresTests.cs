using System.Net;
using System.Net.Sockets;
using Elemente.Http;

namespace Elemente.Tests;

/// <summary>
/// The rules that decide whether a request may be sent again, one input at a time: which socket errors prove that
/// nothing was sent, which statuses say the API may have acted, and what Retry-After asks for.
/// </summary>
public class FailuresTests
{
    [Theory]
    [InlineData(SocketError.ConnectionRefused, true)]
    [InlineData(SocketError.HostNotFound, true)]
    [InlineData(SocketError.TryAgain, true)]
    [InlineData(SocketError.NoData, true)]
    [InlineData(SocketError.HostUnreachable, true)]
    [InlineData(SocketError.NetworkUnreachable, true)]
    [InlineData(SocketError.AddressNotAvailable, true)]
    [InlineData(SocketError.TimedOut, true)]
    [InlineData(SocketError.ConnectionReset, false)]
    [InlineData(SocketError.ConnectionAborted, false)]
    [InlineData(SocketError.NotConnected, false)]
    [InlineData(SocketError.Shutdown, false)]
    public void IsConnectFailure_SocketErrorWrappedDirectly_OnlyConnectPhaseErrorsCount(SocketError error, bool expected)
    {
        // HttpRequestException(message, inner) says HttpRequestError.Unknown, so the inner socket error decides, as on
        // runtimes before .NET 8 and with handlers that do not say.
        Assert.Equal(expected, Failures.IsConnectFailure(new HttpRequestException("x", new SocketException((int)error))));
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, true)]
    [InlineData(SocketError.HostNotFound, true)]
    [InlineData(SocketError.TryAgain, true)]
    [InlineData(SocketError.NoData, true)]
    [InlineData(SocketError.AddressNotAvailable, true)]
    [InlineData(SocketError.HostUnreachable, false)]
    [InlineData(SocketError.NetworkUnreachable, false)]
    [InlineData(SocketError.TimedOut, false)]
    [InlineData(SocketError.NotConnected, false)]
    [InlineData(SocketError.ConnectionReset, false)]
    public void IsConnectFailure_RawSocketException_OnlyErrorsThatPrecedeAConnectionCount(SocketError error, bool expected)
    {
        Assert.Equal(expected, Failures.IsConnectFailure(new SocketException((int)error)));
    }

    [Theory]
    [InlineData(WebExceptionStatus.ConnectFailure, true)]
    [InlineData(WebExceptionStatus.NameResolutionFailure, true)]
    [InlineData(WebExceptionStatus.ProxyNameResolutionFailure, true)]
    [InlineData(WebExceptionStatus.SecureChannelFailure, true)]
    [InlineData(WebExceptionStatus.TrustFailure, true)]
    [InlineData(WebExceptionStatus.ReceiveFailure, false)]
    [InlineData(WebExceptionStatus.SendFailure, false)]
    [InlineData(WebExceptionStatus.ConnectionClosed, false)]
    [InlineData(WebExceptionStatus.Timeout, false)]
    public void IsConnectFailure_NetFrameworkWebExceptionStatus_OnlyConnectPhaseStatusesCount(WebExceptionStatus status, bool expected)
    {
#pragma warning disable SYSLIB0014 // WebException is what .NET Framework's HttpClientHandler wraps.
        var exception = new HttpRequestException("x", new WebException("x", status));
#pragma warning restore SYSLIB0014

        Assert.Equal(expected, Failures.IsConnectFailure(exception));
    }

    [Fact]
    public void IsConnectFailure_ConnectFailureDeepInTheChain_Counts()
    {
        var exception = new InvalidOperationException("outer", new IOException("middle", new ConnectFailureException("refused", null)));

        Assert.True(Failures.IsConnectFailure(exception));
    }

#if NET8_0_OR_GREATER
    [Fact]
    public void IsConnectFailure_UnknownHttpRequestError_FallsBackToTheInnerSocketError()
    {
        var refused = new HttpRequestException(HttpRequestError.Unknown, "x", new SocketException((int)SocketError.ConnectionRefused));
        var reset = new HttpRequestException(HttpRequestError.Unknown, "x", new SocketException((int)SocketError.ConnectionReset));

        Assert.True(Failures.IsConnectFailure(refused));
        Assert.False(Failures.IsConnectFailure(reset));
    }
#endif

    [Theory]
    [InlineData(300, false, true)]
    [InlineData(303, false, true)]
    [InlineData(399, false, true)]
    [InlineData(400, false, false)]
    [InlineData(404, false, false)]
    [InlineData(429, true, false)]
    [InlineData(499, false, false)]
    [InlineData(500, false, true)]
    [InlineData(501, false, false)]
    [InlineData(502, false, true)]
    [InlineData(503, false, true)]
    [InlineData(503, true, false)]
    [InlineData(504, true, true)]
    [InlineData(505, false, false)]
    [InlineData(599, false, true)]
    public void MayHaveBeenProcessed_Status_TellsWhetherASentCreateMayExist(int status, bool hasRetryAfter, bool expected)
    {
        Assert.Equal(expected, Failures.MayHaveBeenProcessed(status, hasRetryAfter));
    }

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(501, false)]
    [InlineData(505, false)]
    public void IsTransient_Status_OnlyThoseWorthRetryingForAnIdempotentRequest(int status, bool expected)
    {
        Assert.Equal(expected, Failures.IsTransient(status));
    }

    [Fact]
    public void RetryAfter_NegativeDelta_IsZero()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(-5));

        Assert.Equal(TimeSpan.Zero, Failures.RetryAfter(response, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void RetryAfter_DateInThePast_IsZero()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(-30));

        Assert.Equal(TimeSpan.Zero, Failures.RetryAfter(response, now));
    }

    [Fact]
    public void RetryAfter_DateAhead_IsExactlyTheTimeUntilThen()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(90));

        Assert.Equal(TimeSpan.FromSeconds(90), Failures.RetryAfter(response, now));
    }

    [Fact]
    public void RetryAfter_NoHeader_IsNull()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Null(Failures.RetryAfter(response, DateTimeOffset.UtcNow));
    }
}
