namespace Elemente;

/// <summary>How <see cref="CallsClient.WaitForCompletionAsync"/> polls: intervals, overall timeout, progress and clock.</summary>
public sealed class WaitOptions
{
    /// <summary>The delay before the second poll; each later delay doubles, up to <see cref="MaxPollInterval"/>. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two polls. Default 15 s.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long to wait in all before giving up with an <see cref="ElementeTimeoutException"/> that carries the last
    /// status seen. Default 30 minutes; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits until the
    /// interaction ends or the caller cancels.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Told each time the status changes (the first answer included), with the interaction as the API reported it.</summary>
    public IProgress<Interaction>? Progress { get; set; }

    /// <summary>
    /// The clock for delays and the timeout; when null, the client's <see cref="ElementeClientOptions.TimeProvider"/>, else
    /// <see cref="TimeProvider.System"/>. Tests pass a fake one (a client from the emulator already has the emulator's).
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }
}
