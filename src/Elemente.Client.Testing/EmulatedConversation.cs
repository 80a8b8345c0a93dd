namespace Elemente.Testing;

/// <summary>
/// How an emulated interaction goes: how it ends, what is said, how long it lasts and where its recording is. Script it
/// per phone number (<see cref="ElementeEmulator.ScriptConversation"/>), for the next interactions
/// (<see cref="ElementeEmulator.ScriptNextConversation"/>) or for one interaction
/// (<see cref="EmulatedInteraction.ScriptConversation"/>), on every channel. What is left unset keeps the emulator's default.
/// </summary>
/// <example>
/// <code>
/// emulator.ScriptConversation("+12155550100", new EmulatedConversation
/// {
///     Lines = [EmulatedLine.Agent("Hello {{firstName}}, your order {{Order ID}} ships today."), EmulatedLine.Customer("Please deliver it to the back door.")],
///     Duration = TimeSpan.FromSeconds(42),
/// });
/// </code>
/// </example>
public sealed class EmulatedConversation
{
    /// <summary>How it ends; <see cref="CallOutcome.Completed"/> by default.</summary>
    public CallOutcome Outcome { get; init; } = CallOutcome.Completed;

    /// <summary>
    /// The status it ends with on the wire instead of the outcome's, at the moment the outcome would end it: for
    /// example a status the client does not know (<c>"transferred"</c>), to test that your code reads it without failing.
    /// Null (the default) for the outcome's own status.
    /// </summary>
    public string? FinalStatus { get; init; }

    /// <summary>
    /// What is said, in order: the transcription (<c>sender: content</c> a line) and one message a line, spread over the
    /// conversation. Placeholders such as <c>{{firstName}}</c>, <c>{{lastName}}</c>, <c>{{aiName}}</c> and a custom field's
    /// <c>{{name}}</c> are filled from the request. Null (the default) for the agent's first message (the request's
    /// <c>initialMessage</c>), a reply and a goodbye. Used when the outcome has a conversation: completed, closed,
    /// resolved or voicemail.
    /// </summary>
    public IReadOnlyList<EmulatedLine>? Lines { get; init; }

    /// <summary>
    /// How long it stays <c>in-progress</c>, and the duration reported when it ends completed, closed or resolved. Null
    /// (the default) for <see cref="ElementeEmulatorOptions.ConversationFor"/>.
    /// </summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>
    /// The recording URL reported once it has ended with a conversation, on any channel. Null (the default) for a
    /// generated one on calls and none on other channels.
    /// </summary>
    public Uri? RecordingUrl { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"EmulatedConversation {{ Outcome = {Outcome}, FinalStatus = {FinalStatus ?? "(the outcome's)"}, Lines = {(Lines is null ? "(default)" : Lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}, Duration = {(Duration?.ToString() ?? "(default)")} }}";

    /// <summary>Checks it and copies it, so that later changes to the caller's lists do not apply.</summary>
    internal EmulatedConversation Validated(string parameter)
    {
        if (!Enum.IsDefined(Outcome))
        {
            throw new ArgumentOutOfRangeException(parameter, Outcome, "EmulatedConversation.Outcome is not a CallOutcome.");
        }

        if (FinalStatus is not null && string.IsNullOrWhiteSpace(FinalStatus))
        {
            throw new ArgumentException("EmulatedConversation.FinalStatus must be null or a status such as \"transferred\".", parameter);
        }

        if (Duration < TimeSpan.Zero)
        {
            throw new ArgumentException("EmulatedConversation.Duration cannot be negative.", parameter);
        }

        if (RecordingUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("EmulatedConversation.RecordingUrl must be absolute.", parameter);
        }

        if (Lines?.Any(line => line is null) == true)
        {
            throw new ArgumentException("EmulatedConversation.Lines cannot hold null.", parameter);
        }

        return With(Outcome);
    }

    /// <summary>A copy with another outcome.</summary>
    internal EmulatedConversation With(CallOutcome outcome) => new()
    {
        Outcome = outcome,
        FinalStatus = FinalStatus,
        Lines = Lines?.ToArray(),
        Duration = Duration,
        RecordingUrl = RecordingUrl,
    };
}

/// <summary>One line of an <see cref="EmulatedConversation"/>: who says it, and what.</summary>
public sealed class EmulatedLine
{
    /// <summary>Creates a line.</summary>
    /// <param name="sender">Who says it, as the API names senders: <c>agent</c> or <c>customer</c>.</param>
    /// <param name="content">What is said; placeholders such as <c>{{firstName}}</c> are filled from the request.</param>
    /// <exception cref="ArgumentException"><paramref name="sender"/> is null, empty or blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    public EmulatedLine(string sender, string content)
    {
        if (string.IsNullOrWhiteSpace(sender))
        {
            throw new ArgumentException("Name who says the line, such as agent or customer.", nameof(sender));
        }

        Sender = sender;
        Content = content ?? throw new ArgumentNullException(nameof(content));
    }

    /// <summary>Who says it.</summary>
    public string Sender { get; }

    /// <summary>What is said, placeholders unfilled.</summary>
    public string Content { get; }

    /// <summary>A line the agent says.</summary>
    /// <param name="content">What is said.</param>
    /// <returns>The line.</returns>
    public static EmulatedLine Agent(string content) => new("agent", content);

    /// <summary>A line the customer says.</summary>
    /// <param name="content">What is said.</param>
    /// <returns>The line.</returns>
    public static EmulatedLine Customer(string content) => new("customer", content);

    /// <inheritdoc />
    public override string ToString() => $"{Sender}: {Content}";
}
