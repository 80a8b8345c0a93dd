namespace Elemente;

/// <summary>
/// The connection to the Elemente API failed: it could not be established, or it dropped before the whole answer
/// arrived.
/// </summary>
public sealed class ElementeConnectionException : ElementeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="outcomeUnknown">Whether the request may have been processed anyway.</param>
    /// <param name="innerException">The transport's error.</param>
    public ElementeConnectionException(bool outcomeUnknown, Exception innerException)
        : base(Describe(outcomeUnknown, innerException), outcomeUnknown, requestId: null, innerException)
    {
    }

    private static string Describe(bool outcomeUnknown, Exception? inner) => outcomeUnknown
        ? $"The connection to the Elemente API failed after the request was sent ({inner?.Message}). {OutcomeText.MayHaveBeenProcessed}"
        : $"Could not reach the Elemente API; the request was not sent: {inner?.Message}";
}
