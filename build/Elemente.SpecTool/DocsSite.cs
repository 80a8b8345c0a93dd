using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Elemente.SpecTool;

/// <summary>
/// The Elemente documentation site: its index (<c>llms.txt</c> at the docs root lists every page as a Markdown link)
/// and the Markdown exports of its API reference pages (the page URL plus <c>.md</c>).
/// Every fetch has a timeout; every failure is a <see cref="SpecToolException"/> naming the URL and the reason.
/// The site may be read from a mirror: pages are then named by their canonical URLs (what the index of the real site
/// says, and what provenance records), and fetched from the mirror.
/// </summary>
public sealed class DocsSite : IDisposable
{
    /// <summary>The docs site the tool reads by default.</summary>
    public const string DefaultUrl = "https://docs.elemente.ai";

    /// <summary>How long one fetch may take by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private const string ApiReferenceSegment = "/api-reference/";

    private readonly HttpClient _http;

    /// <summary>Creates a reader of the site at <paramref name="root"/>.</summary>
    /// <param name="root">The docs root, e.g. <c>https://docs.elemente.ai</c>.</param>
    /// <param name="timeout">How long one fetch (connect, headers and body) may take.</param>
    /// <param name="canonicalRoot">
    /// The site <paramref name="root"/> mirrors, e.g. <c>https://docs.elemente.ai</c>: links under it are fetched from
    /// <paramref name="root"/>, and pages keep their canonical URLs. By default <paramref name="root"/> itself.
    /// </param>
    public DocsSite(Uri root, TimeSpan timeout, Uri? canonicalRoot = null)
    {
        Root = WithSlash(root);
        CanonicalRoot = canonicalRoot is null ? Root : WithSlash(canonicalRoot);
        Timeout = timeout;
        _http = new HttpClient { Timeout = timeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Elemente.SpecTool/1.0");
    }

    /// <summary>The docs root pages are fetched from, ending with a slash.</summary>
    public Uri Root { get; }

    /// <summary>The docs root pages are named by, ending with a slash: <see cref="Root"/> unless it is a mirror.</summary>
    public Uri CanonicalRoot { get; }

    /// <summary>The index of the site: <c>llms.txt</c> at the (canonical) docs root.</summary>
    public Uri IndexUrl => new(CanonicalRoot, "llms.txt");

    /// <summary>How long one fetch may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Parses a docs URL given on the command line.</summary>
    /// <exception cref="SpecToolException">The text is not an absolute http(s) URL.</exception>
    public static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new SpecToolException($"'{text}': the docs URL must be an absolute http(s) URL");
        }

        return uri;
    }

    /// <summary>
    /// Returns the Markdown exports of the API reference pages that an <c>llms.txt</c> index links to: every Markdown
    /// link whose path contains <c>/api-reference/</c>, absolute or relative to the index, with <c>.md</c> added when
    /// the link lacks it. In the index's order, without duplicates.
    /// </summary>
    public static IReadOnlyList<Uri> FindApiReferencePages(string index, Uri indexUrl)
    {
        var pages = new List<Uri>();
        var document = Markdown.Parse(index);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.IsImage || string.IsNullOrWhiteSpace(link.Url)
                || !Uri.TryCreate(indexUrl, link.Url.Trim(), out var url)
                || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
                || !url.AbsolutePath.Contains(ApiReferenceSegment, StringComparison.Ordinal))
            {
                continue;
            }

            var export = new UriBuilder(url) { Fragment = string.Empty };
            if (!export.Path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                export.Path = export.Path.TrimEnd('/') + ".md";
            }

            if (!pages.Contains(export.Uri))
            {
                pages.Add(export.Uri);
            }
        }

        return pages;
    }

    /// <summary>Fetches the text at <paramref name="canonicalUrl"/>, from the mirror when the URL is under <see cref="CanonicalRoot"/>.</summary>
    /// <exception cref="SpecToolException">No answer within the timeout, no connection, or a status other than 2xx.</exception>
    public async Task<string> FetchAsync(Uri canonicalUrl, CancellationToken cancellationToken)
    {
        var url = canonicalUrl.AbsoluteUri.StartsWith(CanonicalRoot.AbsoluteUri, StringComparison.Ordinal)
            ? new Uri(Root, canonicalUrl.AbsoluteUri.Substring(CanonicalRoot.AbsoluteUri.Length))
            : canonicalUrl;
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new SpecToolException($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()}");
            }

            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SpecToolException($"{url}: no answer within {Timeout.TotalSeconds:0.###} s (timeout)", ex);
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : $"{ex.HttpRequestError}: {ex.Message}";
            throw new SpecToolException($"{url}: cannot be fetched ({reason})", ex);
        }
    }

    /// <summary>Fetches the index and returns the API reference pages it lists.</summary>
    /// <exception cref="SpecToolException">The index cannot be fetched or lists no API reference page.</exception>
    public async Task<IReadOnlyList<Uri>> FindApiReferencePagesAsync(CancellationToken cancellationToken)
    {
        var index = await FetchAsync(IndexUrl, cancellationToken).ConfigureAwait(false);
        var pages = FindApiReferencePages(index, IndexUrl);
        if (pages.Count == 0)
        {
            throw new SpecToolException($"{IndexUrl}: lists no page whose path contains {ApiReferenceSegment}");
        }

        return pages;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static Uri WithSlash(Uri root)
    {
        if (!root.IsAbsoluteUri || (root.Scheme != Uri.UriSchemeHttp && root.Scheme != Uri.UriSchemeHttps))
        {
            throw new SpecToolException($"{root}: the docs URL must be an absolute http(s) URL");
        }

        return root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
    }
}
