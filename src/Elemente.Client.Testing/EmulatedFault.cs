using System.Collections.ObjectModel;
using System.Globalization;

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

    /// <summary>Any status code, with the headers and body given; the request is not processed.</summary>
    Status,

    /// <summary>
    /// The request is processed, then answered with a success status and a body that is not JSON: the client cannot read
    /// what happened. For a create this is the outcome-unknown case.
    /// </summary>
    UnreadableBody,

    /// <summary>The request waits (fixed, or with jitter) on the emulator's <see cref="TimeProvider"/>, then is processed and answered as usual.</summary>
    Latency,

    /// <summary>The request is processed; the answer's headers come at once, its body a few bytes at a time, with a delay on the emulator's <see cref="TimeProvider"/> between them.</summary>
    SlowBody,

    /// <summary>The connection is reset before the request is processed: nothing happened, but the client cannot know that.</summary>
    ResetBeforeProcessing,
}

/// <summary>
/// A failure for the emulator to inject into the next requests (<see cref="ElementeEmulator.InjectFault"/>), for tests of
/// how your code copes with rate limits, outages, timeouts, slow or lost answers. Scope it to one operation with
/// <see cref="ForOperation(EmulatorOperation)"/>, and to N requests with <see cref="ElementeEmulator.InjectFault"/>'s count.
/// </summary>
public sealed class EmulatedFault
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());

    private EmulatedFault(EmulatedFaultKind kind, TimeSpan? retryAfter = null, int? statusCode = null, string? body = null, IReadOnlyDictionary<string, string>? headers = null, TimeSpan? delay = null, TimeSpan? jitter = null, int? chunkBytes = null)
    {
        Kind = kind;
        RetryAfter = retryAfter;
        StatusCode = statusCode;
        Body = body;
        Headers = headers ?? NoHeaders;
        Delay = delay;
        Jitter = jitter;
        ChunkBytes = chunkBytes;
    }

    private EmulatedFault(EmulatedFault other, string operation)
    {
        Kind = other.Kind;
        RetryAfter = other.RetryAfter;
        StatusCode = other.StatusCode;
        Headers = other.Headers;
        Body = other.Body;
        Delay = other.Delay;
        Jitter = other.Jitter;
        ChunkBytes = other.ChunkBytes;
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

    /// <summary>The status answered: set for <see cref="EmulatedFaultKind.Status"/>, and for <see cref="EmulatedFaultKind.UnreadableBody"/> when given (else the operation's own success status).</summary>
    public int? StatusCode { get; }

    /// <summary>The extra headers of a <see cref="EmulatedFaultKind.Status"/> answer; empty for other kinds.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body of a <see cref="EmulatedFaultKind.Status"/> or <see cref="EmulatedFaultKind.UnreadableBody"/> answer, or null for the default.</summary>
    public string? Body { get; }

    /// <summary>The wait of a <see cref="EmulatedFaultKind.Latency"/> fault, or the delay between the pieces of a <see cref="EmulatedFaultKind.SlowBody"/>.</summary>
    public TimeSpan? Delay { get; }

    /// <summary>For <see cref="EmulatedFaultKind.Latency"/>: the most added at random to <see cref="Delay"/> (repeatable with <see cref="ElementeEmulatorOptions.Seed"/>).</summary>
    public TimeSpan? Jitter { get; }

    /// <summary>For <see cref="EmulatedFaultKind.SlowBody"/>: how many bytes of the body come at a time.</summary>
    public int? ChunkBytes { get; }

    /// <summary>429 Too Many Requests with <c>Retry-After</c>.</summary>
    /// <param name="retryAfter">The wait the answer asks for; whole seconds go on the wire (at least 0). One second when null.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public static EmulatedFault RateLimited(TimeSpan? retryAfter = null) => new(EmulatedFaultKind.RateLimited, NotNegative(retryAfter ?? TimeSpan.FromSeconds(1), nameof(retryAfter)));

    /// <summary>503 Service Unavailable, with <c>Retry-After</c> when <paramref name="retryAfter"/> is given.</summary>
    /// <param name="retryAfter">The wait the answer asks for, or null to send no <c>Retry-After</c>.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public static EmulatedFault ServiceUnavailable(TimeSpan? retryAfter = null) => new(EmulatedFaultKind.ServiceUnavailable, retryAfter is { } value ? NotNegative(value, nameof(retryAfter)) : null);

    /// <summary>No answer: the request is held, unprocessed, until the client times out or cancels.</summary>
    /// <returns>The fault.</returns>
    public static EmulatedFault Timeout() => new(EmulatedFaultKind.Timeout);

    /// <summary>The request is processed, then the connection drops before the answer. The same as <see cref="ResetAfterProcessing"/>.</summary>
    /// <returns>The fault.</returns>
    public static EmulatedFault DropConnectionAfterProcessing() => new(EmulatedFaultKind.DropConnectionAfterProcessing);

    /// <summary>The request is processed, then the connection is reset before the answer: for a create, the outcome-unknown case.</summary>
    /// <returns>The fault (of kind <see cref="EmulatedFaultKind.DropConnectionAfterProcessing"/>).</returns>
    public static EmulatedFault ResetAfterProcessing() => new(EmulatedFaultKind.DropConnectionAfterProcessing);

    /// <summary>The connection is reset before the request is processed: nothing happened.</summary>
    /// <returns>The fault.</returns>
    public static EmulatedFault ResetBeforeProcessing() => new(EmulatedFaultKind.ResetBeforeProcessing);

    /// <summary>
    /// Any status code (500, 502, 504, 418, even a 2xx), with optional headers and body; the request is not processed.
    /// </summary>
    /// <param name="statusCode">The status, 100 to 599.</param>
    /// <param name="body">The body as sent; null for a NestJS-style JSON error naming the status (<c>{"statusCode":502,"message":"Bad Gateway"}</c>).</param>
    /// <param name="headers">Headers to add, such as <c>Retry-After</c> or a <c>Content-Type</c> for <paramref name="body"/>; null for none.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not 100 to 599.</exception>
    public static EmulatedFault Status(int statusCode, string? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        if (statusCode is < 100 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An HTTP status is 100 to 599.");
        }

        var copied = headers is null ? NoHeaders : new ReadOnlyDictionary<string, string>(headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
        return new EmulatedFault(EmulatedFaultKind.Status, null, statusCode, body, copied);
    }

    /// <summary>
    /// The request is processed, then answered with a success status and a body that is not JSON (an HTML error page,
    /// as a proxy might send): for a create, the outcome-unknown case.
    /// </summary>
    /// <param name="statusCode">A 2xx status; null for the operation's own (201 for a create, 200 for a get).</param>
    /// <param name="body">The body; null for a short HTML page.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not 2xx.</exception>
    public static EmulatedFault UnreadableBody(int? statusCode = null, string? body = null)
    {
        if (statusCode is { } code && code is < 200 or > 299)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "An unreadable success is 2xx.");
        }

        return new EmulatedFault(EmulatedFaultKind.UnreadableBody, statusCode: statusCode, body: body);
    }

    /// <summary>The request waits, then is processed and answered as usual; the wait runs on the emulator's <see cref="TimeProvider"/>.</summary>
    /// <param name="delay">The wait.</param>
    /// <param name="jitter">The most added at random to <paramref name="delay"/>; none when null.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> or <paramref name="jitter"/> is negative.</exception>
    public static EmulatedFault Latency(TimeSpan delay, TimeSpan? jitter = null) =>
        new(EmulatedFaultKind.Latency, delay: NotNegative(delay, nameof(delay)), jitter: jitter is { } j ? NotNegative(j, nameof(jitter)) : null);

    /// <summary>
    /// The request is processed; the answer's status and headers come at once, its body <paramref name="chunkBytes"/>
    /// bytes at a time with <paramref name="delayBetweenChunks"/> (on the emulator's <see cref="TimeProvider"/>) between them.
    /// </summary>
    /// <param name="delayBetweenChunks">The wait before each piece after the first.</param>
    /// <param name="chunkBytes">The size of a piece, at least 1; 16 by default.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delayBetweenChunks"/> is negative, or <paramref name="chunkBytes"/> is less than 1.</exception>
    public static EmulatedFault SlowBody(TimeSpan delayBetweenChunks, int chunkBytes = 16) =>
        chunkBytes < 1
            ? throw new ArgumentOutOfRangeException(nameof(chunkBytes), chunkBytes, "A piece is at least one byte.")
            : new(EmulatedFaultKind.SlowBody, delay: NotNegative(delayBetweenChunks, nameof(delayBetweenChunks)), chunkBytes: chunkBytes);

    /// <summary>The same fault, met only by requests to one operation.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>A new fault; this one is unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operation"/> is not an <see cref="EmulatorOperation"/>.</exception>
    public EmulatedFault ForOperation(EmulatorOperation operation) => new(this, EmulatorOperations.Name(operation));

    /// <summary>The same fault, met only by requests to one operation, by name.</summary>
    /// <param name="operation">The operation's name, one of <see cref="EmulatorOperations.All"/>, for example <see cref="EmulatorOperations.CreateCall"/>.</param>
    /// <returns>A new fault; this one is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="operation"/> names no operation; the message lists the valid names.</exception>
    public EmulatedFault ForOperation(string operation) => new(this, EmulatorOperations.Checked(operation, nameof(operation)));

    /// <inheritdoc />
    public override string ToString() =>
        Kind
        + (StatusCode is { } status ? " " + status.ToString(CultureInfo.InvariantCulture) : string.Empty)
        + (RetryAfter is { } wait ? $" (Retry-After {(long)wait.TotalSeconds} s)" : string.Empty)
        + (Delay is { } delay ? $" ({delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms{(Jitter is { } jitter ? $" + up to {jitter.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms" : string.Empty)})" : string.Empty)
        + (Operation is null ? string.Empty : $" for {Operation}");

    /// <summary>The wait of a latency fault, its jitter drawn from <paramref name="random"/>.</summary>
    internal TimeSpan NextDelay(Random random)
    {
        var delay = Delay ?? TimeSpan.Zero;
        if (Jitter is not { } jitter || jitter <= TimeSpan.Zero)
        {
            return delay;
        }

        double fraction;
        lock (random)
        {
            fraction = random.NextDouble();
        }

        return delay + TimeSpan.FromTicks((long)(jitter.Ticks * fraction));
    }

    private static TimeSpan NotNegative(TimeSpan value, string parameter) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(parameter, value, "Cannot be negative.");
}
