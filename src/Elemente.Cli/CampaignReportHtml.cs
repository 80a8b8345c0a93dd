using System.Globalization;
using System.Net;
using System.Text;
using Elemente.Campaigns;

namespace Elemente.Cli;

/// <summary>
/// <c>campaign report --html</c>: the report as one self-contained page (no scripts, no external fonts, styles or
/// images; charts are inline SVG), to open in a browser or forward. Each figure carries a <c>data-</c> attribute with its
/// raw value, so that a program (or a test) can read it back.
/// </summary>
internal static class CampaignReportHtml
{
    private static readonly string[] Palette = ["#2e7d32", "#f9a825", "#ef6c00", "#c62828", "#1565c0", "#00838f", "#6a1b9a", "#757575"];

    /// <summary>The outcomes' colours by meaning (reached green, not reached amber to purple, failed red, unknown grey).</summary>
    private static readonly Dictionary<string, string> OutcomeColours = new(StringComparer.Ordinal)
    {
        ["completed"] = "#2e7d32", ["resolved"] = "#2e7d32", ["closed"] = "#2e7d32",
        ["no-answer"] = "#f9a825", ["busy"] = "#ef6c00", ["voicemail"] = "#6a1b9a",
        ["failed"] = "#c62828", ["canceled"] = "#c62828", ["expired"] = "#c62828",
        ["unknown"] = "#616161", ["sending"] = "#616161", [CampaignReport.NotFollowed] = "#90a4ae", ["skipped"] = "#bdbdbd", ["new"] = "#bdbdbd",
    };

