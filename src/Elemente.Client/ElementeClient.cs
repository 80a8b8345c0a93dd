using Elemente.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Elemente;

/// <summary>
/// The Elemente.ai API client. Create one per application (it is safe to share across threads) and reach the
/// operations through its resource clients, such as <see cref="Calls"/>.
/// </summary>
public partial class ElementeClient : IDisposable
{
    private readonly ElementeCore? _core;

    /// <summary>Creates a client that owns its HTTP connection pool; dispose it when done.</summary>
    /// <param name="options">Address, credentials, timeout and retries.</param>
    /// <param name="loggerFactory">Where the client logs each attempt; nothing is logged when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it.</exception>
    public ElementeClient(ElementeClientOptions options, ILoggerFactory? loggerFactory = null)
        : this((HttpMessageHandler?)null, options, loggerFactory)
    {
    }

    /// <summary>
    /// Creates a client that sends through the caller's <see cref="HttpClient"/> (for example one from
    /// <c>IHttpClientFactory</c>). The client adds authentication, timeouts and retries on each request; it never
    /// disposes <paramref name="httpClient"/>.
    /// </summary>
    /// <param name="httpClient">
    /// The HTTP client to send through. Its handlers, default headers and timeout still apply. Turn off its redirects
    /// (<c>AllowAutoRedirect = false</c>): a followed redirect would carry a request's data to another host, and the client
    /// reports an answer from another origin as an error.
    /// </param>
    /// <param name="options">Address, credentials, timeout and retries.</param>
    /// <param name="loggerFactory">Where the client logs each attempt; nothing is logged when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it.</exception>
    public ElementeClient(HttpClient httpClient, ElementeClientOptions options, ILoggerFactory? loggerFactory = null)
        : this(new HttpClientForwardingHandler(httpClient ?? throw new ArgumentNullException(nameof(httpClient))), options, loggerFactory)
    {
    }

    /// <summary>
    /// Creates a client for mocking: override the resource properties your code uses (such as <c>Calls</c>); the others
    /// throw <see cref="InvalidOperationException"/>.
    /// </summary>
    protected ElementeClient()
    {
    }

    /// <summary>
    /// Creates a client over an <see cref="HttpMessageHandler"/> it does not own, such as one from
    /// <c>IHttpMessageHandlerFactory</c> or a test's in-memory handler. The handler is never disposed by the client.
    /// </summary>
    internal ElementeClient(HttpMessageHandler transport, bool ownsTransport, ElementeClientOptions options, ILoggerFactory? loggerFactory)
        : this(ownsTransport ? transport : new NonDisposingHandler(transport), options, loggerFactory)
    {
    }

    private ElementeClient(HttpMessageHandler? transport, ElementeClientOptions options, ILoggerFactory? loggerFactory)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var settings = options.ValidatedCopy();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Elemente.Client");
        _core = new ElementeCore(settings, transport ?? Transport.Create(settings), logger);
    }

    // The generated resource properties (client.Calls, ...) create their client on first use, over this client's core.
    private T Resource<T>(ref T? field, Func<ElementeCore, T> create)
        where T : class
    {
        if (_core is null)
        {
            throw new InvalidOperationException(
                $"This ElementeClient was created by the protected constructor, for mocking: override the property that returns {typeof(T).Name}.");
        }

        return LazyInitializer.EnsureInitialized(ref field, () => create(_core))!;
    }

    /// <summary>Releases the connection pool this client owns (a caller's <see cref="HttpClient"/> is left alone).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _core?.Dispose();
        }
    }
}
