namespace Elemente.Testing;

/// <summary>The kinds of failure <see cref="ElementeEmulator.InjectFault"/> can make a request meet.</summary>
public enum EmulatedFaultKind
{
    /// <summary>429 Too Many Requests with a <c>Retry-After</c> header; the request is not processed.</summary>
    RateLimited,

    /// <summary>503 Service Unavailable; the request is not processed.</summary>
    ServiceUnavailable,

    /// <summary>No answer at all: the request is held, unprocessed, until the client gives up (its timeout or cancellation).</summary>
    Timeout,

    /// <summary>
    /// The request is processed (a create creates its interaction), then the connection drops before any answer: the
    /// client cannot know whether it worked. For a create this is the outcome-unknown case.
    /// </summary>
    DropConnectionAfterProcessing,
}

/// <summary>
/// A failure for the emulator to inject into the next requests (<see cref="ElementeEmulator.InjectFault"/>), for tests of
/// how your code copes with rate limits, outages, timeouts and lost answers.
/// </summary>
public sealed class EmulatedFault
{
    private EmulatedFault(EmulatedFaultKind kind, TimeSpan? retryAfter, string? operation)
    {
        Kind = kind;
        RetryAfter = retryAfter;
        Operation = operation;
    }

    /// <summary>What happens to the request.</summary>
    public EmulatedFaultKind Kind { get; }

    /// <summary>The <c>Retry-After</c> a <see cref="EmulatedFaultKind.RateLimited"/> or <see cref="EmulatedFaultKind.ServiceUnavailable"/> answer carries (whole seconds), or null for none.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// The operation whose requests meet the fault, as named in <see cref="EmulatorOperations"/> (for example
    /// <c>Calls_Create</c>), or null for any request that reaches an operation.
    /// </summary>
    public string? Operation { get; }

    /// <summary>429 Too Many Requests with <c>Retry-After</c>.</summary>
    /// <param name="retryAfter">The wait the answer asks for; whole seconds go on the wire (at least 0). One second when null.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public static EmulatedFault RateLimited(TimeSpan? retryAfter = null) => new(EmulatedFaultKind.RateLimited, NotNegative(retryAfter ?? TimeSpan.FromSeconds(1)), null);

    /// <summary>503 Service Unavailable, with <c>Retry-After</c> when <paramref name="retryAfter"/> is given.</summary>
    /// <param name="retryAfter">The wait the answer asks for, or null to send no <c>Retry-After</c>.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public static EmulatedFault ServiceUnavailable(TimeSpan? retryAfter = null) => new(EmulatedFaultKind.ServiceUnavailable, retryAfter is { } value ? NotNegative(value) : null, null);

    /// <summary>No answer: the request is held, unprocessed, until the client times out or cancels.</summary>
    /// <returns>The fault.</returns>
    public static EmulatedFault Timeout() => new(EmulatedFaultKind.Timeout, null, null);

    /// <summary>The request is processed, then the connection drops before the answer.</summary>
    /// <returns>The fault.</returns>
    public static EmulatedFault DropConnectionAfterProcessing() => new(EmulatedFaultKind.DropConnectionAfterProcessing, null, null);

    /// <summary>The same fault, met only by requests to one operation.</summary>
    /// <param name="operation">The operation's name, for example <see cref="EmulatorOperations.CreateCall"/>.</param>
    /// <returns>A new fault; this one is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="operation"/> is null or empty.</exception>
    public EmulatedFault ForOperation(string operation)
    {
        if (string.IsNullOrEmpty(operation))
        {
            throw new ArgumentException("Name the operation, for example EmulatorOperations.CreateCall.", nameof(operation));
        }

        return new EmulatedFault(Kind, RetryAfter, operation);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Kind + (RetryAfter is { } wait ? $" (Retry-After {(long)wait.TotalSeconds} s)" : string.Empty) + (Operation is null ? string.Empty : $" for {Operation}");

    private static TimeSpan NotNegative(TimeSpan value) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Retry-After cannot be negative.");
}
