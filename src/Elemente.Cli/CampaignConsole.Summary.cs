using System.Globalization;
using System.Text;
using System.Text.Json;
using Elemente.Campaigns;
using Spectre.Console;

namespace Elemente.Cli;

/// <summary>The end of <c>campaign run</c> and <c>campaign status</c>: the summary, the row tables, and the JSON output.</summary>
internal static partial class CampaignConsole
{
    private static void WriteSummary(IAnsiConsole console, CampaignResult result)
    {
        var c = result.Counters;
        var table = new Table().Title(result.DryRun ? "Dry run: nothing sent" : result.Run == 0 ? "Nothing sent" : $"Campaign run {result.Run}").AddColumn("").AddColumn(new TableColumn("rows").RightAligned());
        void Row(string name, int count) => table.AddRow(Markup.Escape(name), count.ToString(CultureInfo.InvariantCulture));
        Row("in the CSV", c.Rows);
        Row("valid", c.Valid);
        Row("invalid", c.Invalid);
        Row("duplicates", c.Duplicates);
        foreach (var (list, count) in result.SuppressedByList)
        {
            Row($"suppressed ({list})", count);
        }

        Row("already created (journal)", c.AlreadyCreated);
        Row("unknown before this run, not resent", c.Unresolved);
        Row(result.DryRun ? "would be sent" : "to send", c.ToSend);
        if (!result.DryRun)
        {
            Row("created", c.Created);
            Row("failed (a rerun retries them)", c.Failed);
            Row("unknown (check before resending)", c.Unknown);
            Row("not started (stopped)", c.NotStarted);
            if (result.FinalStatuses.Count > 0 || c.Followed > 0 || c.NotFinal > 0)
            {
                Row("followed to their final status", c.Followed);
                Row("not final (a rerun follows them)", c.NotFinal);
                Row("redials created", c.Redials);
            }
            Row("waiting (calling hours, daily limit)", result.Waiting);
        }

        console.Write(table);
        if (!result.DryRun && result.Elapsed.TotalSeconds > 0)
        {
            console.WriteLine($"{result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s in all; sending {result.SendingElapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s, {result.RowsPerSecond.ToString("0.0", CultureInfo.InvariantCulture)} rows/s" +
                (c.Throttles > 0 ? $", slowed down {c.Throttles} time(s) by 429 answers" : string.Empty));
        }

        foreach (var (status, count) in result.FinalStatuses)
        {
            console.WriteLine($"  ended {status}: {count}");
        }

        if (result.Unresolved.Count > 0)
        {
            console.WriteLine($"{result.Unresolved.Count} row(s) have an unknown outcome: they may have reached the customer. Check them before any --resend-unknown:");
            console.Write(ReportTable(result.Unresolved));
        }

        if (!result.DryRun)
        {
            console.WriteLine($"Journal: {result.Journal}");
        }

        if (result.Outcome == CampaignOutcome.RowsFailed)
        {
            console.WriteLine("Some rows are not created: rerun the same command to retry the failed ones; check the unknown ones.");
        }

        if (result.ResumeAt is { } resume)
        {
            console.WriteLine($"{result.Waiting} row(s) waiting for their calling hours or next local day: the first may go at {When(resume)}.");
        }
    }

    private static Table ReportTable(IEnumerable<CampaignRowReport> rows)
    {
        var table = new Table().AddColumns("line", "phone", "E.164", "reason");
        foreach (var row in rows)
        {
            table.AddRow(row.Line.ToString(CultureInfo.InvariantCulture), Markup.Escape(row.Phone ?? ""), Markup.Escape(row.E164 ?? ""), Markup.Escape(row.Message));
        }

        return table;
    }

    private static Table RecordTable(IEnumerable<CampaignRowRecord> rows)
    {
        var table = new Table().AddColumns("line", "state", "phone", "E.164", "id or reason");
        foreach (var row in rows)
        {
            table.AddRow(
                row.Line.ToString(CultureInfo.InvariantCulture),
                CampaignJournalContents.StateName(row.State),
                Markup.Escape(row.Phone ?? row.Email ?? ""),
                Markup.Escape(row.E164 ?? ""),
                Markup.Escape(row.Id ?? row.Reason ?? (row.State == CampaignRowState.Sending ? $"in flight in run {row.SendingRun}, no outcome recorded" : "")));
        }

        return table;
    }

