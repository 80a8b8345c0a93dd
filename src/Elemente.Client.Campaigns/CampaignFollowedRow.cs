namespace Elemente.Campaigns;

/// <summary>One interaction's final outcome, as <see cref="CampaignFollower"/> journalled it.</summary>
public sealed class CampaignFollowedRow
{
    internal CampaignFollowedRow(CampaignRowRecord row, string status, TimeSpan? duration, DateTimeOffset endedAt)
    {
        Line = row.Line;
        Id = row.Id!;
        Status = status;
        Duration = duration;
        EndedAt = endedAt;
    }

    /// <summary>The row's line in the CSV.</summary>
    public int Line { get; }

    /// <summary>The interaction's id.</summary>
    public string Id { get; }

    /// <summary>Its final status (<c>completed</c>, <c>no-answer</c>, <c>busy</c>, ...).</summary>
    public string Status { get; }

    /// <summary>Its duration, if the API gave one.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>When the follower saw it final.</summary>
    public DateTimeOffset EndedAt { get; }
}