    public static string Render(CampaignReport report, string title)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>Campaign report: ").Append(E(title)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#212121}\n")
            .Append("h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}\n")
            .Append(".figures{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}.figure{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;min-width:8rem}\n")
            .Append(".figure .value{font-size:1.6rem;font-weight:600}.figure .label{color:#616161;font-size:.85rem}\n")
            .Append("table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eee}\n")
            .Append("svg text{font-family:inherit;font-size:12px;fill:#212121}.note{color:#616161;font-size:.85rem}\n")
            .Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>Campaign report</h1>\n<p class=\"note\">Journal ").Append(E(title)).Append("</p>\n");

        html.Append("<div class=\"figures\">\n");
        Figure(html, "rows", "Rows", report.Rows.ToString(CultureInfo.InvariantCulture), report.Rows.ToString(CultureInfo.InvariantCulture));
        Figure(html, "created", "Created", report.Created.ToString(CultureInfo.InvariantCulture), report.Created.ToString(CultureInfo.InvariantCulture));
        Figure(html, "followed", "Followed to the end", report.Followed.ToString(CultureInfo.InvariantCulture), report.Followed.ToString(CultureInfo.InvariantCulture));
        Figure(html, "answered", "Answered", report.Answered.ToString(CultureInfo.InvariantCulture), report.Answered.ToString(CultureInfo.InvariantCulture));
        Figure(
            html,
            "answer-rate",
            "Answer rate (of followed calls)",
            report.AnswerRate is { } rate ? rate.ToString("P1", CultureInfo.InvariantCulture) : "n/a",
            report.AnswerRate is { } raw ? Math.Round(raw, 4).ToString(CultureInfo.InvariantCulture) : string.Empty);
        html.Append("</div>\n<p class=\"note\">Answered: the call's final status is completed, resolved or closed.</p>\n");

        html.Append("<h2>Outcomes</h2>\n");
        HorizontalBars(html, "outcomes", report.Outcomes);
        html.Append("<h2>Attempts per row</h2>\n");
        HorizontalBars(html, "attempts", report.AttemptsPerRow);
        html.Append("<h2>Calls per hour, in each recipient's local time</h2>\n");
        HourColumns(html, report.CallsPerLocalHour);
        if (report.NumbersWithSeveralZones > 0)
        {
            html.Append("<p class=\"note\">").Append(report.NumbersWithSeveralZones.ToString(CultureInfo.InvariantCulture))
                .Append(" call(s) went to numbers whose prefix spans several time zones: the first zone was used.</p>\n");
        }

        if (report.CallsWithoutZone > 0)
        {
            html.Append("<p class=\"note\">").Append(report.CallsWithoutZone.ToString(CultureInfo.InvariantCulture))
                .Append(" call(s) have no local time (no phone number, or no zone known for it) and are not counted above.</p>\n");
        }

        html.Append("<h2>Rows whose outcome is unknown (").Append(report.UnknownRows.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h2>\n");
        if (report.UnknownRows.Count == 0)
        {
            html.Append("<p>None: every row's outcome is known.</p>\n");
        }
        else
        {
            html.Append("<table id=\"unknown\">\n<thead><tr><th>Line</th><th>Contact</th><th>Interaction</th><th>Why</th></tr></thead>\n<tbody>\n");
            foreach (var row in report.UnknownRows)
            {
                html.Append("<tr data-line=\"").Append(row.Line.ToString(CultureInfo.InvariantCulture)).Append("\"><td>").Append(row.Line.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(E(row.Contact ?? string.Empty)).Append("</td><td>").Append(E(row.InteractionId ?? string.Empty))
                    .Append("</td><td>").Append(E(row.Why)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Figure(StringBuilder html, string id, string label, string shown, string raw) =>
        html.Append("<div class=\"figure\" id=\"").Append(id).Append("\" data-value=\"").Append(E(raw)).Append("\"><div class=\"value\">")
            .Append(E(shown)).Append("</div><div class=\"label\">").Append(E(label)).Append("</div></div>\n");

    /// <summary>One bar per count, labels on the left, the count at the bar's end.</summary>
    private static void HorizontalBars(StringBuilder html, string id, IReadOnlyList<CampaignReportCount> counts)
    {
        const int LabelWidth = 140;
        const int BarWidth = 560;
        const int RowHeight = 26;
        var max = Math.Max(1, counts.Select(c => c.Count).DefaultIfEmpty(0).Max());
        var height = Math.Max(1, counts.Count) * RowHeight + 8;
        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" role=\"img\" aria-label=\"{id}\" width=\"{LabelWidth + BarWidth + 60}\" height=\"{height}\" viewBox=\"0 0 {LabelWidth + BarWidth + 60} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (var i = 0; i < counts.Count; i++)
        {
            var count = counts[i];
            var y = 4 + i * RowHeight;
            var width = count.Count == 0 ? 0 : Math.Max(2, (int)Math.Round((double)count.Count / max * BarWidth));
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\" data-label=\"{E(count.Label)}\" data-count=\"{count.Count}\">")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 16}\" text-anchor=\"end\">{E(count.Label)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{width}\" height=\"{RowHeight - 8}\" rx=\"3\" fill=\"{(OutcomeColours.TryGetValue(count.Label, out var colour) ? colour : Palette[i % Palette.Length])}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + width + 6}\" y=\"{y + 16}\">{count.Count}</text></g>\n");
        }

        html.Append("</svg>\n");
    }

    /// <summary>24 columns, one per local hour, with the hour under each and the count above it.</summary>
    private static void HourColumns(StringBuilder html, IReadOnlyList<CampaignReportCount> hours)
    {
        const int Column = 30;
        const int ChartHeight = 200;
        const int Left = 10;
        var max = Math.Max(1, hours.Select(c => c.Count).DefaultIfEmpty(0).Max());
        var width = Left * 2 + hours.Count * Column;
        var height = ChartHeight + 44;
        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"hours\" role=\"img\" aria-label=\"calls per local hour\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{ChartHeight + 20}\" x2=\"{width - Left}\" y2=\"{ChartHeight + 20}\" stroke=\"#9e9e9e\"/>\n");
        for (var i = 0; i < hours.Count; i++)
        {
            var hour = hours[i];
            var x = Left + i * Column;
            var bar = hour.Count == 0 ? 0 : Math.Max(2, (int)Math.Round((double)hour.Count / max * ChartHeight));
            var top = ChartHeight + 20 - bar;
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\" data-label=\"{E(hour.Label)}\" data-count=\"{hour.Count}\">")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + 4}\" y=\"{top}\" width=\"{Column - 8}\" height=\"{bar}\" fill=\"#1565c0\"/>");
            if (hour.Count > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + Column / 2}\" y=\"{top - 4}\" text-anchor=\"middle\">{hour.Count}</text>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + Column / 2}\" y=\"{ChartHeight + 36}\" text-anchor=\"middle\">{E(hour.Label)}</text></g>\n");
        }

        html.Append("</svg>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
