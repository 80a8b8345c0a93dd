using System.Text;

namespace Elemente.Testing;

/// <summary>
/// An in-process emulator of the Elemente API, for tests: no account, no network. It answers the operations of the
/// spec the client was generated from (create and get a call; any other answers 501 naming the operation), checks
/// credentials and request bodies as the API does (401; a NestJS-style 400 whose <c>message</c> array names each bad
/// field), and lets calls live on a <see cref="TimeProvider"/>: queued, ringing, in progress, completed, or a scripted
/// outcome. It can inject faults into the next requests, and records every request and interaction for assertions.
/// </summary>
/// <remarks>
/// Three ways in: <see cref="CreateClient"/> (an <see cref="ElementeClient"/> wired to it in memory),
/// <see cref="CreateHandler"/> (an <see cref="HttpMessageHandler"/> for your own wiring) and
/// <see cref="StartServerAsync"/> (a real HTTP server on 127.0.0.1, for another process). All three share this
/// emulator's state. It is safe to use from many threads at once.
/// </remarks>
public sealed partial class ElementeEmulator : IDisposable, IAsyncDisposable
{
    /// <summary>The base address <see cref="CreateClient"/> gives clients; nothing is ever sent to it.</summary>
    public static readonly Uri InMemoryBaseUri = new("https://emulator.elemente.invalid/");

    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    private readonly ElementeEmulatorOptions _options;
    private readonly EmulatorSpec _spec;
    private readonly string _expectedAuthorization;
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = new();
    private readonly List<EmulatedInteraction> _interactions = new();
    private readonly Dictionary<string, EmulatedInteraction> _byId = new(StringComparer.Ordinal);
    private readonly List<EmulatedFault> _faults = new();
    private readonly Queue<EmulatedConversation> _nextConversations = new();
    private readonly Dictionary<string, EmulatedConversation> _conversationsByNumber = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _serverGate = new(1, 1);
    private EmulatorServer? _server;
    private readonly Random? _random;
    private long _sequence;
    private int _disposed;

    /// <summary>Creates an emulator with the default options (the system clock, <see cref="ElementeEmulatorOptions.DefaultUsername"/>).</summary>
    public ElementeEmulator()
        : this(new ElementeEmulatorOptions())
    {
    }

    /// <summary>Creates an emulator.</summary>
    /// <param name="options">Clock, credentials and timings; copied, so later changes to it do not apply.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public ElementeEmulator(ElementeEmulatorOptions options)
        : this(options, EmulatorSpec.Default)
    {
    }

    internal ElementeEmulator(ElementeEmulatorOptions options, EmulatorSpec spec)
    {
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
        _spec = spec;
        _random = _options.Seed is { } seed ? new Random(seed) : null;
        _expectedAuthorization = "Basic " + Convert.ToBase64String(Utf8.GetBytes(_options.Username + ":" + _options.Password));
    }

    /// <summary>The user name requests must carry.</summary>
    public string Username => _options.Username;

    /// <summary>The password requests must carry.</summary>
    public string Password => _options.Password;

    /// <summary>The clock the emulator's calls live on.</summary>
    public TimeProvider TimeProvider => _options.TimeProvider;

    /// <summary>The base address of the server <see cref="StartServerAsync"/> started, or null while none runs.</summary>
    public Uri? ServerUri => _server?.BaseUri;

    /// <summary>Every interaction created so far, oldest first: a read-only snapshot, which later creates do not change.</summary>
    public IReadOnlyList<EmulatedInteraction> Interactions
    {
        get
        {
            lock (_gate)
            {
                return Array.AsReadOnly(_interactions.ToArray());
            }
        }
    }

