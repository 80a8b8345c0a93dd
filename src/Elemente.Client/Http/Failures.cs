using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Elemente.Http;

/// <summary>Tells apart the failures after which a request provably did not reach the API.</summary>
internal static class Failures
{
    /// <summary>
    /// True when the connection could not be established (refused, DNS, TLS handshake, unreachable): the request
    /// never left this machine, so even a create can be retried.
    /// </summary>
    public static bool IsConnectFailure(Exception exception)
    {
#if NET8_0_OR_GREATER
        if (exception is HttpRequestException { HttpRequestError: var error } &&
            error is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            return true;
        }
#endif
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket when socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                    or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.NoData
                    or SocketError.AddressNotAvailable:
                case AuthenticationException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The delay a <c>Retry-After</c> header asks for (seconds or an HTTP date), if any.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Statuses worth retrying for an idempotent request.</summary>
    public static bool IsTransient(HttpStatusCode status) => (int)status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// Whether a server error means a sent create may have been processed. 501 and 505 say the server never handled
    /// the request; 503 with Retry-After says it was refused before processing.
    /// </summary>
    public static bool MayHaveBeenProcessed(HttpResponseMessage response) =>
        (int)response.StatusCode >= 500 && response.StatusCode is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported) &&
        !(response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null);
}
