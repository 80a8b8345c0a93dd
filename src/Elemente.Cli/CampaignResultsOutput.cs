using System.Globalization;
using System.Text;
using System.Text.Json;
using Elemente.Campaigns;
using Spectre.Console;

namespace Elemente.Cli;

/// <summary>How <c>campaign follow</c>, <c>campaign export</c> and <c>campaign report</c> write their results: the report's charts, JSON and CSV lines.</summary>
internal static partial class ElementeCli
{
    private static void DrawReport(IAnsiConsole console, CampaignReport report)
    {
        console.WriteLine($"Rows {report.Rows}, created {report.Created}, followed {report.Followed}, answered {report.Answered}.");
        console.WriteLine("Answer rate: " + (report.AnswerRate is { } rate ? $"{rate.ToString("P1", CultureInfo.InvariantCulture)} of followed calls (completed, resolved or closed)" : "none followed yet (campaign follow JOURNAL)"));
        console.WriteLine();
        console.Write(Chart("Outcomes (rows)", report.Outcomes));
        console.WriteLine();
        console.Write(Chart("Attempts per row (rows)", report.AttemptsPerRow));
        console.WriteLine();
        console.Write(Chart("Calls per hour, recipient's local time", report.CallsPerLocalHour));
        if (report.NumbersWithSeveralZones > 0)
        {
            console.WriteLine($"{report.NumbersWithSeveralZones} call(s) went to numbers whose prefix spans several time zones: their first zone was used.");
        }

        if (report.CallsWithoutZone > 0)
        {
            console.WriteLine($"{report.CallsWithoutZone} call(s) have no local time (no phone number, or no zone known for it).");
        }

        if (report.UnknownRows.Count > 0)
        {
            console.WriteLine();
            console.WriteLine($"{report.UnknownRows.Count} row(s) with an unknown outcome:");
            foreach (var row in report.UnknownRows.Take(MaxFinalsPrinted))
            {
                console.WriteLine($"  line {row.Line}: {row.Contact ?? "(no contact)"}: {row.Why}{(row.InteractionId is null ? string.Empty : " (" + row.InteractionId + ")")}");
            }
        }
    }

    private static BarChart Chart(string title, IReadOnlyList<CampaignReportCount> counts)
    {
        var chart = new BarChart().Label(title).Width(70);
        var colours = new[] { Color.Green, Color.Yellow, Color.Orange1, Color.Red, Color.Blue, Color.Aqua, Color.Fuchsia, Color.Grey };
        var i = 0;
        foreach (var count in counts)
        {
            chart.AddItem(count.Label, count.Count, colours[i++ % colours.Length]);
        }

        return chart;
    }

    private static void WriteReport(Utf8JsonWriter writer, CampaignReport report)
    {
        writer.WriteNumber("rows", report.Rows);
        writer.WriteNumber("created", report.Created);
        writer.WriteNumber("followed", report.Followed);
        writer.WriteNumber("answered", report.Answered);
        if (report.AnswerRate is { } rate)
        {
            writer.WriteNumber("answerRate", Math.Round(rate, 4));
        }
        else
        {
            writer.WriteNull("answerRate");
        }

        void Counts(string name, IReadOnlyList<CampaignReportCount> counts)
        {
            writer.WriteStartObject(name);
            foreach (var count in counts)
            {
                writer.WriteNumber(count.Label, count.Count);
            }

            writer.WriteEndObject();
        }

        Counts("outcomes", report.Outcomes);
        Counts("attemptsPerRow", report.AttemptsPerRow);
        Counts("callsPerLocalHour", report.CallsPerLocalHour);
        writer.WriteNumber("callsWithoutZone", report.CallsWithoutZone);
        writer.WriteNumber("numbersWithSeveralZones", report.NumbersWithSeveralZones);
        writer.WriteStartArray("unknownRows");
        foreach (var row in report.UnknownRows)
        {
            writer.WriteStartObject();
            writer.WriteNumber("line", row.Line);
            OptionalString(writer, "contact", row.Contact);
            OptionalString(writer, "id", row.InteractionId);
            writer.WriteString("why", row.Why);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string ExportJson(IReadOnlyList<string> columns, CampaignExportRow row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Indented.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("line", row.Line);
            writer.WriteStartObject("csv");
            for (var i = 0; i < columns.Count && i < row.Fields.Count; i++)
            {
                writer.WriteString(columns[i], row.Fields[i]);
            }

            writer.WriteEndObject();
            OptionalString(writer, "phone", row.Phone);
            OptionalString(writer, "e164", row.E164);
            OptionalString(writer, "email", row.Email);
            writer.WriteString("state", row.State);
            writer.WriteNumber("attempts", row.Attempts);
            writer.WriteStartArray("interactionIds");
            foreach (var id in row.InteractionIds)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            OptionalString(writer, "finalStatus", row.FinalStatus);
            if (row.Duration is { } duration)
            {
                writer.WriteNumber("duration", Math.Round(duration.TotalSeconds, 3));
            }

            OptionalString(writer, "endedAt", row.EndedAt?.ToString("O", CultureInfo.InvariantCulture));
            OptionalString(writer, "reason", row.Reason);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One CSV line (RFC 4180): a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
    internal static string CsvLine(IEnumerable<string> fields) => string.Join(",", fields.Select(f =>
        f.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f));

    private static void OptionalString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteJson(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
