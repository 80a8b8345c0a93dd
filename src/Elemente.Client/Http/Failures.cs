using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Authentication;

namespace Elemente.Http;

/// <summary>Tells apart the failures after which a request provably did not reach the API.</summary>
internal static class Failures
{
    // HttpRequestException.HttpRequestError exists from .NET 8 on; the netstandard2.0 build reads it by reflection when
    // it runs on such a runtime.
    private static readonly PropertyInfo? HttpRequestErrorProperty = typeof(HttpRequestException).GetProperty("HttpRequestError");

    /// <summary>
    /// True only when the connection could not be established (refused, DNS, TLS handshake, connect timeout): the
    /// request never left the caller's machine, so even a create can be sent again. Any failure on an established connection,
    /// whatever its socket error, is not one: the request may have arrived.
    /// </summary>
    public static bool IsConnectFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ConnectFailureException)
            {
                return true;
            }
        }

        switch (exception)
        {
            case HttpRequestException http:
                if (HttpRequestErrorProperty?.GetValue(http) is Enum error && error.ToString() != "Unknown")
                {
                    // .NET 8+: SocketsHttpHandler says which phase failed.
                    return error.ToString() is "ConnectionError" or "NameResolutionError" or "SecureConnectionError";
                }

                // Older runtimes, and handlers that do not say: SocketsHttpHandler wraps a connect failure's SocketException (or the TLS handshake's
                // AuthenticationException) directly; an established connection's failures come wrapped in an IOException.
                // .NET Framework says it in a WebException's status.
                return http.InnerException switch
                {
                    SocketException socket => IsConnectError(socket.SocketErrorCode),
                    AuthenticationException => true,
                    WebException web => web.Status is WebExceptionStatus.ConnectFailure or WebExceptionStatus.NameResolutionFailure
                        or WebExceptionStatus.ProxyNameResolutionFailure or WebExceptionStatus.SecureChannelFailure or WebExceptionStatus.TrustFailure,
                    _ => false,
                };
            case SocketException socket:
                // A raw SocketException escaping a handler: only errors that exist before a connection count.
                return socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain
                    or SocketError.NoData or SocketError.AddressNotAvailable;
            default:
                return false;
        }
    }

    private static bool IsConnectError(SocketError error) =>
        error is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData
            or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.AddressNotAvailable or SocketError.TimedOut;

    /// <summary>The delay a <c>Retry-After</c> header asks for (seconds or an HTTP date), if any.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return TimeSpan.FromTicks(Math.Max(delta.Ticks, 0));
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return TimeSpan.FromTicks(Math.Max(wait.Ticks, 0));
        }

        return null;
    }

    /// <summary>Statuses worth retrying for an idempotent request.</summary>
    public static bool IsTransient(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// Whether an error status means a sent request may have been processed. 501 and 505 say the server never handled
    /// the request; 503 with Retry-After says it was refused before processing; a 3xx may follow processing (303).
    /// </summary>
    public static bool MayHaveBeenProcessed(int status, bool hasRetryAfter) =>
        status is >= 300 and < 400 ||
        (status >= 500 && status is not (501 or 505) && !(status == 503 && hasRetryAfter));
}

/// <summary>Marks a failure to open a connection in the client's own transport: nothing was sent on it.</summary>
internal sealed class ConnectFailureException : IOException
{
    public ConnectFailureException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
