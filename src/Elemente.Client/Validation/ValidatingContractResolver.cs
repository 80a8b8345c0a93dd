using Newtonsoft.Json.Serialization;

namespace Elemente.Validation;

/// <summary>
/// Checks each request model as it is serialised, in clients that validate (<see cref="ElementeClientOptions.ValidateRequests"/>):
/// an invalid request throws <see cref="ElementeValidationException"/> before its body exists, so nothing is sent.
/// Serialising a model outside the client does not validate it.
/// </summary>
internal sealed class ValidatingContractResolver : DefaultContractResolver
{
    // One shared instance, so contracts are built once (DefaultContractResolver caches them and is thread-safe).
    public static readonly ValidatingContractResolver Instance = new();

    private static readonly Dictionary<Type, Func<object, IReadOnlyList<string>>> Validators = new()
    {
        [typeof(CreateInteractionInput)] = request => CreateInteractionValidator.Validate((CreateInteractionInput)request),
    };

    // Why validation rides on serialisation rather than being a separate call before it: Json.NET already walks the body
    // to write it, so each model type with rules (top-level or nested, in any operation's body) is checked in that same
    // walk, on the very values being written, with no second pass over the object graph and no list in the generated code
    // of which bodies hold which models. A contract callback, unlike an [OnSerializing] method, is called directly, so the
    // caller gets ElementeValidationException itself rather than wrapped in a TargetInvocationException.
    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        var contract = base.CreateObjectContract(objectType);
        if (Validators.TryGetValue(objectType, out var validate))
        {
            contract.OnSerializingCallbacks.Add((value, _) =>
            {
                var errors = validate(value);
                if (errors.Count > 0)
                {
                    throw new ElementeValidationException(errors, "body");
                }
            });
        }

        return contract;
    }
}
