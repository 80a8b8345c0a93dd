using Elemente.Campaigns;

namespace Elemente.Cli;

/// <summary>Exit codes of <c>elemente</c>; docs/campaigns.md lists them.</summary>
internal static class ExitCodes
{
    /// <summary>Done: every row is created (or, with --dry-run, every row is valid).</summary>
    public const int Success = 0;

    /// <summary>An unexpected error.</summary>
    public const int Error = 1;

    /// <summary>Bad usage or input: an option, the CSV, --map, the journal or the credentials. Nothing was sent.</summary>
    public const int BadInput = 2;

    /// <summary>Invalid (or, for the summary, duplicate) rows and no --skip-invalid: nothing was sent.</summary>
    public const int InvalidRows = 3;

    /// <summary>The campaign ran, but some rows failed or their outcome is unknown: see the summary, rerun, check the unknown ones.</summary>
    public const int RowsFailed = 4;

    /// <summary>Stopped by Ctrl+C or SIGTERM (or an unreachable API) before every row was tried; the journal is consistent: rerun to go on.</summary>
    public const int Stopped = 5;

    /// <summary>The API refused the request or the call failed (calls commands).</summary>
    public const int ApiError = 6;

    /// <summary>Only rows outside their calling hours (or over their local day's --daily-limit) were left, with --no-wait-for-window: rerun at the time printed.</summary>
    public const int OutsideCallingHours = 7;

    /// <summary>The exit code of a campaign run's outcome.</summary>
    public static int Of(CampaignOutcome outcome) => outcome switch
    {
        CampaignOutcome.Completed => Success,
        CampaignOutcome.InvalidRows => InvalidRows,
        CampaignOutcome.RowsFailed => RowsFailed,
        CampaignOutcome.Stopped => Stopped,
        CampaignOutcome.OutsideCallingHours => OutsideCallingHours,
        _ => BadInput,
    };
}
