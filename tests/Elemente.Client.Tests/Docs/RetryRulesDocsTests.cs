using System.Net;
using System.Text.RegularExpressions;

namespace Elemente.Tests;

/// <summary>
/// The retry rules are written down for readers three times (docs/retries-and-timeouts.md's table, the package
/// README's summary, the XML docs of ElementeClientOptions.MaxRetries) and decided once in code. These tests read the
/// statuses each text names and check them against what the client does for every status from 300 to 599, so a text
/// that drifts from the code fails here.
/// </summary>
public class RetryRulesDocsTests
{
    private static readonly string[] DocsPage = { "docs", "retries-and-timeouts.md" };
    private static readonly string[] PackageReadme = { "src", "Elemente.Client", "README.md" };
    private static readonly IEnumerable<int> ErrorStatuses = Enumerable.Range(300, 300);

    [Fact]
    public async Task DocsTable_StatusesWithoutRetryAfter_AreExactlyWhatTheClientRetries()
    {
        var row = StatusRow(r => Regex.IsMatch(r.What, @"^[\d, ]+$"));
        Assert.Equal((true, false), (row.Get, row.Post));

        Assert.Equal(row.Statuses, await RetriedStatuses(HttpMethod.Get, retryAfter: null));
        Assert.Empty(await RetriedStatuses(HttpMethod.Post, retryAfter: null));
    }

    [Fact]
    public async Task DocsTable_StatusesWithRetryAfter_AreExactlyWhatTheClientRetries()
    {
        var withRetryAfter = StatusRow(r => r.What.Contains("`Retry-After`") && !r.What.Contains("MaxRetryDelay"));
        var transient = StatusRow(r => Regex.IsMatch(r.What, @"^[\d, ]+$"));
        Assert.Equal((true, true), (withRetryAfter.Get, withRetryAfter.Post));

        Assert.Equal(withRetryAfter.Statuses, await RetriedStatuses(HttpMethod.Post, retryAfter: "0"));
        Assert.Equal(withRetryAfter.Statuses.Union(transient.Statuses).OrderBy(s => s), await RetriedStatuses(HttpMethod.Get, retryAfter: "0"));
    }

    [Fact]
    public async Task DocsTable_RetryAfterBeyondMaxRetryDelay_IsNotRetried()
    {
        var row = Rows().Single(r => r.What.Contains("longer than `MaxRetryDelay`"));
        Assert.Equal(("not retried", "not retried"), (row.GetText, row.PostText));

        Assert.Empty(await RetriedStatuses(HttpMethod.Get, retryAfter: "120"));
        Assert.Empty(await RetriedStatuses(HttpMethod.Post, retryAfter: "120"));
    }

    [Fact]
    public async Task PackageReadme_RetrySummary_NamesTheStatusesTheClientRetries()
    {
        var section = Section(Repository.Read(PackageReadme), "## Errors and retries");
        var sentences = Regex.Split(section.Replace("\n", " "), @"(?<=\.)\s+");

        var idempotent = Statuses(sentences.Single(s => s.Contains("Idempotent requests")));
        var create = Statuses(sentences.Single(s => s.Contains("a create (a POST)")));

        Assert.Equal(await RetriedStatuses(HttpMethod.Get, retryAfter: null), idempotent);
        Assert.Equal(await RetriedStatuses(HttpMethod.Post, retryAfter: "0"), create);
    }

    [Fact]
    public async Task MaxRetriesXmlDoc_RetrySummary_NamesTheStatusesTheClientRetries()
    {
        // What NuGet readers see in their editor: the summary of ElementeClientOptions.MaxRetries.
        var source = Repository.Read("src", "Elemente.Client", "ElementeClientOptions.cs").Replace("\r\n", "\n");
        var summary = Regex.Match(source, @"<summary>(?<text>(?:(?!<summary>).)*?)</summary>\s*public int MaxRetries", RegexOptions.Singleline);
        Assert.True(summary.Success, "ElementeClientOptions.MaxRetries has no summary");
        var sentences = Regex.Split(Regex.Replace(summary.Groups["text"].Value, @"\s*///\s*", " "), @"(?<=\.)\s+");

        var idempotent = Statuses(sentences.Single(s => s.Contains("Idempotent requests")));
        var create = Statuses(sentences.Single(s => s.Contains("A create (POST)")));

        Assert.Equal(await RetriedStatuses(HttpMethod.Get, retryAfter: null), idempotent);
        Assert.Equal(await RetriedStatuses(HttpMethod.Post, retryAfter: "0"), create);
    }

    private sealed record Row(string What, string GetText, string PostText)
    {
        public IReadOnlyList<int> Statuses => RetryRulesDocsTests.Statuses(What);

        public bool Get => Retried(GetText);

        public bool Post => Retried(PostText);

        private static bool Retried(string cell) => cell.Replace("**", "").StartsWith("retried", StringComparison.Ordinal);
    }

    private static IReadOnlyList<Row> Rows()
    {
        var table = Section(Repository.Read(DocsPage), "## What is retried");
        return Regex.Matches(table, @"^\| (?<what>[^|]+?) \| (?<get>[^|]+?) \| (?<post>[^|]+?) \|$", RegexOptions.Multiline)
            .Cast<Match>()
            .Skip(1) // the header
            .Select(m => new Row(m.Groups["what"].Value, m.Groups["get"].Value, m.Groups["post"].Value))
            .Where(r => !r.What.StartsWith("---", StringComparison.Ordinal))
            .ToList();
    }

    private static Row StatusRow(Func<Row, bool> which)
    {
        var row = Assert.Single(Rows(), r => which(r));
        Assert.NotEmpty(row.Statuses);
        return row;
    }

    private static IReadOnlyList<int> Statuses(string text) =>
        Regex.Matches(text, @"\b[1-5]\d\d\b").Cast<Match>().Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().OrderBy(s => s).ToList();

    private static string Section(string markdown, string heading)
    {
        var text = markdown.Replace("\r\n", "\n");
        var start = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section '{heading}'");
        var end = text.IndexOf("\n## ", start + heading.Length + 1, StringComparison.Ordinal);
        return end < 0 ? text.Substring(start) : text.Substring(start, end - start);
    }

    /// <summary>Every status from 300 to 599 for which the client, allowed one retry, sends the request a second time.</summary>
    private static async Task<IReadOnlyList<int>> RetriedStatuses(HttpMethod method, string? retryAfter)
    {
        var status = 0;
        var attempts = 0;
        var handler = new Answering(() =>
        {
            Interlocked.Increment(ref attempts);
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("{}") };
            if (retryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            }

            return response;
        });
        var options = TestClients.Options();
        options.MaxRetries = 1;
        options.RetryDelay = TimeSpan.Zero;
        using var http = new HttpClient(handler);
        using var client = new ElementeClient(http, options);

        var retried = new List<int>();
        foreach (var each in ErrorStatuses)
        {
            status = each;
            attempts = 0;
            var sending = method == HttpMethod.Post
                ? client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None)
                : client.Calls.GetAsync("call-1", CancellationToken.None);
            await Assert.ThrowsAsync<ElementeApiException>(() => sending);
            Assert.InRange(attempts, 1, 2);
            if (attempts == 2)
            {
                retried.Add(each);
            }
        }

        return retried;
    }

    private sealed class Answering(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer());
    }
}
