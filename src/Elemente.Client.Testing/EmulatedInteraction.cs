using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Elemente.Testing;

/// <summary>
/// An interaction the emulator created from a request, and its life so far. Its status moves with the emulator's
/// clock: <c>queued</c>, then (calls only) <c>ringing</c>, then <c>in-progress</c> and <c>completed</c>, or the scripted
/// outcome's final status.
/// </summary>
public sealed partial class EmulatedInteraction
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
}
