namespace Elemente.Campaigns;

/// <summary>What <see cref="CampaignFollower"/> is asked to do: which journal, how fast to poll.</summary>
public sealed class CampaignFollowOptions
{
    /// <summary>The campaign's journal file (<see cref="CampaignJournalFile"/>), as <c>campaign run</c> wrote it.</summary>
    public string JournalPath { get; set; } = string.Empty;

    /// <summary>The most Get call requests in flight at once (1 to 256; default 4).</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>The most Get call requests started per minute; null for no limit but <see cref="Concurrency"/>.</summary>
    public double? RatePerMinute { get; set; }

    /// <summary>The delay before an interaction's second poll; each later delay doubles, up to <see cref="MaxPollInterval"/>. Default 1 s (as <see cref="WaitOptions"/>).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two polls of one interaction. Default 15 s (as <see cref="WaitOptions"/>).</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long to follow one interaction before leaving it for a later run (it stays not final in the journal). Default
    /// 30 minutes; <see cref="Timeout.InfiniteTimeSpan"/> follows until it ends or the run is stopped.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);
}
