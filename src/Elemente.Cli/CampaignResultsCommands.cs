using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Elemente.Campaigns;

namespace Elemente.Cli;

/// <summary><c>campaign follow</c>, <c>campaign export</c> and <c>campaign report</c>: what happened to a campaign's calls.</summary>
internal static partial class ElementeCli
{
    private const int MaxFinalsPrinted = 200;

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Argument<FileInfo> JournalArgument() => new("journal") { Description = "The campaign's journal file." };

    private static Command FollowCommand(TextWriter output, TextWriter error, TextReader? stdin)
    {
        var file = JournalArgument();
        var concurrency = new Option<int>("--concurrency") { Description = "The most Get call requests at once (default 4).", DefaultValueFactory = _ => 4 };
        var rate = new Option<string?>("--rate") { Description = "The most Get call requests per minute, as N/min (or N/s)." };
        var timeout = new Option<TimeSpan?>("--timeout") { Description = "Leave a call not final after this long (hh:mm:ss; default 30 minutes); a rerun follows it again." };
        var follow = new Command("follow", "Poll each created call of a campaign until it ends, and journal its final status, duration and end time.") { file, concurrency, rate, timeout };
        follow.SetAction((parse, cancellationToken) => Guard(error, async () =>
        {
            var workers = parse.GetValue(concurrency);
            if (workers is < 1 or > 256)
            {
                throw new UsageException($"--concurrency: {workers} is not between 1 and 256.");
            }

            var options = new CampaignFollowOptions
            {
                JournalPath = parse.GetValue(file)!.FullName,
                Concurrency = workers,
                RatePerMinute = ParseRate(parse.GetValue(rate)),
            };
            if (parse.GetValue(timeout) is { } limit)
            {
                options.Timeout = limit > TimeSpan.Zero ? limit : throw new UsageException("--timeout: give a positive time, such as 00:45:00.");
            }

            if (!File.Exists(options.JournalPath))
            {
                throw new UsageException($"journal {options.JournalPath}: no such file.");
            }

            var settings = Connection.ReadPasswordOnce(Settings(parse, stdin));
            Connection.Create(settings, 0).Dispose();
            var json = Json(parse);
            var printed = 0;
            var follower = new CampaignFollower(options, () => Connection.Create(settings, maxRetries: 0))
            {
                OnFinal = row =>
                {
                    if (!json && Interlocked.Increment(ref printed) <= MaxFinalsPrinted)
                    {
                        lock (output)
                        {
                            output.WriteLine($"line {row.Line}: {row.Status}{(row.Duration is { } d ? $" ({d.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s)" : string.Empty)}  {row.Id}");
                        }
                    }
                },
            };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            var result = await follower.RunAsync(stop.Token).ConfigureAwait(false);
            var code = result.StopCause is not null ? ExitCodes.Stopped : result.NotFinal > 0 ? ExitCodes.RowsFailed : ExitCodes.Success;
            if (json)
            {
                WriteJson(output, writer =>
                {
                    writer.WriteString("journal", options.JournalPath);
                    writer.WriteNumber("followed", result.Followed);
                    writer.WriteNumber("alreadyFinal", result.AlreadyFinal);
                    writer.WriteNumber("notFinal", result.NotFinal);
                    writer.WriteNumber("notCreated", result.NotCreated);
                    writer.WriteNumber("polls", result.Polls);
                    writer.WriteNumber("throttles", result.Throttles);
                    writer.WriteStartObject("statuses");
                    foreach (var (status, count) in result.Statuses)
                    {
                        writer.WriteNumber(status, count);
                    }

                    writer.WriteEndObject();
                    writer.WriteStartArray("problems");
                    foreach (var (line, why) in result.Problems)
                    {
                        writer.WriteStartObject();
                        writer.WriteNumber("line", line);
                        writer.WriteString("reason", why);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    OptionalString(writer, "stopped", result.StopReason);
                    writer.WriteNumber("exitCode", code);
                });
            }
            else
            {
                if (printed > MaxFinalsPrinted)
                {
                    await output.WriteLineAsync($"({printed - MaxFinalsPrinted} more final statuses are in the journal)").ConfigureAwait(false);
                }

                foreach (var (line, why) in result.Problems.Take(MaxFinalsPrinted))
                {
                    await output.WriteLineAsync($"line {line}: not final: {why}").ConfigureAwait(false);
                }

                await output.WriteLineAsync($"Followed {result.Followed}, already final {result.AlreadyFinal}, not final {result.NotFinal}, not created {result.NotCreated}.").ConfigureAwait(false);
                if (result.Statuses.Count > 0)
                {
                    await output.WriteLineAsync("Final statuses: " + string.Join(", ", result.Statuses.Select(s => $"{s.Key} {s.Value}"))).ConfigureAwait(false);
                }

                if (result.StopReason is not null)
                {
                    await output.WriteLineAsync($"Stopped: {result.StopReason}. Rerun the same command to go on following.").ConfigureAwait(false);
                }
                else if (result.NotFinal > 0)
                {
                    await output.WriteLineAsync("Some calls are not final yet: rerun the same command later to follow them.").ConfigureAwait(false);
                }
            }

            return code;
        }));
        return follow;
    }

    private static Command ExportCommand(TextWriter output, TextWriter error)
    {
        var file = JournalArgument();
        var format = new Option<string>("--format") { Description = "csv (default) or json (one JSON object per line).", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var export = new Command("export", "Write one line per row: its CSV fields, the phone in both forms, attempts, interaction ids, final status, duration, and the skip or failure reason.") { file, format };
        export.SetAction((parse, cancellationToken) => Guard(error, async () =>
        {
            var results = CampaignExport.Read(CampaignJournalFile.Read(parse.GetValue(file)!.FullName));
            if (results.CsvProblem is not null)
            {
                await error.WriteLineAsync("warning: " + results.CsvProblem + " The rows' CSV fields are left empty.").ConfigureAwait(false);
            }

            if (parse.GetValue(format) == "json")
            {
                foreach (var row in results.Rows)
                {
                    await output.WriteLineAsync(ExportJson(results.Columns, row)).ConfigureAwait(false);
                }
            }
            else
            {
                var columns = results.Columns.Concat(["line", "phone", "e164", "email", "state", "attempts", "interactionIds", "finalStatus", "duration", "endedAt", "reason"]);
                await output.WriteLineAsync(CsvLine(columns)).ConfigureAwait(false);
                foreach (var row in results.Rows)
                {
                    var fields = Enumerable.Range(0, results.Columns.Count).Select(i => i < row.Fields.Count ? row.Fields[i] : string.Empty);
                    await output.WriteLineAsync(CsvLine(fields.Concat(
                    [
                        row.Line.ToString(CultureInfo.InvariantCulture), row.Phone ?? string.Empty, row.E164 ?? string.Empty, row.Email ?? string.Empty, row.State,
                        row.Attempts.ToString(CultureInfo.InvariantCulture), string.Join(" ", row.InteractionIds), row.FinalStatus ?? string.Empty,
                        row.Duration is { } d ? d.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) : string.Empty,
                        row.EndedAt?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty, row.Reason ?? string.Empty,
                    ]))).ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        }));
        return export;
    }

    private static Command ReportCommand(TextWriter output, TextWriter error)
    {
        var file = JournalArgument();
        var html = new Option<FileInfo?>("--html") { Description = "Also write the report as one self-contained HTML page to this file." };
        var report = new Command("report", "Outcomes, answer rate, attempts per row and calls per local hour of a campaign, as charts, JSON or an HTML page.") { file, html };
        report.SetAction((parse, cancellationToken) => Guard(error, async () =>
        {
            var path = parse.GetValue(file)!.FullName;
            var figures = CampaignReport.From(CampaignJournalFile.Read(path));
            if (parse.GetValue(html) is { } page)
            {
                try
                {
                    await File.WriteAllTextAsync(page.FullName, CampaignReportHtml.Render(figures, Path.GetFileName(path)), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"--html {page.FullName}: cannot be written ({ex.Message}).");
                }
            }

            if (Json(parse))
            {
                WriteJson(output, writer => WriteReport(writer, figures));
            }
            else
            {
                DrawReport(CampaignConsole.Console(output), figures);
                if (parse.GetValue(html) is { } written)
                {
                    await output.WriteLineAsync($"HTML report: {written.FullName}").ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        }));
        return report;
    }
}
