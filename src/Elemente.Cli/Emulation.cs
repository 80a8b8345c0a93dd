using Elemente.Testing;

namespace Elemente.Cli;

/// <summary>
/// <c>--emulator</c>: the in-process emulator (Elemente.Client.Testing), so a first try needs no account and no network.
/// It lives as long as the command: a call it created is known to that command only (so <c>calls create --wait</c>
/// follows one; a later <c>calls get --emulator</c> in another process does not know it). Its calls queue, ring and
/// end within a few seconds, so a demo does not wait for a real conversation's length.
/// </summary>
internal static class Emulation
{
    private static readonly Lazy<ElementeEmulator> Emulator = new(() => new ElementeEmulator(new ElementeEmulatorOptions
    {
        QueuedFor = TimeSpan.FromMilliseconds(500),
        RingingFor = TimeSpan.FromSeconds(1),
        ConversationFor = TimeSpan.FromSeconds(2),
    }));

    public static ElementeClient CreateClient(int? maxRetries)
    {
        var options = new ElementeClientOptions { ApplicationId = "elemente-cli" };
        if (maxRetries is { } retries)
        {
            options.MaxRetries = retries;
        }

        return Emulator.Value.CreateClient(options);
    }
}
