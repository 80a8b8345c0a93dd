namespace Elemente.Campaigns;

/// <summary>The options' checks, made before anything is read or sent.</summary>
public sealed partial class CampaignRunner
{
    private static void CheckOptions(CampaignOptions options)
    {
        static void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new ArgumentException(message, "options");
            }
        }

        Require(!string.IsNullOrWhiteSpace(options.CsvPath), "CampaignOptions.CsvPath is required.");
        Require(!string.IsNullOrWhiteSpace(options.AgentId), "CampaignOptions.AgentId is required.");
        Require(!string.IsNullOrWhiteSpace(options.SkillId), "CampaignOptions.SkillId is required.");
        Require(options.Concurrency is >= 1 and <= 256, "CampaignOptions.Concurrency must be between 1 and 256.");
        Require(options.CallingHours is not null || options.DailyLimit is not null || (options.TimeZoneColumn is null && options.DefaultTimeZone is null), "CampaignOptions.TimeZoneColumn and DefaultTimeZone need CallingHours or DailyLimit.");
        Require(options.DailyLimit is null or >= 1, "CampaignOptions.DailyLimit must be 1 or more (or null for no limit).");
        Require(options.RatePerMinute is null or (> 0 and < double.PositiveInfinity), "CampaignOptions.RatePerMinute must be a positive number (or null for no limit).");
        Require(options.Redial is null || options.Follow is not null, "CampaignOptions.Redial needs Follow: an attempt is redialed only once its final status is known.");
        Require(options.Follow is null || options.Journal is null or CampaignJournalFile, "CampaignOptions.Follow needs the file journal (CampaignJournalFile): the final statuses are journalled there.");
        if (options.Follow is { } follow)
        {
            CampaignFollower.Check(follow, journal: false);
        }

        CheckSuppressionLists(options, Require);
    }
}
