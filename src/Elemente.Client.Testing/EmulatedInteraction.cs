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
    private static readonly JsonSerializer Reader = EmulatorJson.Reader;

    private readonly ElementeEmulatorOptions _options;
    private readonly JObject _request;
    private readonly object _gate = new();
    private EmulatedConversation _conversation;

    internal EmulatedInteraction(string id, DateTimeOffset createdAt, JObject request, EmulatedConversation conversation, ElementeEmulatorOptions options)
    {
        Id = id;
        CreatedAt = createdAt;
        _request = request;
        _options = options;
        RequestBody = request.ToString(Formatting.None);
        var parsed = Request;
        Channel = parsed.Channel ?? InteractionChannel.Call;
        PhoneNumber = NullIfEmpty(parsed.CustomerOverride?.PhoneNumber) ?? NullIfEmpty(parsed.CustomerPhone);
        Email = NullIfEmpty(parsed.CustomerOverride?.Email) ?? NullIfEmpty(parsed.CustomerEmail);
        // Nothing unreachable gets here: the emulator refuses, as the client does, a call or text with no number and an
        // email with no address.
        _conversation = conversation;
    }

    /// <summary>The id the emulator answered with.</summary>
    public string Id { get; }

    /// <summary>When the emulator created it, on its clock.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The request, as the client's model: a new copy at each read, so changing it changes nothing the emulator keeps.</summary>
    public CreateInteractionInput Request => _request.ToObject<CreateInteractionInput>(Reader)!;

    /// <summary>The request body, as JSON text.</summary>
    public string RequestBody { get; }

    /// <summary>The channel requested.</summary>
    public InteractionChannel Channel { get; }

    /// <summary>The customer's phone number (<c>customerOverride.phoneNumber</c>, else <c>customerPhone</c>), or null.</summary>
    public string? PhoneNumber { get; }

    /// <summary>The customer's email address (<c>customerOverride.email</c>, else <c>customerEmail</c>), or null.</summary>
    public string? Email { get; }

    /// <summary>How it ends (or ended).</summary>
    public CallOutcome Outcome
    {
        get
        {
            lock (_gate)
            {
                return _conversation.Outcome;
            }
        }
    }

    /// <summary>Its status now, on the emulator's clock.</summary>
    public InteractionStatus Status => new((string)ToJson(_options.TimeProvider.GetUtcNow())["status"]!);

    /// <summary>Whether it has ended: its status is final (<see cref="InteractionStatus.IsFinal"/>), or is the <see cref="EmulatedConversation.FinalStatus"/> scripted for it.</summary>
    public bool IsFinal => Phase(_options.TimeProvider.GetUtcNow() - CreatedAt, Conversation()).EndedAfter is not null;

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

            _conversation = _conversation.With(outcome);
        }
    }

    /// <summary>Changes how it goes (its outcome, lines, duration, recording), while it has not ended yet.</summary>
    /// <param name="conversation">How it goes from now on; copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    /// <exception cref="ArgumentException">A setting of <paramref name="conversation"/> is invalid; the message names it.</exception>
    /// <exception cref="InvalidOperationException">It has already ended.</exception>
    public void ScriptConversation(EmulatedConversation conversation)
    {
        var copy = (conversation ?? throw new ArgumentNullException(nameof(conversation))).Validated(nameof(conversation));
        lock (_gate)
        {
            if (IsFinal)
            {
                throw new InvalidOperationException($"Interaction {Id} has already ended ({Status}); script its conversation before it does.");
            }

            _conversation = copy;
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

        var conversation = Conversation();
        var (status, ended) = Phase(now - CreatedAt, conversation);
        body["status"] = status;
        if (ended is { } end)
        {
            AddEnding(body, conversation, end);
        }

        return body;
    }

    private EmulatedConversation Conversation()
    {
        lock (_gate)
        {
            return _conversation;
        }
    }

    private (string Status, TimeSpan? EndedAfter) Phase(TimeSpan elapsed, EmulatedConversation conversation)
    {
        var (status, ended) = Unfolding(elapsed, conversation.Outcome, conversation.Duration ?? _options.ConversationFor);
        return ended is not null && conversation.FinalStatus is { } scripted ? (scripted, ended) : (status, ended);
    }

    private (string Status, TimeSpan? EndedAfter) Unfolding(TimeSpan elapsed, CallOutcome outcome, TimeSpan conversationFor)
    {
        var queued = _options.QueuedFor;
        if (elapsed < queued)
        {
            return ("queued", null);
        }

        switch (outcome)
        {
            case CallOutcome.Failed:
                return ("failed", queued);
            case CallOutcome.Canceled:
                return ("canceled", queued);
            case CallOutcome.Expired:
                return ("expired", queued);
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
                var endsAt = answeredAt + conversationFor;
                return elapsed < endsAt ? ("in-progress", null) : (WireStatus(outcome), endsAt);
        }
    }

    private static string WireStatus(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Closed => "closed",
        CallOutcome.Resolved => "resolved",
        _ => "completed",
    };

    private void AddEnding(JObject body, EmulatedConversation conversation, TimeSpan endedAfter)
    {
        var outcome = conversation.Outcome;
        var talked = outcome is CallOutcome.Completed or CallOutcome.Closed or CallOutcome.Resolved;
        var leftVoicemail = outcome == CallOutcome.Voicemail && Channel == InteractionChannel.Call;
        if (!talked && !leftVoicemail)
        {
            return;
        }

        var length = talked ? conversation.Duration ?? _options.ConversationFor : TimeSpan.Zero;
        var start = CreatedAt + endedAfter - length;
        var said = conversation.Lines?.Select(line => (line.Sender, Fill(line.Content))).ToList()
            ?? (talked
                ? new List<(string, string)> { ("agent", FirstMessage()), ("customer", "Yes, speaking. Thank you for letting me know."), ("agent", "You're welcome. Goodbye!") }
                : new List<(string, string)> { ("agent", FirstMessage()) });
        var lines = said.Select((line, index) => (line.Item1, line.Item2, At: start + (said.Count > 1 ? TimeSpan.FromTicks(length.Ticks * index / (said.Count - 1)) : TimeSpan.Zero))).ToList();

        body["transcription"] = string.Join("\n", lines.Select(line => $"{line.Item1}: {line.Item2}"));
        body["messages"] = new JArray(lines.Select((line, index) => new JObject
        {
            ["sid"] = "SM" + Hash(Id + "/" + index.ToString(CultureInfo.InvariantCulture))[..32],
            ["timestamp"] = line.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["sender"] = line.Item1,
            ["content"] = line.Item2,
            ["status"] = "delivered",
        }));
        if (talked)
        {
            body["duration"] = Math.Round(length.TotalSeconds, 3);
        }

        if (conversation.RecordingUrl is { } recording)
        {
            body["recordingUrl"] = recording.ToString();
        }
        else if (Channel == InteractionChannel.Call)
        {
            body["recordingUrl"] = $"https://recordings.emulator.invalid/{Id}.wav";
        }
    }

    /// <summary>The agent's first message: the request's <c>initialMessage</c> (or a default) with its placeholders filled in.</summary>
    private string FirstMessage() =>
        Fill((string?)_request.SelectToken("agentOverride.prompt.initialMessage") ?? "Hello {{firstName}}, this is {{aiName}}.");

    /// <summary>A line with its placeholders filled from the request; an unknown placeholder is left as it is.</summary>
    private string Fill(string template)
    {
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
