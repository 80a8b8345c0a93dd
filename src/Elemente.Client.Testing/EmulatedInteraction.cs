using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Elemente.Testing;

/// <summary>
/// An interaction the emulator created from a request, and its life so far. Its status moves with the emulator's
/// clock: <c>queued</c>, then (calls only) <c>ringing</c>, then <c>in-progress</c> and <c>completed</c>, or the scripted
/// outcome's final status.
/// </summary>
public sealed class EmulatedInteraction
{
    private static readonly JsonSerializer Reader = JsonSerializer.Create(new JsonSerializerSettings
    {
        DateParseHandling = DateParseHandling.None,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
        TypeNameHandling = TypeNameHandling.None,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        Culture = CultureInfo.InvariantCulture,
    });

    private readonly ElementeEmulatorOptions _options;
    private readonly JObject _request;
    private readonly object _gate = new();
    private CallOutcome _outcome;

    internal EmulatedInteraction(string id, DateTimeOffset createdAt, JObject request, CallOutcome outcome, ElementeEmulatorOptions options)
    {
        Id = id;
        CreatedAt = createdAt;
        _request = request;
        _options = options;
        RequestBody = request.ToString(Formatting.None);
        Request = request.ToObject<CreateInteractionInput>(Reader)!;
        Channel = Request.Channel ?? InteractionChannel.Call;
        PhoneNumber = NullIfEmpty(Request.CustomerOverride?.PhoneNumber) ?? NullIfEmpty(Request.CustomerPhone);
        Email = NullIfEmpty(Request.CustomerOverride?.Email) ?? NullIfEmpty(Request.CustomerEmail);
        // A call with no number to dial, or a text with nowhere to send it, cannot be carried out.
        var reachable = Channel switch
        {
            InteractionChannel.Call or InteractionChannel.Sms or InteractionChannel.Whatsapp => PhoneNumber is not null,
            InteractionChannel.Email => Email is not null,
            _ => true,
        };
        _outcome = reachable ? outcome : CallOutcome.Failed;
    }

    /// <summary>The id the emulator answered with.</summary>
    public string Id { get; }

    /// <summary>When the emulator created it, on its clock.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The request, as the client's model.</summary>
    public CreateInteractionInput Request { get; }

    /// <summary>The request body, as JSON text.</summary>
    public string RequestBody { get; }

    /// <summary>The channel requested.</summary>
    public InteractionChannel Channel { get; }

    /// <summary>The customer's phone number (<c>customerOverride.phoneNumber</c>, else <c>customerPhone</c>), or null.</summary>
    public string? PhoneNumber { get; }

    /// <summary>The customer's email address (<c>customerOverride.email</c>, else <c>customerEmail</c>), or null.</summary>
    public string? Email { get; }

    /// <summary>How it ends (or ended). A request with nothing to reach the customer by ends <see cref="CallOutcome.Failed"/>.</summary>
    public CallOutcome Outcome
    {
        get
        {
            lock (_gate)
            {
                return _outcome;
            }
        }
    }

    /// <summary>Its status now, on the emulator's clock.</summary>
    public InteractionStatus Status => new((string)ToJson(_options.TimeProvider.GetUtcNow())["status"]!);

    /// <summary>Whether it has ended (<see cref="InteractionStatus.IsFinal"/>).</summary>
    public bool IsFinal => Status.IsFinal;

    /// <summary>It as <c>GET /api/v1/calls/{id}</c> would answer now.</summary>
    /// <returns>A new object each time.</returns>
    public Interaction GetState() => ToJson(_options.TimeProvider.GetUtcNow()).ToObject<Interaction>(Reader)!;

    /// <summary>Changes how it ends, while it has not ended yet.</summary>
    /// <param name="outcome">The new outcome.</param>
    /// <exception cref="InvalidOperationException">It has already ended.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outcome"/> is not a <see cref="CallOutcome"/>.</exception>
    public void ScriptOutcome(CallOutcome outcome)
    {
        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a CallOutcome.");
        }

        lock (_gate)
        {
            if (IsFinal)
            {
                throw new InvalidOperationException($"Interaction {Id} has already ended ({Status}); script its outcome before it does.");
            }

            _outcome = outcome;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Channel} {Id} to {PhoneNumber ?? Email ?? "(nobody)"}: {Status}";

    /// <summary>The answer body at a moment: only what is known by then, as the API leaves out what it lacks.</summary>
    internal JObject ToJson(DateTimeOffset now)
    {
        var body = new JObject { ["id"] = Id };
        Add(body, "agentId", (string?)_request["agentId"]);
        Add(body, "skillId", (string?)_request["skillId"]);
        Add(body, "customerId", CustomerId());
        Add(body, "customerName", CustomerName());
        Add(body, "customerPhone", PhoneNumber);
        Add(body, "customerEmail", Email);
        Add(body, "agentPhone", (string?)_request.SelectToken("agentOverride.phone"));
        Add(body, "agentEmail", (string?)_request.SelectToken("agentOverride.email"));

        var (status, ended) = Phase(now - CreatedAt);
        body["status"] = status;
        if (ended is { } end)
        {
            AddEnding(body, status, end);
        }

        return body;
    }

