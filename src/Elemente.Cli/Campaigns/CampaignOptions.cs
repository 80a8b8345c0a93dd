namespace Elemente.Cli.Campaigns;

/// <summary>What <c>elemente campaign run</c> was asked to do.</summary>
internal sealed class CampaignOptions
{
    public required string CsvPath { get; init; }

    public required string AgentId { get; init; }

    public required string SkillId { get; init; }

    public required InteractionChannel Channel { get; init; }

    public string? Map { get; init; }

    public string? Region { get; init; }

    /// <summary>The journal; defaults to the CSV's path with <c>.journal.jsonl</c> added.</summary>
    public string? JournalPath { get; init; }

    public int Concurrency { get; init; } = 4;

    public double? RatePerMinute { get; init; }

    public bool DryRun { get; init; }

    public bool Wait { get; init; }

    public bool SkipInvalid { get; init; }

    public bool AllowDuplicates { get; init; }

    public bool ResendUnknown { get; init; }

    /// <summary>Whether <see cref="ResendUnknown"/> was confirmed (<c>--yes</c>, or at the prompt).</summary>
    public bool ResendConfirmed { get; set; }

    public string EffectiveJournalPath => JournalPath ?? CsvPath + ".journal.jsonl";
}

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
}
