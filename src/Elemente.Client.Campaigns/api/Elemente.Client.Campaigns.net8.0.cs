[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(@"Elemente.Client.Campaigns.Tests, PublicKey=0024000004800000940000000602000000240000525341310004000001000100c7730b6aa0f6f92e0b74261538a8312ce3b9b54eefffca1fd400e472cfe04531e64d83eb89d85eaddc868cb1406f2b2a73699bd360377efefe254ad899b9ef46252ee6ecfce3cc09f3d3f174b28efa1665713b45c1e82f43938ceb11f1c55b4a2b9c9c21cd6869232a215f8b332ad81e15d911b9e4f8ce6f82a08e5252bb44aa")]
namespace Elemente.Campaigns
{
    public sealed class CallingHours
    {
        public CallingHours(System.TimeSpan start, System.TimeSpan end, System.Collections.Generic.IEnumerable<System.DayOfWeek>? days = null) { }
        public System.Collections.Generic.IReadOnlyList<System.DayOfWeek> Days { get; }
        public System.TimeSpan End { get; }
        public System.TimeSpan Start { get; }
        public override string ToString() { }
        public static Elemente.Campaigns.CallingHours Parse(string? hours, string? days = null) { }
    }
    public static class CampaignChannels
    {
        public static string Name(Elemente.InteractionChannel channel) { }
        public static bool TryParse(string text, out Elemente.InteractionChannel channel) { }
    }
    public sealed class CampaignCounters
    {
        public CampaignCounters() { }
        public int AlreadyCreated { get; }
        public int Created { get; }
        public int Done { get; }
        public int Duplicates { get; }
        public int Failed { get; }
        public int Followed { get; }
        public int Invalid { get; }
        public System.DateTimeOffset? NextOpening { get; }
        public int NotFinal { get; }
        public int NotStarted { get; }
        public int Redials { get; }
        public int Rows { get; }
        public int Suppressed { get; }
        public int Throttles { get; }
        public int ToSend { get; }
        public int Unknown { get; }
        public int Unresolved { get; }
        public int Valid { get; }
        public int Waiting { get; }
    }
    public sealed class CampaignCsvException : System.Exception
    {
        public CampaignCsvException(string message, System.Exception? inner = null) { }
    }
    public sealed class CampaignExport
    {
        public System.Collections.Generic.IReadOnlyList<string> Columns { get; }
        public string? CsvProblem { get; }
        public System.Collections.Generic.IReadOnlyList<Elemente.Campaigns.CampaignExportRow> Rows { get; }
        public static Elemente.Campaigns.CampaignExport Read(Elemente.Campaigns.CampaignJournalContents contents) { }
    }
    public sealed class CampaignExportRow
    {
        public int Attempts { get; }
        public System.TimeSpan? Duration { get; }
        public string? E164 { get; }
        public string? Email { get; }
        public System.DateTimeOffset? EndedAt { get; }
        public System.Collections.Generic.IReadOnlyList<string> Fields { get; }
        public string? FinalStatus { get; }
        public System.Collections.Generic.IReadOnlyList<string> InteractionIds { get; }
        public int Line { get; }
        public string? Phone { get; }
        public string? Reason { get; }
        public string State { get; }
    }
    public sealed class CampaignFollowOptions
    {
        public CampaignFollowOptions() { }
        public int Concurrency { get; set; }
        public string JournalPath { get; set; }
        public System.TimeSpan MaxPollInterval { get; set; }
        public System.TimeSpan PollInterval { get; set; }
        public double? RatePerMinute { get; set; }
        public System.TimeSpan Timeout { get; set; }
    }
    public sealed class CampaignFollowResult
    {
        public CampaignFollowResult() { }
        public int AlreadyFinal { get; }
        public int Followed { get; }
        public int NotCreated { get; }
        public int NotFinal { get; }
        public int Polls { get; }
        public System.Collections.Generic.IReadOnlyDictionary<int, string> Problems { get; }
        public System.Collections.Generic.IReadOnlyDictionary<string, int> Statuses { get; }
        public Elemente.Campaigns.CampaignStopCause? StopCause { get; }
        public string? StopReason { get; }
        public int Throttles { get; }
    }
    public sealed class CampaignFollowedRow
    {
        public System.TimeSpan? Duration { get; }
        public System.DateTimeOffset EndedAt { get; }
        public string Id { get; }
        public int Line { get; }
        public string Status { get; }
    }
    public sealed class CampaignFollower
    {
        public CampaignFollower(Elemente.Campaigns.CampaignFollowOptions options, Elemente.ElementeClient client) { }
        public CampaignFollower(Elemente.Campaigns.CampaignFollowOptions options, System.Func<Elemente.ElementeClient> createClient) { }
        public System.Action<Elemente.Campaigns.CampaignFollowedRow>? OnFinal { get; set; }
        public System.TimeProvider TimeProvider { get; set; }
        public System.Threading.Tasks.Task<Elemente.Campaigns.CampaignFollowResult> RunAsync(System.Threading.CancellationToken cancellationToken = default) { }
    }
    public sealed class CampaignJournalContents
    {
        public CampaignJournalContents(Elemente.Campaigns.CampaignJournalHeader header, System.Collections.Generic.IDictionary<int, Elemente.Campaigns.CampaignRowRecord> rows, int lastRun, int? tornLine = default) { }
        public Elemente.Campaigns.CampaignJournalHeader Header { get; }
        public int LastRun { get; }
        public System.Collections.Generic.IDictionary<int, Elemente.Campaigns.CampaignRowRecord> Rows { get; }
        public int? TornLine { get; }
        public System.Collections.Generic.IEnumerable<Elemente.Campaigns.CampaignRowRecord> Unresolved { get; }
        public static string StateName(Elemente.Campaigns.CampaignRowState state) { }
    }
    public sealed class CampaignJournalEntry
    {
        public CampaignJournalEntry(int run, int line, string key, Elemente.Campaigns.CampaignRowState state) { }
        public System.DateTimeOffset? At { get; set; }
        public int Attempt { get; set; }
        public string? Detail { get; set; }
        public string? E164 { get; set; }
        public string? Email { get; set; }
        public string? Id { get; set; }
        public string Key { get; }
        public int Line { get; }
        public string? Phone { get; set; }
        public string? Reason { get; set; }
        public int Run { get; }
        public Elemente.Campaigns.CampaignRowState State { get; }
    }
    public class CampaignJournalException : System.Exception
    {
        public CampaignJournalException(string message, System.Exception? inner = null) { }
    }
    public sealed class CampaignJournalFile : Elemente.Campaigns.ICampaignJournal, System.IAsyncDisposable
    {
        public const string Format = "elemente-campaign/1";
        public CampaignJournalFile(string path) { }
        public string Name { get; }
        public string Path { get; }
        public System.Threading.Tasks.Task AppendAsync(Elemente.Campaigns.CampaignJournalEntry entry, System.Threading.CancellationToken cancellationToken) { }
        public System.Threading.Tasks.ValueTask DisposeAsync() { }
        public System.Threading.Tasks.Task MarkRunAsync(int run, bool ended, string detail, System.Threading.CancellationToken cancellationToken) { }
        public System.Threading.Tasks.Task<Elemente.Campaigns.CampaignJournalContents?> ReadAsync(bool forWriting, System.Threading.CancellationToken cancellationToken) { }
        public System.Threading.Tasks.Task StartAsync(Elemente.Campaigns.CampaignJournalHeader header, Elemente.Campaigns.CampaignJournalContents? existing, System.Threading.CancellationToken cancellationToken) { }
        public static Elemente.Campaigns.CampaignJournalContents Read(string path) { }
    }
    public sealed class CampaignJournalHeader
    {
        public CampaignJournalHeader(string csv, string csvSha256, long csvBytes, string agent, string skill, string channel, string map, string? region) { }
        public string Agent { get; }
        public string Channel { get; }
        public string Csv { get; }
        public long CsvBytes { get; }
        public string CsvSha256 { get; }
        public string Map { get; }
        public string? Region { get; }
        public string Skill { get; }
    }
    public sealed class CampaignMapException : System.Exception
    {
        public CampaignMapException(string message) { }
    }
    public sealed class CampaignOptions
    {
        public CampaignOptions() { }
        public string AgentId { get; set; }
        public bool AllowDuplicates { get; set; }
        public Elemente.Campaigns.CallingHours? CallingHours { get; set; }
        public Elemente.InteractionChannel Channel { get; set; }
        public int Concurrency { get; set; }
        public string CsvPath { get; set; }
        public int? DailyLimit { get; set; }
        public string? DefaultTimeZone { get; set; }
        public bool DryRun { get; set; }
        public string EffectiveJournalPath { get; }
        public Elemente.Campaigns.CampaignFollowOptions? Follow { get; set; }
        public Elemente.Campaigns.ICampaignJournal? Journal { get; set; }
        public string? JournalPath { get; set; }
        public string? Map { get; set; }
        public double? RatePerMinute { get; set; }
        public Elemente.Campaigns.RedialPolicy? Redial { get; set; }
        public string? Region { get; set; }
        public bool ResendConfirmed { get; set; }
        public bool ResendUnknown { get; set; }
        public string SkillId { get; set; }
        public bool SkipInvalid { get; set; }
        public System.DateTimeOffset? StartAt { get; set; }
        public System.Collections.Generic.IList<Elemente.Campaigns.SuppressionList> SuppressionLists { get; }
        public string? TimeZoneColumn { get; set; }
        public bool Wait { get; set; }
        public bool WaitForWindow { get; set; }
    }
    public enum CampaignOutcome
    {
        Completed = 0,
        InvalidRows = 1,
        RowsFailed = 2,
        Stopped = 3,
        ResendNotConfirmed = 4,
        OutsideCallingHours = 5,
    }
    public static class CampaignPhoneNumbers
    {
        public static bool TryNormalise(string raw, string? region, out string e164, out string? problem) { }
    }
    public sealed class CampaignReport
    {
        public const string NotFollowed = "not followed";
        public double? AnswerRate { get; }
        public int Answered { get; }
        public System.Collections.Generic.IReadOnlyList<Elemente.Campaigns.CampaignReportCount> AttemptsPerRow { get; }
        public System.Collections.Generic.IReadOnlyList<Elemente.Campaigns.CampaignReportCount> CallsPerLocalHour { get; }
        public int CallsWithoutZone { get; }
        public int Created { get; }
        public int Followed { get; }
        public int NumbersWithSeveralZones { get; }
        public System.Collections.Generic.IReadOnlyList<Elemente.Campaigns.CampaignReportCount> Outcomes { get; }
        public int Rows { get; }
        public System.Collections.Generic.IReadOnlyList<Elemente.Campaigns.CampaignReportCount> SkipReasons { get; }
        public System.Collections.Generic.IReadOnlyList<Elemente.Campaigns.CampaignReportUnknownRow> UnknownRows { get; }
        public static Elemente.Campaigns.CampaignReport From(Elemente.Campaigns.CampaignJournalContents contents) { }
    }
    public sealed class CampaignReportCount
    {
        public int Count { get; }
        public string Label { get; }
    }
    public sealed class CampaignReportUnknownRow
    {
        public string? Contact { get; }
        public string? InteractionId { get; }
        public int Line { get; }
        public string Why { get; }
    }
    public sealed class CampaignResult
    {
        public Elemente.Campaigns.CampaignCounters Counters { get; }
        public bool DryRun { get; }
        public System.TimeSpan Elapsed { get; }
        public System.Collections.Generic.IReadOnlyDictionary<string, int> FinalStatuses { get; }
        public string Journal { get; }
        public string? Message { get; }
        public Elemente.Campaigns.CampaignOutcome Outcome { get; }
        public long PeakWorkingSet { get; }
        public System.Collections.Generic.IReadOnlyList<Elemente.Campaigns.CampaignRowReport> Problems { get; }
        public System.DateTimeOffset? ResumeAt { get; }
        public double RowsPerSecond { get; }
        public int Run { get; }
        public System.TimeSpan SendingElapsed { get; }
        public Elemente.Campaigns.CampaignStopCause? StopCause { get; }
        public string? StopReason { get; }
        public bool Stopped { get; }
        public System.Collections.Generic.IReadOnlyDictionary<string, int> SuppressedByList { get; }
        public System.Collections.Generic.IReadOnlyList<Elemente.Campaigns.CampaignRowReport> Unresolved { get; }
        public int Waiting { get; }
    }
    public sealed class CampaignRowRecord
    {
        public CampaignRowRecord(int line, string key) { }
        public int Attempt { get; set; }
        public int Attempts { get; set; }
        public System.DateTimeOffset? CreatedAt { get; set; }
        public string? Detail { get; set; }
        public System.TimeSpan? Duration { get; set; }
        public string? E164 { get; set; }
        public string? Email { get; set; }
        public System.DateTimeOffset? EndedAt { get; set; }
        public string? FinalStatus { get; set; }
        public string? Id { get; set; }
        public System.Collections.Generic.IReadOnlyList<string> InteractionIds { get; }
        public string Key { get; set; }
        public int Line { get; }
        public string? Phone { get; set; }
        public string? Reason { get; set; }
        public int Run { get; set; }
        public int SendingRun { get; set; }
        public Elemente.Campaigns.CampaignRowState State { get; set; }
        public void Apply(Elemente.Campaigns.CampaignJournalEntry entry) { }
    }
    public sealed class CampaignRowReport
    {
        public CampaignRowReport(int line, string kind, string message, string? phone = null, string? e164 = null, string? id = null, string? detail = null) { }
        public string? Detail { get; }
        public string? E164 { get; }
        public string? Id { get; }
        public string Kind { get; }
        public int Line { get; }
        public string Message { get; }
        public string? Phone { get; }
    }
    public enum CampaignRowState
    {
        None = 0,
        Sending = 1,
        Created = 2,
        Failed = 3,
        Unknown = 4,
        Skipped = 5,
    }
    public sealed class CampaignRunner
    {
        public const int MaxReported = 1000;
        public CampaignRunner(Elemente.Campaigns.CampaignOptions options, Elemente.ElementeClient client) { }
        public CampaignRunner(Elemente.Campaigns.CampaignOptions options, System.Func<Elemente.ElementeClient> createClient) { }
        public System.Func<System.Collections.Generic.IReadOnlyList<Elemente.Campaigns.CampaignRowReport>, bool>? ConfirmResend { get; set; }
        public Elemente.Campaigns.CampaignCounters Counters { get; }
        public System.Action<int, Elemente.CreateInteractionInput>? OnPlanned { get; set; }
        public System.Action<Elemente.Campaigns.CampaignRowReport>? OnProblem { get; set; }
        public System.Action? OnSendingStarted { get; set; }
        public System.TimeProvider TimeProvider { get; set; }
        public System.Threading.Tasks.Task<Elemente.Campaigns.CampaignResult> RunAsync(Elemente.Campaigns.CampaignStop stop) { }
        public System.Threading.Tasks.Task<Elemente.Campaigns.CampaignResult> RunAsync(System.Threading.CancellationToken cancellationToken = default) { }
    }
    public sealed class CampaignStop : System.IDisposable
    {
        public CampaignStop() { }
        public System.Threading.CancellationToken Aborting { get; }
        public string? Reason { get; }
        public System.Threading.CancellationToken Stopping { get; }
        public void Dispose() { }
        public void Request(string reason) { }
    }
    public enum CampaignStopCause
    {
        Requested = 0,
        CredentialsRefused = 1,
        ApiUnreachable = 2,
        JournalFailed = 3,
    }
    public interface ICampaignJournal : System.IAsyncDisposable
    {
        string Name { get; }
        System.Threading.Tasks.Task AppendAsync(Elemente.Campaigns.CampaignJournalEntry entry, System.Threading.CancellationToken cancellationToken);
        System.Threading.Tasks.Task MarkRunAsync(int run, bool ended, string detail, System.Threading.CancellationToken cancellationToken);
        System.Threading.Tasks.Task<Elemente.Campaigns.CampaignJournalContents?> ReadAsync(bool forWriting, System.Threading.CancellationToken cancellationToken);
        System.Threading.Tasks.Task StartAsync(Elemente.Campaigns.CampaignJournalHeader header, Elemente.Campaigns.CampaignJournalContents? existing, System.Threading.CancellationToken cancellationToken);
    }
    public sealed class RedialPolicy
    {
        public RedialPolicy(System.Collections.Generic.IEnumerable<Elemente.InteractionStatus> statuses, int maxAttempts, System.Collections.Generic.IEnumerable<System.TimeSpan> delays) { }
        public System.Collections.Generic.IReadOnlyList<System.TimeSpan> Delays { get; }
        public int MaxAttempts { get; }
        public System.Collections.Generic.IReadOnlyList<Elemente.InteractionStatus> Statuses { get; }
        public static string Names { get; }
        public static System.Collections.Generic.IReadOnlyList<Elemente.InteractionStatus> RedialableStatuses { get; }
        public System.TimeSpan DelayAfter(int attempt) { }
        public bool Redials(int attempt, string? finalStatus) { }
        public static System.Collections.Generic.IReadOnlyList<System.TimeSpan> ParseDelays(string text) { }
        public static System.Collections.Generic.IReadOnlyList<Elemente.InteractionStatus> ParseStatuses(string text) { }
    }
    public sealed class SuppressionList
    {
        public int Count { get; }
        public string Name { get; }
        public string? Region { get; }
        public bool Contains(string phoneNumberOrEmail) { }
        public static Elemente.Campaigns.SuppressionList Create(string name, System.Collections.Generic.IEnumerable<string> entries, string? region = null) { }
        public static Elemente.Campaigns.SuppressionList Load(string path, string? region = null) { }
    }
}
