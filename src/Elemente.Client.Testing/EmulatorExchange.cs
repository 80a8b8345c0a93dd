namespace Elemente.Testing;

/// <summary>A request as the emulator's core sees it, whichever way it came in (in memory or over a socket).</summary>
internal sealed record EmulatorRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? Authorization, byte[] Body);

/// <summary>What to do with a request: answer it, hold it until the client gives up, or drop the connection.</summary>
internal enum EmulatorAction
{
    Respond,
    Stall,
    Drop,
}

/// <summary>The emulator core's decision for one request.</summary>
internal sealed record EmulatorAnswer(EmulatorAction Action, int StatusCode, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public static readonly EmulatorAnswer Stall = new(EmulatorAction.Stall, 0, Array.Empty<byte>(), new Dictionary<string, string>());

    public static readonly EmulatorAnswer Drop = new(EmulatorAction.Drop, 0, Array.Empty<byte>(), new Dictionary<string, string>());
}
