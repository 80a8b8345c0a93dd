namespace Elemente.Testing;

/// <summary>The operations of the spec the emulator knows, by type: a name that does not exist does not compile.</summary>
public enum EmulatorOperation
{
    /// <summary><c>POST /api/v1/calls</c> (<c>Calls_Create</c>): <c>client.Calls.CreateAsync</c>.</summary>
    CreateCall,

    /// <summary><c>GET /api/v1/calls/{id}</c> (<c>Calls_Get</c>): <c>client.Calls.GetAsync</c>.</summary>
    GetCall,
}

/// <summary>The names of the operations the emulator answers (the spec's operation ids), for <see cref="EmulatedFault.ForOperation(string)"/> and <see cref="RecordedRequest.Operation"/>.</summary>
public static class EmulatorOperations
{
    /// <summary><c>POST /api/v1/calls</c>: <c>client.Calls.CreateAsync</c>.</summary>
    public const string CreateCall = "Calls_Create";

    /// <summary><c>GET /api/v1/calls/{id}</c>: <c>client.Calls.GetAsync</c>.</summary>
    public const string GetCall = "Calls_Get";

    /// <summary>Every operation name, in the order of <see cref="EmulatorOperation"/>.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(new[] { CreateCall, GetCall });

    /// <summary>The spec's name of an operation, as <see cref="RecordedRequest.Operation"/> reports it.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>Its name, such as <c>Calls_Create</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operation"/> is not an <see cref="EmulatorOperation"/>.</exception>
    public static string Name(EmulatorOperation operation) => operation switch
    {
        EmulatorOperation.CreateCall => CreateCall,
        EmulatorOperation.GetCall => GetCall,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an EmulatorOperation."),
    };

    /// <summary>The name checked: one of <see cref="All"/>, exactly.</summary>
    /// <exception cref="ArgumentException">It names no operation; the message lists those that exist.</exception>
    internal static string Checked(string? name, string parameter)
    {
        if (name is not null && All.Contains(name, StringComparer.Ordinal))
        {
            return name;
        }

        throw new ArgumentException($"'{name}' is not an operation of the emulator. Valid names: {string.Join(", ", All)} (or use EmulatorOperation).", parameter);
    }
}
