namespace Elemente;

/// <summary>
/// The connection to the Elemente API failed: it could not be established, or it dropped before the answer arrived.
/// </summary>
public class ElementeConnectionException : HttpRequestException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="outcomeUnknown">Whether the request may have been processed anyway.</param>
    /// <param name="innerException">The transport's error.</param>
    public ElementeConnectionException(bool outcomeUnknown, Exception innerException)
        : base(Describe(outcomeUnknown, innerException), innerException)
    {
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>
    /// True when the connection dropped after a create (POST) was sent: the interaction may exist, so check before
    /// creating it again. Such requests are never retried. False when the connection could not be established at all.
    /// </summary>
    public bool OutcomeUnknown { get; }

    private static string Describe(bool outcomeUnknown, Exception inner) => outcomeUnknown
        ? $"The connection to the Elemente API dropped before it answered ({inner.Message}). {OutcomeText.MayHaveBeenProcessed}"
        : $"Could not reach the Elemente API: {inner.Message}";
}