    private static void WriteRecords(Utf8JsonWriter writer, string name, IEnumerable<CampaignRowRecord> rows)
    {
        writer.WriteStartArray(name);
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WriteNumber("line", row.Line);
            writer.WriteString("key", row.Key);
            writer.WriteString("state", CampaignJournalContents.StateName(row.State));
            writer.WriteString("phone", row.Phone);
            writer.WriteString("e164", row.E164);
            writer.WriteString("email", row.Email);
            writer.WriteString("id", row.Id);
            writer.WriteString("reason", row.Reason);
            writer.WriteString("detail", row.Detail);
            writer.WriteNumber("attempts", row.Attempts);
            writer.WriteNumber("run", row.Run);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string ToJson(CampaignResult result, IReadOnlyList<(int Line, string Body)> planned)
    {
        var c = result.Counters;
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.Indented))
        {
            writer.WriteStartObject();
            writer.WriteNumber("exitCode", ExitCodes.Of(result.Outcome));
            writer.WriteBoolean("dryRun", result.DryRun);
            writer.WriteString("journal", result.Journal);
            writer.WriteNumber("run", result.Run);
            writer.WriteNumber("rows", c.Rows);
            writer.WriteNumber("valid", c.Valid);
            writer.WriteNumber("invalid", c.Invalid);
            writer.WriteNumber("duplicates", c.Duplicates);
            writer.WriteNumber("suppressed", c.Suppressed);
            writer.WriteStartObject("suppressedByList");
            foreach (var (list, count) in result.SuppressedByList)
            {
                writer.WriteNumber(list, count);
            }

            writer.WriteEndObject();
            writer.WriteNumber("alreadyCreated", c.AlreadyCreated);
            writer.WriteNumber("unknownBefore", c.Unresolved);
            writer.WriteNumber("toSend", c.ToSend);
            writer.WriteNumber("created", c.Created);
            writer.WriteNumber("failed", c.Failed);
            writer.WriteNumber("unknown", c.Unknown);
            writer.WriteNumber("notStarted", c.NotStarted);
            writer.WriteNumber("throttles", c.Throttles);
            writer.WriteNumber("followed", c.Followed);
            writer.WriteNumber("notFinal", c.NotFinal);
            writer.WriteNumber("redials", c.Redials);
            writer.WriteBoolean("stopped", result.Stopped);
            writer.WriteString("stopReason", result.StopReason);
            writer.WriteString("stopCause", result.StopCause switch
            {
                CampaignStopCause.Requested => "requested",
                CampaignStopCause.CredentialsRefused => "credentials-refused",
                CampaignStopCause.ApiUnreachable => "api-unreachable",
                CampaignStopCause.JournalFailed => "journal-failed",
                _ => null,
            });
            writer.WriteString("message", result.Message);
            WriteWaiting(writer, result);
            writer.WriteNumber("elapsedSeconds", Math.Round(result.Elapsed.TotalSeconds, 3));
            writer.WriteNumber("sendingSeconds", Math.Round(result.SendingElapsed.TotalSeconds, 3));
            writer.WriteNumber("rowsPerSecond", Math.Round(result.RowsPerSecond, 1));
            writer.WriteNumber("peakWorkingSetBytes", result.PeakWorkingSet);
            Reported(writer, "problems", result.Problems);
            Reported(writer, "unresolved", result.Unresolved);
            if (result.DryRun)
            {
                writer.WriteStartArray("requests");
                foreach (var (line, body) in planned)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("line", line);
                    writer.WritePropertyName("request");
                    writer.WriteRawValue(body, skipInputValidation: true);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteStartObject("finalStatuses");
            foreach (var (status, count) in result.FinalStatuses)
            {
                writer.WriteNumber(status, count);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Reported(Utf8JsonWriter writer, string name, IReadOnlyList<CampaignRowReport> rows)
    {
        writer.WriteStartArray(name);
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WriteNumber("line", row.Line);
            writer.WriteString("kind", row.Kind);
            writer.WriteString("message", row.Message);
            writer.WriteString("phone", row.Phone);
            writer.WriteString("e164", row.E164);
            writer.WriteString("id", row.Id);
            writer.WriteString("detail", row.Detail);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
