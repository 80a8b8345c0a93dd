namespace Elemente;

/// <summary>Wording shared by the exceptions that report an unknown outcome.</summary>
internal static class OutcomeText
{
    public const string MayHaveBeenProcessed =
        "The request was sent and may have been processed: the interaction may have been created. " +
        "It was not retried, so the customer is not contacted twice; check before creating it again.";
}