    /// <summary>Every request received so far, in order, whatever was answered: a read-only snapshot, which later requests do not change.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return Array.AsReadOnly(_requests.ToArray());
            }
        }
    }

    /// <summary>How many injected faults are still waiting for a request.</summary>
    public int PendingFaults
    {
        get
        {
            lock (_gate)
            {
                return _faults.Count;
            }
        }
    }

    /// <summary>
    /// Creates an <see cref="ElementeClient"/> that talks to this emulator in memory. Dispose the client when done.
    /// </summary>
    /// <param name="options">
    /// The client's options (timeout, retries, validation). Its <c>BaseUri</c> is ignored; credentials left unset become
    /// the emulator's, and so does <see cref="ElementeClientOptions.TimeProvider"/>: waits on a call
    /// (<c>WaitForCompletionAsync</c>) run on the emulator's clock unless you set another. Null for the defaults.
    /// </param>
    /// <returns>A new client.</returns>
    /// <exception cref="ObjectDisposedException">The emulator was disposed.</exception>
    public ElementeClient CreateClient(ElementeClientOptions? options = null)
    {
        ThrowIfDisposed();
        var source = options ?? new ElementeClientOptions();
        var settings = new ElementeClientOptions
        {
            BaseUri = InMemoryBaseUri,
            Username = source.Username ?? Username,
            Password = source.Password ?? Password,
            Timeout = source.Timeout,
            MaxRetries = source.MaxRetries,
            RetryDelay = source.RetryDelay,
            MaxRetryDelay = source.MaxRetryDelay,
            ApplicationId = source.ApplicationId,
            ValidateRequests = source.ValidateRequests,
            LogPersonalData = source.LogPersonalData,
            TimeProvider = source.TimeProvider ?? TimeProvider,
        };
        return new ElementeClient(new HttpClient(CreateHandler()) { Timeout = System.Threading.Timeout.InfiniteTimeSpan }, settings);
    }

    /// <summary>
    /// Creates an <see cref="HttpMessageHandler"/> that answers as this emulator, whatever host a request names; for
    /// wiring of your own (an <see cref="HttpClient"/>, <c>IHttpClientFactory</c>'s primary handler).
    /// </summary>
    /// <returns>A new handler over this emulator's state.</returns>
    /// <exception cref="ObjectDisposedException">The emulator was disposed.</exception>
    public HttpMessageHandler CreateHandler()
    {
        ThrowIfDisposed();
        return new EmulatorHandler(this);
    }

    /// <summary>
    /// Serves this emulator over HTTP on 127.0.0.1 (Kestrel), for another process (a CLI, a test in another language).
    /// Stop it with <see cref="StopServerAsync"/> or by disposing the emulator.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting for the server to start.</param>
    /// <returns>The base address, such as <c>http://127.0.0.1:50123/</c>. The same address when a server already runs.</returns>
    /// <exception cref="ObjectDisposedException">The emulator was disposed.</exception>
    /// <exception cref="IOException">The port (<see cref="ElementeEmulatorOptions.ServerPort"/>) is taken.</exception>
    public async Task<Uri> StartServerAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await _serverGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            _server ??= await EmulatorServer.StartAsync(this, _options.ServerPort, cancellationToken).ConfigureAwait(false);
            return _server.BaseUri;
        }
        finally
        {
            _serverGate.Release();
        }
    }

    /// <summary>Stops the server <see cref="StartServerAsync"/> started, freeing its port; does nothing when none runs.</summary>
    /// <param name="cancellationToken">Ends the graceful stop early.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async Task StopServerAsync(CancellationToken cancellationToken = default)
    {
        await _serverGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_server is { } server)
            {
                _server = null;
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _serverGate.Release();
        }
    }

    /// <summary>The interaction with this id, or null.</summary>
    /// <param name="id">The id the emulator answered a create with.</param>
    /// <returns>The interaction, or null when there is none.</returns>
    public EmulatedInteraction? FindInteraction(string id)
    {
        lock (_gate)
        {
            return id is not null && _byId.TryGetValue(id, out var interaction) ? interaction : null;
        }
    }

    /// <summary>
    /// Stops the server, if any, and ends requests held by an injected fault: a client from <see cref="CreateClient"/>
    /// gets an <see cref="ElementeConnectionException"/> whose message says the emulator was stopped. Later requests in
    /// memory fail the same way.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Stops the server, if any, and ends requests held by an injected fault: a client from <see cref="CreateClient"/>
    /// gets an <see cref="ElementeConnectionException"/> whose message says the emulator was stopped. Later requests in
    /// memory fail the same way.
    /// </summary>
    /// <returns>A task that completes when everything has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Held requests end now, each with an HttpRequestException saying the emulator was stopped (an
        // ElementeConnectionException for a client). The source is never disposed: a request may still be linking to it.
        _stopping.Cancel();
        await StopServerAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        lock (_gate)
        {
            return $"ElementeEmulator {{ Interactions = {_interactions.Count}, Requests = {_requests.Count}, PendingFaults = {_faults.Count}, Server = {(_server?.BaseUri.ToString() ?? "none")} }}";
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
