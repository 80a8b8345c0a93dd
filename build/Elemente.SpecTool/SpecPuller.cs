namespace Elemente.SpecTool;

/// <summary>One page <see cref="SpecPuller"/> fetched.</summary>
/// <param name="Url">The page's Markdown export, as the docs index names it (canonical, also when read from a mirror).</param>
/// <param name="File">The page file that holds it (<see cref="SpecPages.FileFor"/>).</param>
/// <param name="Yaml">The page's YAML block, byte for byte.</param>
public sealed record PulledPage(Uri Url, string File, string Yaml);

/// <summary>What <see cref="SpecPuller"/> fetched.</summary>
/// <param name="Index">The index the pages were discovered from.</param>
/// <param name="Pages">The pages, in the index's order.</param>
/// <param name="FetchedAt">When the fetch started.</param>
public sealed record PulledSpec(Uri Index, IReadOnlyList<PulledPage> Pages, DateTimeOffset FetchedAt)
{
    /// <summary>The pages as merge input, each named by its URL.</summary>
    public IReadOnlyList<SpecPage> PagesByUrl => Pages.Select(page => new SpecPage(page.Url.AbsoluteUri, page.Yaml)).ToList();
}

/// <summary>
/// Pulls the spec from the docs site: reads the index, fetches every API reference page it lists, extracts each
/// page's YAML block and checks the pages merge (<see cref="SpecMerger"/>).
/// </summary>
public sealed class SpecPuller
{
    private readonly DocsSite _site;
    private readonly TimeProvider _clock;

    /// <summary>Creates a puller reading <paramref name="site"/>.</summary>
    public SpecPuller(DocsSite site, TimeProvider? clock = null)
    {
        _site = site;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Pulls the pages and checks that each has a file of its own and that they merge. Writes nothing.</summary>
    /// <exception cref="SpecToolException">A fetch failed, a page holds no valid OpenAPI YAML, two pages map to one file, or two pages conflict.</exception>
    public async Task<PulledSpec> PullAsync(CancellationToken cancellationToken)
    {
        var fetchedAt = _clock.GetUtcNow();
        var pages = new List<PulledPage>();
        foreach (var url in await _site.FindApiReferencePagesAsync(cancellationToken).ConfigureAwait(false))
        {
            var markdown = await _site.FetchAsync(url, cancellationToken).ConfigureAwait(false);
            pages.Add(new PulledPage(url, SpecPages.FileFor(url), DocsPage.ExtractYaml(markdown, url.AbsoluteUri)));
        }

        var pulled = new PulledSpec(_site.IndexUrl, pages, fetchedAt);
        SpecPages.ByFile(pulled);
        SpecMerger.Merge(pulled.PagesByUrl);
        return pulled;
    }
}
