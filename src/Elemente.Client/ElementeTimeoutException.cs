namespace Elemente;

/// <summary>
/// An attempt took longer than <see cref="ElementeClientOptions.Timeout"/> (from sending the request to reading the
/// last byte of the answer), or longer than the <see cref="HttpClient.Timeout"/> of the caller's
/// <see cref="HttpClient"/>; or a wait for an interaction to end ran out of time (see <see cref="LastStatus"/>).
/// Distinct from the caller's own cancellation, which surfaces as
/// <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class ElementeTimeoutException : ElementeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="timeout">The timeout that elapsed.</param>
    /// <param name="outcomeUnknown">Whether the request may have been processed anyway.</param>
    /// <param name="innerException">The cancellation that ended the attempt.</param>
    public ElementeTimeoutException(TimeSpan timeout, bool outcomeUnknown, Exception? innerException)
        : base(Describe(timeout, outcomeUnknown), outcomeUnknown, requestId: null, innerException)
    {
        Timeout = timeout;
    }

    /// <summary>Creates the exception for a wait that ran out of time (<see cref="CallsClient.WaitForCompletionAsync"/>).</summary>
    /// <param name="timeout">The overall timeout of the wait.</param>
    /// <param name="message">What was waited for and the last status seen.</param>
    /// <param name="lastStatus">The last status seen, if any answer came.</param>
    /// <param name="innerException">The cancellation that ended the wait.</param>
    internal ElementeTimeoutException(TimeSpan timeout, string message, InteractionStatus? lastStatus, Exception? innerException)
        : base(message, outcomeUnknown: false, requestId: null, innerException)
    {
        Timeout = timeout;
        LastStatus = lastStatus;
    }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>
    /// When a wait for an interaction to end ran out of time (<see cref="CallsClient.WaitForCompletionAsync"/>): the last
    /// status the API reported. Null for a single request's timeout, or when no answer came.
    /// </summary>
    public InteractionStatus? LastStatus { get; }

    private static string Describe(TimeSpan timeout, bool outcomeUnknown) =>
        $"The Elemente API did not answer within {timeout.TotalSeconds:0.###} s." + (outcomeUnknown ? " " + OutcomeText.MayHaveBeenProcessed : string.Empty);
}
