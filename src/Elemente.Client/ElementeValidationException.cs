namespace Elemente;

/// <summary>
/// A request was invalid, so nothing was sent (<see cref="ElementeException.OutcomeUnknown"/> is always false).
/// <see cref="Errors"/> lists every problem as <c>json.path: what is wrong</c>, e.g.
/// <c>customerOverride.phoneNumber: must be E.164 (+ then 7 to 15 digits)</c>. Turn the check off with
/// <see cref="ElementeClientOptions.ValidateRequests"/>.
/// </summary>
public sealed class ElementeValidationException : ElementeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">Every problem found, as <c>path: message</c>.</param>
    /// <param name="paramName">The argument that holds the invalid request.</param>
    public ElementeValidationException(IReadOnlyList<string> errors, string? paramName = null)
        : base(Describe(errors ?? throw new ArgumentNullException(nameof(errors))), outcomeUnknown: false, requestId: null, innerException: null)
    {
        Errors = errors;
        ParamName = paramName;
    }

    /// <summary>Every problem found, as <c>path: message</c>. Values themselves (phone numbers, emails) are never quoted.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The argument that holds the invalid request, such as <c>body</c> or <c>id</c>.</summary>
    public string? ParamName { get; }

    private static string Describe(IReadOnlyList<string> errors) =>
        $"The request is invalid and was not sent ({errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")}): " + string.Join("; ", errors);
}
