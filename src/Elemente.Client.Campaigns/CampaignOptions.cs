namespace Elemente.Campaigns;

/// <summary>What a campaign run is asked to do: which CSV, which agent and skill, how fast, and where its journal is.</summary>
public sealed class CampaignOptions
{
    /// <summary>The contacts: a CSV file with a header line, one contact per row.</summary>
    public string CsvPath { get; set; } = string.Empty;

    /// <summary>The agent's id, sent with every row.</summary>
    public string AgentId { get; set; } = string.Empty;

    /// <summary>The skill's id, sent with every row.</summary>
    public string SkillId { get; set; } = string.Empty;

    /// <summary>The channel every row is created on.</summary>
    public InteractionChannel Channel { get; set; } = InteractionChannel.Call;

    /// <summary>
    /// Which column fills which request field: <c>"phoneNumber=Phone,firstName=First name,field:Order ID=Order"</c>.
    /// A field it does not name is taken from a column of the same name (<c>Phone Number</c>, <c>phone_number</c>).
    /// </summary>
    public string? Map { get; set; }

    /// <summary>Read national phone numbers as this country's (ISO code, such as <c>US</c>) and send them in E.164.</summary>
    public string? Region { get; set; }

    /// <summary>The journal file; defaults to the CSV's path with <c>.journal.jsonl</c> added. Ignored when <see cref="Journal"/> is set.</summary>
    public string? JournalPath { get; set; }

    /// <summary>
    /// Where the campaign records each row's state; null for the append-only file at <see cref="EffectiveJournalPath"/>
    /// (<see cref="CampaignJournalFile"/>). A journal set here is the caller's: the runner does not dispose it.
    /// </summary>
    public ICampaignJournal? Journal { get; set; }

    /// <summary>The most interactions created at once (1 to 256; default 4).</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>The most interactions started per minute; null for no limit but <see cref="Concurrency"/>.</summary>
    public double? RatePerMinute { get; set; }

    /// <summary>Validate every row and count what would be sent; send nothing, write no journal.</summary>
    public bool DryRun { get; set; }

    /// <summary>After creating, wait for every interaction of this run to end and count their final statuses.</summary>
    public bool Wait { get; set; }

    /// <summary>Send the valid rows even if some are invalid (those are reported and journalled as skipped).</summary>
    public bool SkipInvalid { get; set; }

    /// <summary>Send a row whose phone number or email an earlier row has.</summary>
    public bool AllowDuplicates { get; set; }

    /// <summary>Send again the rows whose outcome is unknown (they may have reached the customer); needs <see cref="ResendConfirmed"/> or <see cref="CampaignRunner.ConfirmResend"/>.</summary>
    public bool ResendUnknown { get; set; }

    /// <summary>Whether <see cref="ResendUnknown"/> is confirmed.</summary>
    public bool ResendConfirmed { get; set; }

    /// <summary>
    /// When recipients may be called, in each recipient's local time (<see cref="Campaigns.CallingHours.Parse"/> reads
    /// <c>09:00-20:00</c> and <c>Mon-Fri</c>); null for any time. The zone comes from <see cref="TimeZoneColumn"/>, else
    /// from the phone number (libphonenumber's time-zone mapper; a number whose prefix spans several zones is called only
    /// when the window is open in all of them), else from <see cref="DefaultTimeZone"/>; a row with none is invalid.
    /// Rows without a phone number and without a zone column value are not restricted. A row outside its window waits
    /// while the others are sent.
    /// </summary>
    public CallingHours? CallingHours { get; set; }

    /// <summary>The CSV column that holds each row's IANA time zone (such as <c>Europe/Berlin</c>); it overrides the number's zone. Needs <see cref="CallingHours"/> or <see cref="DailyLimit"/>.</summary>
    public string? TimeZoneColumn { get; set; }

    /// <summary>The IANA time zone of the rows whose zone is not known from the number or <see cref="TimeZoneColumn"/>. Needs <see cref="CallingHours"/> or <see cref="DailyLimit"/>.</summary>
    public string? DefaultTimeZone { get; set; }

