using Elemente.Http;

namespace Elemente;

/// <summary>
/// The Elemente.ai API client. Create one per application (it is safe to share across threads) and reach the
/// operations through its resource clients, such as <see cref="Calls"/>.
/// </summary>
public class ElementeClient : IDisposable
{
    private readonly HttpClient _pipeline;

    /// <summary>Creates a client that owns its HTTP connection pool; dispose it when done.</summary>
    /// <param name="options">Address and credentials.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it.</exception>
    public ElementeClient(ElementeClientOptions options)
        : this(new HttpClientHandler(), disposeHandler: true, options)
    {
    }

    /// <summary>
    /// Creates a client that sends through the caller's <see cref="HttpClient"/> (for example one from
    /// <c>IHttpClientFactory</c>). The client adds authentication on each request; it never disposes
    /// <paramref name="httpClient"/>.
    /// </summary>
    /// <param name="httpClient">The HTTP client to send through. Its handlers, default headers and timeout still apply.</param>
    /// <param name="options">Address and credentials.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it.</exception>
    public ElementeClient(HttpClient httpClient, ElementeClientOptions options)
        : this(new HttpClientForwardingHandler(httpClient ?? throw new ArgumentNullException(nameof(httpClient))), disposeHandler: true, options)
    {
    }

    /// <summary>Creates a client for mocking; its members do nothing until overridden.</summary>
    protected ElementeClient()
    {
        _pipeline = null!;
        Calls = null!;
        Options = null!;
    }

    private ElementeClient(HttpMessageHandler transport, bool disposeHandler, ElementeClientOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        Options = options.Validate();
        _pipeline = new HttpClient(ElementePipeline.Create(Options, transport), disposeHandler)
        {
            // Each attempt has its own timeout in the pipeline.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        Calls = new CallsClient(_pipeline) { BaseUrl = Options.BaseUri.ToString() };
    }

    /// <summary>Creating calls, texts, emails and chats: the interactions the AI agent has with your customers.</summary>
    public virtual ICallsClient Calls { get; }

    /// <summary>The options this client was created with (a copy: changing the original has no effect).</summary>
    internal ElementeClientOptions Options { get; }

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
            _pipeline?.Dispose();
        }
    }
}
