namespace Elemente;

/// <summary>
/// An attempt took longer than <see cref="ElementeClientOptions.Timeout"/> (from sending the request to reading the
/// last byte of the answer), or longer than the <see cref="HttpClient.Timeout"/> of the caller's
/// <see cref="HttpClient"/>. Distinct from the caller's own cancellation, which surfaces as
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

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }

    private static string Describe(TimeSpan timeout, bool outcomeUnknown) =>
        $"The Elemente API did not answer within {timeout.TotalSeconds:0.###} s." + (outcomeUnknown ? " " + OutcomeText.MayHaveBeenProcessed : string.Empty);
}
