namespace Elemente.Testing;

/// <summary>The names of the operations the emulator answers (the spec's operation ids), for <see cref="EmulatedFault.ForOperation"/> and <see cref="RecordedRequest.Operation"/>.</summary>
public static class EmulatorOperations
{
    /// <summary><c>POST /api/v1/calls</c>: <c>client.Calls.CreateAsync</c>.</summary>
    public const string CreateCall = "Calls_Create";

    /// <summary><c>GET /api/v1/calls/{id}</c>: <c>client.Calls.GetAsync</c>.</summary>
    public const string GetCall = "Calls_Get";
}
