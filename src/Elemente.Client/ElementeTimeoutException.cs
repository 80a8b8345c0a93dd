namespace Elemente;

/// <summary>
/// An attempt took longer than <see cref="ElementeClientOptions.Timeout"/>. Distinct from the caller's own
/// cancellation, which surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public class ElementeTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="method">The HTTP method of the request that timed out.</param>
    /// <param name="timeout">The timeout that elapsed.</param>
    /// <param name="innerException">The cancellation that ended the attempt.</param>
    public ElementeTimeoutException(HttpMethod method, TimeSpan timeout, Exception? innerException)
        : base(Describe(method, timeout), innerException)
    {
        Timeout = timeout;
        OutcomeUnknown = method != HttpMethod.Get && method != HttpMethod.Head;
    }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>
    /// True when the request may have been processed anyway (it was not a read). For a create, the interaction may
    /// exist: check before creating it again.
    /// </summary>
    public bool OutcomeUnknown { get; }

    private static string Describe(HttpMethod method, TimeSpan timeout) =>
        method == HttpMethod.Get || method == HttpMethod.Head
            ? $"The Elemente API did not answer within {timeout.TotalSeconds:0.###} s."
            : $"The Elemente API did not answer within {timeout.TotalSeconds:0.###} s. The request may still have been processed: the interaction may have been created. Check before creating it again.";
}
