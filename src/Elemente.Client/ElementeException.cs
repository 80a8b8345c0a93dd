namespace Elemente;

/// <summary>
/// The base of every exception the Elemente client throws for a failed operation, so one <c>catch</c> can decide what
/// to do next. Check <see cref="OutcomeUnknown"/> before creating an interaction again: when it is true the API may
/// have acted on the request, and a second create could contact the customer twice.
/// </summary>
/// <remarks>
/// The leaf types say what failed: <see cref="ElementeApiException"/> (the API answered with an error, or with a body
/// that cannot be read), <see cref="ElementeTimeoutException"/>, <see cref="ElementeConnectionException"/> and
/// <see cref="ElementeValidationException"/> (nothing was sent). The caller's own cancellation is not one of them: it
/// surfaces as <see cref="OperationCanceledException"/>.
/// </remarks>
public abstract class ElementeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, in a sentence.</param>
    /// <param name="outcomeUnknown">Whether the API may have acted on the request despite the failure.</param>
    /// <param name="requestId">The server's request id, if the failure came with a response that had one.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected ElementeException(string message, bool outcomeUnknown, string? requestId, Exception? innerException)
        : base(message, innerException)
    {
        OutcomeUnknown = outcomeUnknown;
        RequestId = requestId;
    }

    /// <summary>
    /// True when the request was sent and the API may have acted on it: an interaction may have been created. The
    /// client never retries such a request; check (for example with the interaction's id, or in the Elemente console)
    /// before creating it again. False when the request provably had no effect: it was never sent, it was rejected,
    /// or it was only a read.
    /// </summary>
    public bool OutcomeUnknown { get; }

    /// <summary>The server's request id (from <c>x-request-id</c> or a similar header), if it sent one. Quote it to support.</summary>
    public string? RequestId { get; }
}