    /// <summary>
    /// When only rows outside their calling hours (or over <see cref="DailyLimit"/>) remain: true (the default) waits for
    /// their next window (or local day); false stops
    /// with <see cref="CampaignOutcome.OutsideCallingHours"/> and <see cref="CampaignResult.ResumeAt"/>.
    /// </summary>
    public bool WaitForWindow { get; set; } = true;

    /// <summary>Sends nothing before this instant (the run validates at once, then waits on the runner's clock).</summary>
    public DateTimeOffset? StartAt { get; set; }

    /// <summary>
    /// Follows each interaction as it is created, as <see cref="CampaignFollower"/> does, with these polling settings
    /// (their <see cref="CampaignFollowOptions.JournalPath"/> is not used: the run's journal is), and journals its final
    /// status, duration and end time; a rerun follows the created rows not final yet. Null (the default): not followed.
    /// Needs the file journal (<see cref="CampaignJournalFile"/>).
    /// </summary>
    public CampaignFollowOptions? Follow { get; set; }

    /// <summary>Calls a row again after some final statuses (no-answer, busy...), after a delay, up to a number of attempts; needs <see cref="Follow"/>. Null (the default): no redials.</summary>
    public RedialPolicy? Redial { get; set; }

    /// <summary>
    /// Do-not-call lists (<see cref="SuppressionList"/>, each read in <see cref="Region"/>): a valid row whose phone number
    /// or email is on one is journalled as skipped with the list's name (<c>suppressed: dnc.csv</c>) and never sent, also on
    /// a rerun after a list grew; a row already created stays created, and one of unknown outcome stays unknown, unsent.
    /// </summary>
    public IList<SuppressionList> SuppressionLists { get; } = new List<SuppressionList>();

    /// <summary>
    /// The most creates for each date, each counted on the date it is in its recipient's time zone when it is made (the
    /// zone as for <see cref="CallingHours"/>: the first of a number's zones; <see cref="DefaultTimeZone"/>, else UTC, for
    /// rows with none); null for no limit. When a date's limit is reached, its rows wait for their next local day as rows
    /// outside their calling hours wait (<see cref="WaitForWindow"/>). Creates of unknown outcome count; refused ones do
    /// not. Earlier runs' creates count too, as the journal stamps them: every attempt's, and one of unknown outcome from its sending mark.
    /// </summary>
    public int? DailyLimit { get; set; }

    /// <summary>The journal file's path: <see cref="JournalPath"/>, or the CSV's path with <c>.journal.jsonl</c> added.</summary>
    public string EffectiveJournalPath => JournalPath ?? CsvPath + ".journal.jsonl";
}

/// <summary>What stopped a campaign run before every row was tried.</summary>
public enum CampaignStopCause
{
    /// <summary>It was asked to stop (<see cref="CampaignStop.Request"/>, or the run's cancellation token).</summary>
    Requested,

    /// <summary>The API refused the credentials (401 or 403): fix them before running again, or every rerun is refused too.</summary>
    CredentialsRefused,

    /// <summary>The API could not be reached several times in a row.</summary>
    ApiUnreachable,

    /// <summary>A journal write failed (disk full, a read-only file system): no further request was sent.</summary>
    JournalFailed,
}

/// <summary>How a campaign run ended.</summary>
public enum CampaignOutcome
{
    /// <summary>Every row is created (or, for a dry run, every row is valid).</summary>
    Completed,

    /// <summary>Some rows are invalid and <see cref="CampaignOptions.SkipInvalid"/> was not set: nothing was sent.</summary>
    InvalidRows,

    /// <summary>The run went through, but some rows failed or their outcome is unknown: rerun to retry the failed ones; check the unknown ones.</summary>
    RowsFailed,

    /// <summary>Stopped (asked to, refused credentials, an unreachable API, or a journal write that failed) before every row was tried; rerun to go on.</summary>
    Stopped,

    /// <summary>Rows of unknown outcome were to be resent, without confirmation: nothing was sent.</summary>
    ResendNotConfirmed,

    /// <summary>
    /// Only rows outside their calling hours (or over their local day's <see cref="CampaignOptions.DailyLimit"/>) were
    /// left and <see cref="CampaignOptions.WaitForWindow"/> is false: rerun at <see cref="CampaignResult.ResumeAt"/> to go on.
    /// </summary>
    OutsideCallingHours,
}
