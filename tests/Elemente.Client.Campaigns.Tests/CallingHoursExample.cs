using System.Globalization;

namespace Elemente.Campaigns.Tests;

/// <summary>The package README's calling-hours example, compiled (<see cref="ReadmeTests"/> checks the README shows exactly this).</summary>
public static class CallingHoursExample
{
    public static async Task<CampaignResult> RunOnce(ElementeClient client, CancellationToken cancellationToken)
    {
        #region calling-hours
        var options = new CampaignOptions
        {
            CsvPath = "contacts.csv", AgentId = "...", SkillId = "...", Region = "US",
            CallingHours = CallingHours.Parse("09:00-20:00", "Mon-Fri"),   // in each recipient's local time
            DefaultTimeZone = "America/New_York",          // for numbers libphonenumber maps to no zone
            DailyLimit = 500,                              // creates per recipient-local date
            StartAt = DateTimeOffset.Parse("2026-03-09T08:00:00-04:00", CultureInfo.InvariantCulture),
            WaitForWindow = false,                         // stop instead of waiting overnight
        };
        var result = await new CampaignRunner(options, client).RunAsync(cancellationToken);
        if (result.Outcome == CampaignOutcome.OutsideCallingHours)
        {
            Console.WriteLine($"{result.Waiting} row(s) wait; run again at {result.ResumeAt:u}");
        }
        #endregion
        return result;
    }
}
