// PATCH: status is an open set of values (upstream lists 19 and may add more); a closed enum would fail on the first new one. Keep while the API adds statuses without notice.
using System.ComponentModel;
using Elemente.Serialization;
using Newtonsoft.Json;

namespace Elemente;

/// <summary>
/// The state of an interaction. The known values are listed as static properties; any other value the API sends is
/// kept as it came, so a new status never breaks deserialization. <see cref="ToString"/> returns the raw value.
/// </summary>
[JsonConverter(typeof(InteractionStatusConverter))]
public readonly struct InteractionStatus : IEquatable<InteractionStatus>
{
    private readonly string? _value;

    /// <summary>Creates a status from its raw value.</summary>
    /// <param name="value">The value as the API writes it, e.g. <c>in-progress</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public InteractionStatus(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary><c>failed</c>: the interaction could not be carried out.</summary>
    public static InteractionStatus Failed { get; } = new("failed");

    /// <summary><c>voicemail</c>: the call reached a voicemail box.</summary>
    public static InteractionStatus Voicemail { get; } = new("voicemail");

    /// <summary><c>ringing</c>: the customer's phone is ringing.</summary>
    public static InteractionStatus Ringing { get; } = new("ringing");

    /// <summary><c>answer</c>: the customer answered.</summary>
    public static InteractionStatus Answer { get; } = new("answer");

    /// <summary><c>completed</c>: the interaction ended normally.</summary>
    public static InteractionStatus Completed { get; } = new("completed");

    /// <summary><c>busy</c>: the customer's line was busy.</summary>
    public static InteractionStatus Busy { get; } = new("busy");

    /// <summary><c>open</c>: the conversation is open.</summary>
    public static InteractionStatus Open { get; } = new("open");

    /// <summary><c>close</c>: the conversation is being closed.</summary>
    public static InteractionStatus Close { get; } = new("close");

    /// <summary><c>closed</c>: the conversation is closed.</summary>
    public static InteractionStatus Closed { get; } = new("closed");

    /// <summary><c>resolved</c>: the customer's matter was resolved.</summary>
    public static InteractionStatus Resolved { get; } = new("resolved");

    /// <summary><c>no-answer</c>: nobody answered.</summary>
    public static InteractionStatus NoAnswer { get; } = new("no-answer");

    /// <summary><c>canceled</c>: the interaction was canceled.</summary>
    public static InteractionStatus Canceled { get; } = new("canceled");

    /// <summary><c>in-progress</c>: the interaction is under way (most fields are not filled in yet).</summary>
    public static InteractionStatus InProgress { get; } = new("in-progress");

    /// <summary><c>ongoing</c>: the conversation is going on.</summary>
    public static InteractionStatus Ongoing { get; } = new("ongoing");

    /// <summary><c>pending</c>: the interaction waits to start.</summary>
    public static InteractionStatus Pending { get; } = new("pending");

    /// <summary><c>stalled</c>: the conversation stopped without ending.</summary>
    public static InteractionStatus Stalled { get; } = new("stalled");

    /// <summary><c>expired</c>: the interaction expired before it ended.</summary>
    public static InteractionStatus Expired { get; } = new("expired");

    /// <summary><c>processing</c>: the interaction is being processed.</summary>
    public static InteractionStatus Processing { get; } = new("processing");

    /// <summary><c>queued</c>: the interaction is queued.</summary>
    public static InteractionStatus Queued { get; } = new("queued");

    /// <summary>The values upstream documents, in its order.</summary>
    public static IReadOnlyList<InteractionStatus> KnownValues { get; } = new[]
    {
        Failed, Voicemail, Ringing, Answer, Completed, Busy, Open, Close, Closed, Resolved,
        NoAnswer, Canceled, InProgress, Ongoing, Pending, Stalled, Expired, Processing, Queued,
    };

    /// <summary>Whether this is one of <see cref="KnownValues"/>.</summary>
    public bool IsKnown => IsOneOf(KnownValues);

    /// <summary>
    /// Whether the interaction has ended and its status will not change again, so
    /// <see cref="CallsClient.WaitForCompletionAsync"/> stops polling. Final: <see cref="Completed"/>,
    /// <see cref="Failed"/>, <see cref="Canceled"/> and <see cref="Expired"/> (the interaction is over, one way or
    /// another); <see cref="Busy"/>, <see cref="NoAnswer"/> and <see cref="Voicemail"/> (the call attempt ended without
    /// reaching the customer; a retry is a new interaction); <see cref="Closed"/> and <see cref="Resolved"/> (the
    /// conversation was closed).
    /// </summary>
    /// <remarks>
    /// Not final: <see cref="Queued"/>, <see cref="Pending"/>, <see cref="Processing"/>, <see cref="Ringing"/>,
    /// <see cref="Answer"/>, <see cref="InProgress"/>, <see cref="Ongoing"/> and <see cref="Open"/> (still under way);
    /// <see cref="Close"/> (being closed: <see cref="Closed"/> follows) and <see cref="Stalled"/> (a conversation that
    /// stopped can resume). A value the client does not know is not final either: waiting on it ends at the wait's
    /// timeout rather than returning an interaction that may still change. The docs list the values without saying which
    /// are final; this split follows their descriptions.
    /// </remarks>
    public bool IsFinal => IsOneOf(FinalValues);

    private static readonly InteractionStatus[] FinalValues =
    {
        Completed, Failed, Canceled, Expired, Busy, NoAnswer, Voicemail, Closed, Resolved,
    };

    private bool IsOneOf(IEnumerable<InteractionStatus> values)
    {
        foreach (var value in values)
        {
            if (Equals(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Converts a raw value to a status.</summary>
    /// <param name="value">The raw value.</param>
    public static implicit operator InteractionStatus(string value) => new(value);

    /// <summary>Compares two statuses by value, ignoring case.</summary>
    public static bool operator ==(InteractionStatus left, InteractionStatus right) => left.Equals(right);

    /// <summary>Compares two statuses by value, ignoring case.</summary>
    public static bool operator !=(InteractionStatus left, InteractionStatus right) => !left.Equals(right);

    /// <summary>Compares two statuses by value, ignoring case.</summary>
    public bool Equals(InteractionStatus other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is InteractionStatus other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Returns the raw value, exactly as the API sent it.</summary>
    public override string ToString() => _value ?? string.Empty;
}
