namespace Elemente.Testing;

/// <summary>A request as the emulator's core sees it, whichever way it came in (in memory or over a socket).</summary>
internal sealed record EmulatorRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? Authorization, byte[] Body);

/// <summary>What to do with a request: answer it, hold it until the client gives up, or reset the connection (after or before processing it).</summary>
internal enum EmulatorAction
{
    Respond,
    Stall,
    Drop,
    ResetBefore,
}

/// <summary>The emulator core's decision for one request.</summary>
internal sealed record EmulatorAnswer(EmulatorAction Action, int StatusCode, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>For a slow body: the delay between its pieces, or null to send it at once.</summary>
    public TimeSpan? ChunkDelay { get; init; }

    /// <summary>For a slow body: the size of a piece.</summary>
    public int ChunkBytes { get; init; } = 16;

    public static readonly EmulatorAnswer ResetBefore = new(EmulatorAction.ResetBefore, 0, Array.Empty<byte>(), new Dictionary<string, string>());

    public static readonly EmulatorAnswer Stall = new(EmulatorAction.Stall, 0, Array.Empty<byte>(), new Dictionary<string, string>());

    public static readonly EmulatorAnswer Drop = new(EmulatorAction.Drop, 0, Array.Empty<byte>(), new Dictionary<string, string>());
}
