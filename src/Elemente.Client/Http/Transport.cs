#if NET5_0_OR_GREATER
using System.Net.Sockets;
#endif

namespace Elemente.Http;

/// <summary>The HTTP transport a client builds for itself when the caller gives it none.</summary>
internal static class Transport
{
    /// <summary>How long a pooled connection lives, so DNS changes are picked up.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait for a connection to open; shorter when the attempt timeout is shorter.</summary>
    public static readonly TimeSpan MaxConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Connections per server on .NET Framework, whose default is 2.</summary>
    public const int MaxConnectionsPerServer = 256;

    /// <summary>
    /// A transport that never follows redirects (a redirected create would carry the customer's data to another
    /// host), and that marks connect failures so that a create is sent again only when it provably never left.
    /// </summary>
    public static HttpMessageHandler Create(ElementeClientOptions options)
    {
#if NET5_0_OR_GREATER
        var connectTimeout = ConnectTimeout(options.Timeout);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = PooledConnectionLifetime,
            // The connect timeout lives in the callback, so that its expiry is told apart from every other timeout.
            ConnectTimeout = System.Threading.Timeout.InfiniteTimeSpan,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, connectTimeout, cancellationToken),
        };
#else
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        try
        {
            handler.MaxConnectionsPerServer = MaxConnectionsPerServer;
        }
        catch (PlatformNotSupportedException)
        {
            // Older platforms keep their own limit.
        }

        return handler;
#endif
    }

#if NET5_0_OR_GREATER
    /// <summary>How long a connect may take: the attempt timeout when it is shorter than <see cref="MaxConnectTimeout"/>.</summary>
    internal static TimeSpan ConnectTimeout(TimeSpan attemptTimeout) =>
        attemptTimeout == System.Threading.Timeout.InfiniteTimeSpan ? MaxConnectTimeout : TimeSpan.FromTicks(Math.Min(attemptTimeout.Ticks, MaxConnectTimeout.Ticks));

    /// <summary>Opens a TCP connection; every failure here happened before a byte of the request was sent.</summary>
    internal static async ValueTask<Stream> ConnectAsync(System.Net.DnsEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // A deadline that has already passed fails here, even where a loopback connect would complete at once.
            // Stryker disable once Statement : equivalent on .NET 8+, ConnectAsync fails the same at once
            deadline.Token.ThrowIfCancellationRequested();

            // Stryker disable once Boolean : equivalent, the connect callback has no context to resume on
            await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Stryker disable once Statement : equivalent, the finalizer closes a socket that never connected
            socket.Dispose();
            throw new ConnectFailureException($"Connecting to {endPoint.Host}:{endPoint.Port} timed out after {timeout.TotalSeconds:0.###} s.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stryker disable once Statement : equivalent, the finalizer closes a socket that never connected
            socket.Dispose();
            throw new ConnectFailureException($"Could not connect to {endPoint.Host}:{endPoint.Port}: {ex.Message}", ex);
        }
        catch
        {
            // Stryker disable once Statement : equivalent, the finalizer closes a socket that never connected
            socket.Dispose();
            throw;
        }
    }
#endif
}
