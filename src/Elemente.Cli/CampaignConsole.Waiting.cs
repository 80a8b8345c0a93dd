using System.Globalization;
using System.Text.Json;
using Elemente.Campaigns;

namespace Elemente.Cli;

/// <summary>
/// The rows waiting for their calling hours (or their next local day, over --daily-limit): live in the progress bar, in
/// the summary and the JSON, and, with --no-wait-for-window, when to rerun.
/// </summary>
internal static partial class CampaignConsole
{
    /// <summary>The stderr line of a run that stopped with rows waiting (exit code 7): how many, and when to rerun.</summary>
    private static string WaitingVerdict(CampaignResult result) =>
        $"{result.Waiting} row(s) wait for their calling hours or their local day's --daily-limit: rerun at "
        + (result.ResumeAt is { } resume ? When(resume) : "a later time") + " to go on.";

    /// <summary>For the progress bar: how many rows wait, and when the next may go; empty when none does.</summary>
    private static string Waiting(CampaignCounters counters) =>
        counters.Waiting == 0 ? string.Empty
        : $"; {counters.Waiting} waiting" + (counters.NextOpening is { } next ? $" (the first may go at {When(next)})" : string.Empty);

    /// <summary>An instant in UTC, then in the local time of the machine the tool runs on.</summary>
    private static string When(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local);
        return at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z ("
            + local.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) + " local time)";
    }

    /// <summary>--output json: <c>waiting</c> (the rows left waiting) and <c>resumeAt</c> (UTC, ISO 8601; null when none).</summary>
    private static void WriteWaiting(Utf8JsonWriter writer, CampaignResult result)
    {
        writer.WriteNumber("waiting", result.Waiting);
        if (result.ResumeAt is { } resume)
        {
            writer.WriteString("resumeAt", resume.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull("resumeAt");
        }
    }
}
