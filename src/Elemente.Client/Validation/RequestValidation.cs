namespace Elemente.Validation;

/// <summary>Rides in the serializer's context so that request models know whether their client validates them.</summary>
internal sealed class RequestValidation
{
    public RequestValidation(bool enabled) => Enabled = enabled;

    public bool Enabled { get; }

    public static bool IsEnabled(System.Runtime.Serialization.StreamingContext context) =>
        context.Context is RequestValidation { Enabled: true };
}
