namespace Elemente.Testing;

/// <summary>How an <see cref="ElementeEmulator"/> behaves: its clock, credentials and the timing of a call's life.</summary>
public sealed class ElementeEmulatorOptions
{
    /// <summary>The user name the emulator accepts when none is set.</summary>
    public const string DefaultUsername = "emulator";

    /// <summary>The password the emulator accepts when none is set. Not a secret: the emulator is for tests.</summary>
    public const string DefaultPassword = "emulator-password";

    /// <summary>
    /// The clock calls live on. <see cref="TimeProvider.System"/> by default; pass a <c>FakeTimeProvider</c>
    /// (Microsoft.Extensions.TimeProvider.Testing) to move a call through its life with <c>Advance</c>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The HTTP Basic user name requests must carry.</summary>
    public string Username { get; set; } = DefaultUsername;

    /// <summary>The HTTP Basic password requests must carry.</summary>
    public string Password { get; set; } = DefaultPassword;

    /// <summary>How long an interaction stays <c>queued</c> after it is created. 1 second by default.</summary>
    public TimeSpan QueuedFor { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a call stays <c>ringing</c> before it is answered, rings out or meets a busy line. 5 seconds by default.</summary>
    public TimeSpan RingingFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an answered call (or a conversation on another channel) stays <c>in-progress</c> before it is
    /// <c>completed</c>; also its reported duration. 30 seconds by default.
    /// </summary>
    public TimeSpan ConversationFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How an interaction ends when nothing is scripted for it. <see cref="CallOutcome.Completed"/> by default.</summary>
    public CallOutcome DefaultOutcome { get; set; } = CallOutcome.Completed;

    /// <summary>The port <see cref="ElementeEmulator.StartServerAsync"/> listens on, on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int ServerPort { get; set; }

    /// <summary>
    /// Makes the emulator's random choices repeatable: the interaction ids it answers with and the jitter of
    /// <see cref="EmulatedFault.Latency"/>. Null (the default) for random ones.
    /// </summary>
    public int? Seed { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"ElementeEmulatorOptions {{ Username = {Username}, Password = ***, QueuedFor = {QueuedFor}, RingingFor = {RingingFor}, ConversationFor = {ConversationFor}, DefaultOutcome = {DefaultOutcome}, ServerPort = {ServerPort}, Seed = {(Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")} }}";

    internal ElementeEmulatorOptions Validated()
    {
        Check(TimeProvider is not null, nameof(TimeProvider), "is required");
        Check(!string.IsNullOrEmpty(Username) && !Username.Contains(':', StringComparison.Ordinal), nameof(Username), "must be set and contain no ':'");
        Check(!string.IsNullOrEmpty(Password), nameof(Password), "must be set");
        Check(QueuedFor >= TimeSpan.Zero, nameof(QueuedFor), "cannot be negative");
        Check(RingingFor >= TimeSpan.Zero, nameof(RingingFor), "cannot be negative");
        Check(ConversationFor >= TimeSpan.Zero, nameof(ConversationFor), "cannot be negative");
        Check(Enum.IsDefined(DefaultOutcome), nameof(DefaultOutcome), "is not a CallOutcome");
        Check(ServerPort is >= 0 and <= 65535, nameof(ServerPort), "must be 0 to 65535");
        return (ElementeEmulatorOptions)MemberwiseClone();
    }

    private static void Check(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"ElementeEmulatorOptions.{name} {problem}.", name);
        }
    }
}
