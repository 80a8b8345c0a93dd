namespace Elemente.Campaigns;

/// <summary>What a follow run did.</summary>
public sealed class CampaignFollowResult
{
    /// <summary>The created rows whose outcome an earlier run already journalled (not polled again).</summary>
    public int AlreadyFinal { get; internal set; }

    /// <summary>The rows this run followed to their final status (and journalled).</summary>
    public int Followed { get; internal set; }

    /// <summary>The rows still not final: their wait passed <see cref="CampaignFollowOptions.Timeout"/>, the run was stopped, or a poll failed; a later run follows them again.</summary>
    public int NotFinal { get; internal set; }

    /// <summary>The rows with no interaction to follow: not created (failed, unknown, skipped, or never sent).</summary>
    public int NotCreated { get; internal set; }

    /// <summary>Every created row's final status (this run's and earlier runs'), counted by status.</summary>
    public IReadOnlyDictionary<string, int> Statuses { get; internal set; } = new Dictionary<string, int>();

    /// <summary>Why some rows are not final, by row line (at most <see cref="CampaignRunner.MaxReported"/>).</summary>
    public IReadOnlyDictionary<int, string> Problems { get; internal set; } = new Dictionary<int, string>();

    /// <summary>What stopped the run before every row was final, if anything did.</summary>
    public CampaignStopCause? StopCause { get; internal set; }

    /// <summary>The stop's reason in words, if the run was stopped.</summary>
    public string? StopReason { get; internal set; }

    /// <summary>How many episodes of 429s slowed the polling down.</summary>
    public int Throttles { get; internal set; }

    /// <summary>How many Get call requests were sent.</summary>
    public int Polls { get; internal set; }
}
