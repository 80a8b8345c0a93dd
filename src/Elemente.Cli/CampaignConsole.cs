using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Elemente.Campaigns;
using Newtonsoft.Json;
using Spectre.Console;

namespace Elemente.Cli;

/// <summary>What <c>campaign run</c> and <c>campaign status</c> show: problems as they are found, a live progress bar
/// (on a terminal), a summary table, or one JSON document with <c>--output json</c>.</summary>
internal static partial class CampaignConsole
{
    private const int MaxPrinted = 200;

    /// <summary>SIGXFSZ, "file size limit exceeded": 25 on Linux and macOS (PosixSignal names only the portable ones).</summary>
    private const PosixSignal SigXfsz = (PosixSignal)25;

    /// <summary>How many of the requests a dry run would send are shown as text (--output json lists every one).</summary>
    private const int PlannedShown = 20;

    private static readonly JsonSerializerSettings RequestJson = new() { NullValueHandling = NullValueHandling.Ignore };

    public static async Task<int> RunAsync(CampaignOptions options, Func<ElementeClient> client, bool json, TextWriter output, TextWriter error)
    {
        var printed = 0;
        var console = Console(output);
        void OnProblem(CampaignRowReport row)
        {
            if (json)
            {
                return;
            }

            if (++printed <= MaxPrinted)
            {
                output.WriteLine($"line {row.Line}: {row.Kind}: {row.Message}{Forms(row)}");
            }
            else if (printed == MaxPrinted + 1)
            {
                output.WriteLine($"(more problems are counted in the summary; --output json lists the first {CampaignRunner.MaxReported})");
            }
        }

        using var stop = new CampaignStop();
        var showingProgress = false;
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Request("Ctrl+C");
            if (!Volatile.Read(ref showingProgress))
            {
                // The progress bar says it itself; a line written under it would be torn.
                error.WriteLine(StopNotice(stop));
            }
        });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Request("SIGTERM");
        });
        // A file size limit (ulimit -f) reached by the journal: the write fails (EFBIG) and the run stops as for a full
        // disk, instead of the signal ending the process between a request and its record.
        using var sigxfsz = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(SigXfsz, context => context.Cancel = true);

        var interactive = !json && !System.Console.IsOutputRedirected && console.Profile.Capabilities.Interactive;
        var planned = new List<(int Line, string Body)>();
        var plannedCount = 0;
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new CampaignRunner(options, client)
        {
            OnProblem = OnProblem,
            OnSendingStarted = () => sending.TrySetResult(),
            OnPlanned = (line, request) =>
            {
                var body = JsonConvert.SerializeObject(request, Formatting.None, RequestJson);
                if (json)
                {
                    planned.Add((line, body));
                }
                else if (++plannedCount <= PlannedShown)
                {
                    output.WriteLine($"would send, line {line}: {body}");
                }
            },
            ConfirmResend = interactive ? rows => ConfirmResend(console, rows) : null,
        };
        var run = runner.RunAsync(stop);
        if (interactive && !options.DryRun)
        {
            await Task.WhenAny(run, sending.Task).ConfigureAwait(false);
            if (!run.IsCompleted)
            {
                await console.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var bar = context.AddTask("sending", maxValue: Math.Max(1, runner.Counters.ToSend));
                        Volatile.Write(ref showingProgress, true);
                        while (!run.IsCompleted)
                        {
                            Update(bar, runner.Counters, stop);
                            await Task.WhenAny(run, Task.Delay(200)).ConfigureAwait(false);
                        }

                        Update(bar, runner.Counters, stop);
                        Volatile.Write(ref showingProgress, false);
                    }).ConfigureAwait(false);
            }
        }

        var result = await run.ConfigureAwait(false);
        if (json)
        {
            await output.WriteLineAsync(ToJson(result, planned)).ConfigureAwait(false);
        }
        else
        {
            if (plannedCount > PlannedShown)
            {
                await output.WriteLineAsync($"... and {plannedCount - PlannedShown} more (--output json lists every one)").ConfigureAwait(false);
            }

            if (result.Outcome != CampaignOutcome.InvalidRows)
            {
                // The invalid rows were listed as they were found; nothing ran, so there is no run to sum up.
                WriteSummary(console, result);
            }
        }

        // Why the run stopped or refused to go on: on the error stream, whatever the output format.
        if (Verdict(result) is { } verdict)
        {
            await error.WriteLineAsync(verdict).ConfigureAwait(false);
        }

        return ExitCodes.Of(result.Outcome);
    }

    /// <summary>The one line that says why nothing (more) was sent, with what to do; null when the run was not stopped.</summary>
    private static string? Verdict(CampaignResult result)
    {
        var c = result.Counters;
        return result.Outcome switch
        {
            CampaignOutcome.InvalidRows => $"error: {c.Invalid} of {c.Rows} rows are invalid: nothing was sent. Fix them, or send the valid ones with --skip-invalid.",
            CampaignOutcome.ResendNotConfirmed => "error: " + result.Message,
            CampaignOutcome.OutsideCallingHours => WaitingVerdict(result),
            CampaignOutcome.Stopped => result.StopCause switch
            {
                CampaignStopCause.CredentialsRefused => $"error: stopped: {result.StopReason}. Nothing more was sent: fix the credentials ({ConnectionSettings.UsernameVariable}, and {ConnectionSettings.PasswordVariable} or --password-stdin) before running again.",
                CampaignStopCause.JournalFailed => $"error: stopped: {result.StopReason}. No further request was sent. Once the journal can be written again (free space, a writable folder), rerun the same command to go on.",
                CampaignStopCause.ApiUnreachable => $"error: stopped: {result.StopReason}. The journal is consistent: once the API can be reached, rerun the same command to go on.",
                _ => $"Stopped ({result.StopReason}); the journal is consistent: rerun the same command to go on.",
            },
            _ => null,
        };
    }

    public static async Task<int> StatusAsync(CampaignJournalContents journal, string path, bool allRows, bool json, TextWriter output)
    {
        var byState = Enum.GetValues<CampaignRowState>().Where(s => s != CampaignRowState.None)
            .ToDictionary(s => s, s => journal.Rows.Values.Count(r => r.State == s));
        var unresolved = journal.Unresolved.ToList();
        if (json)
        {
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, JsonOutput.Indented))
            {
                writer.WriteStartObject();
                writer.WriteString("journal", path);
                writer.WriteString("csv", journal.Header.Csv);
                writer.WriteNumber("runs", journal.LastRun);
                writer.WriteStartObject("rows");
                foreach (var (state, count) in byState)
                {
                    writer.WriteNumber(CampaignJournalContents.StateName(state), count);
                }

                writer.WriteEndObject();
                WriteRecords(writer, "unknown", unresolved);
                if (allRows)
                {
                    WriteRecords(writer, "all", journal.Rows.Values.OrderBy(r => r.Line));
                }

                if (journal.TornLine is { } torn)
                {
                    writer.WriteNumber("tornLine", torn);
                }

                writer.WriteEndObject();
            }

            await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var console = Console(output);
        console.WriteLine($"Journal {path}");
        console.WriteLine($"  CSV {journal.Header.Csv}, agent {journal.Header.Agent}, skill {journal.Header.Skill}, channel {journal.Header.Channel}, {journal.LastRun} run(s)");
        if (journal.TornLine is { } tornLine)
        {
            console.WriteLine($"  line {tornLine} was torn by a kill mid-write; the next run cuts it off");
        }

        var summary = new Table().AddColumn("state").AddColumn(new TableColumn("rows").RightAligned());
        foreach (var (state, count) in byState)
        {
            summary.AddRow(CampaignJournalContents.StateName(state), count.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(summary);
        if (unresolved.Count > 0)
        {
            console.WriteLine($"{unresolved.Count} row(s) may have reached the customer with no outcome recorded. Check each (Elemente console, by phone number) before any --resend-unknown:");
            console.Write(RecordTable(unresolved));
        }

        if (allRows)
        {
            console.Write(RecordTable(journal.Rows.Values.OrderBy(r => r.Line)));
        }

        return ExitCodes.Success;
    }

    internal static IAnsiConsole Console(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = output == System.Console.Out && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = output == System.Console.Out && !System.Console.IsOutputRedirected ? InteractionSupport.Detect : InteractionSupport.No,
    });

    private static bool ConfirmResend(IAnsiConsole console, IReadOnlyList<CampaignRowReport> rows)
    {
        console.WriteLine($"{rows.Count} row(s) may already have reached the customer:");
        console.Write(ReportTable(rows));
        return console.Confirm("Send them again? The customers may be contacted twice.", defaultValue: false);
    }

    private static void Update(ProgressTask bar, CampaignCounters counters, CampaignStop stop)
    {
        bar.Value = counters.Done;
        var counts = $"created {counters.Created}, failed {counters.Failed}, unknown {counters.Unknown} of {counters.ToSend}" + Waiting(counters);
        bar.Description = Markup.Escape(stop.Stopping.IsCancellationRequested ? StopNotice(stop) + " " + counts : counts);
    }

    private static string StopNotice(CampaignStop stop) => stop.Aborting.IsCancellationRequested
        ? "Stopping now: the calls in flight are cancelled and marked unknown."
        : "Stopping: no new calls; the ones in flight finish and are recorded (Ctrl+C again cancels them).";

    private static string Forms(CampaignRowReport row) =>
        row.Phone is null ? string.Empty : row.E164 is null || row.E164 == row.Phone ? $" [{row.Phone}]" : $" [{row.Phone} -> {row.E164}]";
}