    private (string Status, TimeSpan? EndedAfter) Phase(TimeSpan elapsed)
    {
        CallOutcome outcome;
        lock (_gate)
        {
            outcome = _outcome;
        }

        var queued = _options.QueuedFor;
        if (elapsed < queued)
        {
            return ("queued", null);
        }

        if (outcome == CallOutcome.Failed)
        {
            return ("failed", queued);
        }

        var isCall = Channel == InteractionChannel.Call;
        var answeredAt = queued + (isCall ? _options.RingingFor : TimeSpan.Zero);
        if (isCall && elapsed < answeredAt)
        {
            return ("ringing", null);
        }

        switch (outcome)
        {
            case CallOutcome.NoAnswer:
            case CallOutcome.Busy when !isCall:
            case CallOutcome.Voicemail when !isCall:
                return ("no-answer", answeredAt);
            case CallOutcome.Busy:
                return ("busy", answeredAt);
            case CallOutcome.Voicemail:
                return ("voicemail", answeredAt);
            default:
                var endsAt = answeredAt + _options.ConversationFor;
                return elapsed < endsAt ? ("in-progress", null) : ("completed", endsAt);
        }
    }

    private void AddEnding(JObject body, string status, TimeSpan endedAfter)
    {
        if (status is not ("completed" or "voicemail"))
        {
            return;
        }

        var start = CreatedAt + endedAfter - (status == "completed" ? _options.ConversationFor : TimeSpan.Zero);
        var lines = new List<(string Sender, string Content, DateTimeOffset At)> { ("agent", FirstMessage(), start) };
        if (status == "completed")
        {
            var conversation = _options.ConversationFor;
            lines.Add(("customer", "Yes, speaking. Thank you for letting me know.", start + TimeSpan.FromTicks(conversation.Ticks / 2)));
            lines.Add(("agent", "You're welcome. Goodbye!", start + conversation));
        }

        body["transcription"] = string.Join("\n", lines.Select(line => $"{line.Sender}: {line.Content}"));
        body["messages"] = new JArray(lines.Select((line, index) => new JObject
        {
            ["sid"] = "SM" + Hash(Id + "/" + index.ToString(CultureInfo.InvariantCulture))[..32],
            ["timestamp"] = line.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["sender"] = line.Sender,
            ["content"] = line.Content,
            ["status"] = "delivered",
        }));
        if (status == "completed")
        {
            body["duration"] = Math.Round(_options.ConversationFor.TotalSeconds, 3);
        }

        if (Channel == InteractionChannel.Call)
        {
            body["recordingUrl"] = $"https://recordings.emulator.invalid/{Id}.wav";
        }
    }

    /// <summary>The agent's first message: the request's <c>initialMessage</c> (or a default) with its placeholders filled in.</summary>
    private string FirstMessage()
    {
        var template = (string?)_request.SelectToken("agentOverride.prompt.initialMessage") ?? "Hello {{firstName}}, this is {{aiName}}.";
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["firstName"] = (string?)_request.SelectToken("customerOverride.firstName") ?? CustomerName() ?? "there",
            ["lastName"] = (string?)_request.SelectToken("customerOverride.lastName") ?? string.Empty,
            ["aiName"] = (string?)_request.SelectToken("agentOverride.name") ?? "your assistant",
        };
        foreach (var field in _request.SelectToken("customerOverride.customFields")?.OfType<JObject>() ?? Enumerable.Empty<JObject>())
        {
            if ((string?)field["name"] is { } name && field["value"] is JValue value)
            {
                values[name] = Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        return Regex.Replace(template, @"\{\{\s*([^{}]+?)\s*\}\}", match => values.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private string? CustomerName()
    {
        var first = (string?)_request.SelectToken("customerOverride.firstName");
        var last = (string?)_request.SelectToken("customerOverride.lastName");
        var name = string.Join(" ", new[] { first, last }.Where(part => !string.IsNullOrEmpty(part)));
        return name.Length > 0 ? name : NullIfEmpty((string?)_request["customerName"]);
    }

    /// <summary>A customer keeps their id across interactions: it is derived from how they are reached.</summary>
    private string? CustomerId() =>
        (PhoneNumber ?? Email) is { } key ? new Guid(Convert.FromHexString(Hash("customer/" + key)[..32])).ToString() : null;

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    private static void Add(JObject body, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            body[name] = value;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
