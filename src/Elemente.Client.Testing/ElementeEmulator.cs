using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

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
    private readonly EffectiveSpec _spec;
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
        : this(options, EffectiveSpec.Default)
    {
    }

    internal ElementeEmulator(ElementeEmulatorOptions options, EffectiveSpec spec)
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

    /// <summary>Scripts how every later interaction with this phone number ends (<c>customerOverride.phoneNumber</c> or <c>customerPhone</c>).</summary>
    /// <param name="phoneNumber">The number exactly as requests send it, for example <c>+12155550142</c>.</param>
    /// <param name="outcome">How those interactions end.</param>
    /// <exception cref="ArgumentException"><paramref name="phoneNumber"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outcome"/> is not a <see cref="CallOutcome"/>.</exception>
    public void ScriptOutcome(string phoneNumber, CallOutcome outcome)
    {
        if (string.IsNullOrEmpty(phoneNumber))
        {
            throw new ArgumentException("Give the phone number as requests send it.", nameof(phoneNumber));
        }

        CheckOutcome(outcome);
        ScriptConversation(phoneNumber, new EmulatedConversation { Outcome = outcome });
    }

    /// <summary>
    /// Scripts how the next interaction created ends, whatever its number; called repeatedly, it scripts the ones after
    /// it in order. Takes precedence over <see cref="ScriptOutcome(string, CallOutcome)"/>.
    /// </summary>
    /// <param name="outcome">How it ends.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outcome"/> is not a <see cref="CallOutcome"/>.</exception>
    public void ScriptNextOutcome(CallOutcome outcome)
    {
        CheckOutcome(outcome);
        ScriptNextConversation(new EmulatedConversation { Outcome = outcome });
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> requests that reach an operation (one of <see cref="EmulatedFault.Operation"/>,
    /// when it names one) meet a fault, before credentials or the body are checked. Faults queue up in the order injected.
    /// </summary>
    /// <param name="fault">What the requests meet, for example <see cref="EmulatedFault.RateLimited"/>.</param>
    /// <param name="count">How many requests meet it; 1 by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public void InjectFault(EmulatedFault fault, int count = 1)
    {
        if (fault is null)
        {
            throw new ArgumentNullException(nameof(fault));
        }

        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Inject a fault into at least one request.");
        }

        lock (_gate)
        {
            _faults.AddRange(Enumerable.Repeat(fault, count));
        }
    }

    /// <summary>Removes the injected faults no request has met yet.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
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

    /// <summary>
    /// The core: decides what one request gets, after the wait of a latency fault. Both ways in (in memory, Kestrel) call it.
    /// </summary>
    /// <exception cref="HttpRequestException">The emulator was stopped while the request waited (<see cref="StoppedMessage"/>).</exception>
    /// <exception cref="OperationCanceledException">The client gave up while the request waited.</exception>
    internal async Task<EmulatorAnswer> HandleAsync(EmulatorRequest request, CancellationToken cancellationToken)
    {
        ThrowIfStopped();
        var path = request.PathAndQuery.Split('?', 2)[0];
        if (EmulatorControl.Owns(path))
        {
            // The test's own requests: not recorded, no credentials, no faults.
            return EmulatorControl.Handle(this, request, path);
        }

        var now = _options.TimeProvider.GetUtcNow();
        var authenticated = string.Equals(request.Authorization, _expectedAuthorization, StringComparison.Ordinal);
        var headers = request.Headers.ToDictionary(
            header => header.Key,
            header => string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase) ? "(redacted)" : header.Value,
            StringComparer.OrdinalIgnoreCase);
        var operation = _spec.Find(request.Method, path, out _, out var parameters);

        RecordedRequest record;
        EmulatedFault? fault = null;
        lock (_gate)
        {
            record = new RecordedRequest(++_sequence, now, request.Method, request.PathAndQuery, headers, Utf8.GetString(request.Body), authenticated)
            {
                Operation = operation?.Id,
            };
            _requests.Add(record);
            if (operation is not null)
            {
                var index = _faults.FindIndex(f => f.Operation is null || string.Equals(f.Operation, operation.Id, StringComparison.Ordinal));
                if (index >= 0)
                {
                    fault = _faults[index];
                    _faults.RemoveAt(index);
                }
            }
        }

        record.Fault = fault;
        if (fault is { Kind: EmulatedFaultKind.Latency })
        {
            // Measured from the request's arrival, so that a clock moved meanwhile counts.
            var until = now + fault.NextDelay(_random ?? Random.Shared);
            var remaining = until - _options.TimeProvider.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                await HoldAsync(remaining, cancellationToken).ConfigureAwait(false);
            }

            now = _options.TimeProvider.GetUtcNow();
        }

        var answer = Answer(request, operation, parameters, path, authenticated, fault, now);
        record.StatusCode = answer.Action == EmulatorAction.Respond ? answer.StatusCode : null;
        return answer;
    }

    /// <summary>What a client of a stopped emulator is told: the emulator was stopped (disposed), not a timeout.</summary>
    internal const string StoppedMessage = "The Elemente emulator was stopped (disposed) while it held this request, or before it arrived: no answer will come.";

    /// <summary>Waits on the emulator's clock (forever when <paramref name="delay"/> is null) until the client gives up or the emulator stops.</summary>
    /// <exception cref="HttpRequestException">The emulator was stopped (<see cref="StoppedMessage"/>).</exception>
    /// <exception cref="OperationCanceledException">The client gave up.</exception>
    internal async Task HoldAsync(TimeSpan? delay, CancellationToken cancellationToken)
    {
        var stopping = _stopping.Token;
        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            await Task.Delay(delay ?? System.Threading.Timeout.InfiniteTimeSpan, _options.TimeProvider, held.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException(StoppedMessage);
        }
    }

    /// <exception cref="HttpRequestException">The emulator was stopped (<see cref="StoppedMessage"/>).</exception>
    private void ThrowIfStopped()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new HttpRequestException(StoppedMessage);
        }
    }

    private EmulatorAnswer Answer(EmulatorRequest request, SpecOperation? operation, IReadOnlyDictionary<string, string> parameters, string path, bool authenticated, EmulatedFault? fault, DateTimeOffset now)
    {
        if (operation is null)
        {
            return Error(404, $"Cannot {request.Method} {path}", "Not Found");
        }

        switch (fault?.Kind)
        {
            case EmulatedFaultKind.RateLimited:
                return Error(429, "ThrottlerException: Too Many Requests", "Too Many Requests", fault.RetryAfter);
            case EmulatedFaultKind.ServiceUnavailable:
                return Error(503, "Service Unavailable", "Service Unavailable", fault.RetryAfter);
            case EmulatedFaultKind.Timeout:
                return EmulatorAnswer.Stall;
            case EmulatedFaultKind.ResetBeforeProcessing:
                return EmulatorAnswer.ResetBefore;
            case EmulatedFaultKind.Status:
                return Scripted(fault);
        }

        var answer = Process(request, operation, parameters, authenticated, now);
        return fault?.Kind switch
        {
            EmulatedFaultKind.DropConnectionAfterProcessing => EmulatorAnswer.Drop,
            EmulatedFaultKind.UnreadableBody => Unreadable(fault, operation),
            EmulatedFaultKind.SlowBody => answer with { ChunkDelay = fault.Delay, ChunkBytes = fault.ChunkBytes ?? 16 },
            _ => answer,
        };
    }

    private EmulatorAnswer Process(EmulatorRequest request, SpecOperation operation, IReadOnlyDictionary<string, string> parameters, bool authenticated, DateTimeOffset now)
    {
        // NestJS runs guards (credentials) before pipes (body validation).
        if (!authenticated)
        {
            return Json(401, new JObject { ["message"] = "Unauthorized", ["statusCode"] = 401 });
        }

        if (operation.Id is not (EmulatorOperations.CreateCall or EmulatorOperations.GetCall))
        {
            return Error(501, $"The Elemente emulator does not emulate {operation.Id} ({operation.Method} {operation.PathTemplate}).", "Not Implemented");
        }

        JToken? body = null;
        if (operation.RequestSchema is { } schema)
        {
            // Express's JSON parser reads only a JSON content type; NestJS then validates an empty object.
            var sent = IsJson(request.Headers) ? request.Body : Array.Empty<byte>();
            if (!TryParse(sent, out body, out var problem))
            {
                return Error(400, problem, "Bad Request");
            }

            var messages = SpecOperation.Validate(schema, body!).Select(NestMessage)
                .Concat(RequiredButNull(schema, body!))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (messages.Length == 0 && operation.Id == EmulatorOperations.CreateCall && body is JObject create)
            {
                // The schema passed: now the rules the client's validator holds the request to, from the same code.
                messages = CreateRules.Check(create);
            }

            if (messages.Length > 0)
            {
                return Error(400, messages, "Bad Request");
            }
        }

        if (operation.Id == EmulatorOperations.CreateCall)
        {
            return Create((JObject)body!, now);
        }

        var interaction = FindInteraction(parameters.TryGetValue("id", out var id) ? id : string.Empty);
        return interaction is null
            ? Error(404, "Call not found", "Not Found")
            : Json(200, interaction.ToJson(now));
    }

    private EmulatorAnswer Create(JObject body, DateTimeOffset now)
    {
        EmulatedInteraction interaction;
        lock (_gate)
        {
            var number = (string?)body.SelectToken("customerOverride.phoneNumber") ?? (string?)body["customerPhone"];
            var conversation = _nextConversations.Count > 0 ? _nextConversations.Dequeue()
                : number is not null && _conversationsByNumber.TryGetValue(number, out var scripted) ? scripted
                : new EmulatedConversation { Outcome = _options.DefaultOutcome };
            interaction = new EmulatedInteraction(NewId(), now, body, conversation, _options);
            _interactions.Add(interaction);
            _byId.Add(interaction.Id, interaction);
        }

        // NestJS answers a POST with 201 Created.
        return Json(201, interaction.ToJson(now));
    }

    /// <summary>
    /// A required top-level field sent as null. The effective spec marks the channel nullable (so that the C# client can
    /// tell an unset channel from <c>call</c>), but the API, like class-validator's <c>IsNotEmpty</c>, takes no null for
    /// a required field.
    /// </summary>
    private static IEnumerable<string> RequiredButNull(NJsonSchema.JsonSchema schema, JToken body)
    {
        if (body is not JObject fields)
        {
            yield break;
        }

        foreach (var name in schema.ActualSchema.RequiredProperties)
        {
            if (fields.TryGetValue(name, StringComparison.Ordinal, out var value) && value.Type == JTokenType.Null)
            {
                yield return $"{name} should not be empty";
            }
        }
    }

    /// <summary>A class-validator style message: the field's path, then what is wrong with it.</summary>
    private static string NestMessage(ValidationError error)
    {
        var path = error.Path?.TrimStart('#').TrimStart('/') ?? string.Empty;
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\[(\d+)\]", ".$1");
        if (error.Kind == ValidationErrorKind.PropertyRequired && error.Property is { } property && !path.EndsWith(property, StringComparison.Ordinal))
        {
            path = path.Length == 0 ? property : path + "." + property;
        }

        var field = path.Length == 0 ? "body" : path;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"{field} should not be empty",
            ValidationErrorKind.StringExpected => $"{field} must be a string",
            ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected => $"{field} must be a number conforming to the specified constraints",
            ValidationErrorKind.BooleanExpected => $"{field} must be a boolean value",
            ValidationErrorKind.ObjectExpected => $"{field} must be an object",
            ValidationErrorKind.ArrayExpected => $"{field} must be an array",
            ValidationErrorKind.NotInEnumeration => $"{field} must be one of the following values: {EnumValues(error)}",
            ValidationErrorKind.DateTimeExpected => $"{field} must be a valid ISO 8601 date string",
            ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf => $"{field} must be a string, a number or a boolean",
            _ => $"{field} is invalid ({error.Kind})",
        };
    }

    private static string EnumValues(ValidationError error) =>
        string.Join(", ", error.Schema?.ActualSchema.Enumeration.Where(value => value is not null).Select(value => Convert.ToString(value, CultureInfo.InvariantCulture)) ?? Enumerable.Empty<string?>());

    private static bool IsJson(IReadOnlyDictionary<string, string> headers)
    {
        if (!headers.TryGetValue("Content-Type", out var value))
        {
            return false;
        }

        var type = value.Split(';', 2)[0].Trim();
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
            (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static bool TryParse(byte[] body, out JToken? value, out string problem)
    {
        value = null;
        problem = string.Empty;
        if (body.Length == 0)
        {
            // Without a body NestJS validates an empty object: every required field is reported.
            value = new JObject();
            return true;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(Utf8.GetString(body)))
            {
                DateParseHandling = DateParseHandling.None,
                MaxDepth = 64,
            };
            value = JToken.ReadFrom(reader);
            if (reader.Read())
            {
                problem = $"Unexpected content after the JSON value at position {reader.LinePosition}";
                return false;
            }

            return true;
        }
        catch (JsonReaderException ex)
        {
            problem = $"Unexpected token in JSON at line {ex.LineNumber}, position {ex.LinePosition}";
            return false;
        }
    }

    private static EmulatorAnswer Error(int status, string message, string error, TimeSpan? retryAfter = null) =>
        Json(status, new JObject { ["statusCode"] = status, ["message"] = message, ["error"] = error }, retryAfter);

    private static EmulatorAnswer Error(int status, string[] messages, string error) =>
        Json(status, new JObject { ["statusCode"] = status, ["message"] = new JArray(messages.Cast<object>().ToArray()), ["error"] = error });

    private static EmulatorAnswer Json(int status, JObject body, TimeSpan? retryAfter = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/json; charset=utf-8",
            ["x-request-id"] = Guid.NewGuid().ToString("N"),
        };
        if (retryAfter is { } wait)
        {
            headers["Retry-After"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return new EmulatorAnswer(EmulatorAction.Respond, status, Utf8.GetBytes(body.ToString(Formatting.None)), headers);
    }

    /// <summary>A <see cref="EmulatedFaultKind.Status"/> fault's answer: its status, headers and body (by default a NestJS-style error).</summary>
    private static EmulatorAnswer Scripted(EmulatedFault fault)
    {
        var status = fault.StatusCode!.Value;
        var answer = fault.Body is null
            ? Error(status, ReasonPhrase(status), ReasonPhrase(status))
            : new EmulatorAnswer(EmulatorAction.Respond, status, Utf8.GetBytes(fault.Body), new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-request-id"] = Guid.NewGuid().ToString("N") });
        var headers = new Dictionary<string, string>((IDictionary<string, string>)answer.Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var header in fault.Headers)
        {
            headers[header.Key] = header.Value;
        }

        return answer with { Headers = headers };
    }

    /// <summary>An <see cref="EmulatedFaultKind.UnreadableBody"/> fault's answer: a success status over a body that is not JSON.</summary>
    private static EmulatorAnswer Unreadable(EmulatedFault fault, SpecOperation operation)
    {
        var status = fault.StatusCode ?? (operation.Id == EmulatorOperations.CreateCall ? 201 : 200);
        var body = fault.Body ?? "<html><body><h1>Upstream answered</h1><p>The response could not be rendered.</p></body></html>";
        return new EmulatorAnswer(EmulatorAction.Respond, status, Utf8.GetBytes(body), new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "text/html; charset=utf-8",
            ["x-request-id"] = Guid.NewGuid().ToString("N"),
        });
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    private static void CheckOutcome(CallOutcome outcome)
    {
        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a CallOutcome.");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
