namespace Elemente;

/// <summary>
/// An attempt took longer than <see cref="ElementeClientOptions.Timeout"/>. Distinct from the caller's own
/// cancellation, which surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public class ElementeTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="timeout">The timeout that elapsed.</param>
    /// <param name="outcomeUnknown">Whether the request may have been processed anyway.</param>
    /// <param name="innerException">The cancellation that ended the attempt.</param>
    public ElementeTimeoutException(TimeSpan timeout, bool outcomeUnknown, Exception? innerException)
        : base(Describe(timeout, outcomeUnknown), innerException)
    {
        Timeout = timeout;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>
    /// True when the request may have been processed anyway (a create that timed out after it was sent): the
    /// interaction may exist, so check before creating it again. Such requests are never retried.
    /// </summary>
    public bool OutcomeUnknown { get; }

    private static string Describe(TimeSpan timeout, bool outcomeUnknown) =>
        $"The Elemente API did not answer within {timeout.TotalSeconds:0.###} s." + (outcomeUnknown ? " " + OutcomeText.MayHaveBeenProcessed : string.Empty);
}
