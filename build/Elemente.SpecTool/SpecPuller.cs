namespace Elemente.SpecTool;

/// <summary>What <see cref="SpecPuller"/> fetched.</summary>
/// <param name="Yaml">The merged spec, exactly as it is written to disk.</param>
/// <param name="Index">The index the pages were discovered from.</param>
/// <param name="Pages">The pages, in the index's order, each with its YAML block.</param>
/// <param name="FetchedAt">When the fetch started.</param>
public sealed record PulledSpec(string Yaml, Uri Index, IReadOnlyList<SpecPage> Pages, DateTimeOffset FetchedAt);

/// <summary>
/// Pulls the spec from the docs site: reads the index, fetches every API reference page it lists, extracts each
/// page's YAML block and merges them (<see cref="SpecMerger"/>).
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

    /// <summary>Pulls and merges the spec. Writes nothing.</summary>
    /// <exception cref="SpecToolException">A fetch failed, a page holds no valid OpenAPI YAML, or two pages conflict.</exception>
    public async Task<PulledSpec> PullAsync(CancellationToken cancellationToken)
    {
        var fetchedAt = _clock.GetUtcNow();
        var pages = new List<SpecPage>();
        foreach (var url in await _site.FindApiReferencePagesAsync(cancellationToken).ConfigureAwait(false))
        {
            var markdown = await _site.FetchAsync(url, cancellationToken).ConfigureAwait(false);
            pages.Add(new SpecPage(url.AbsoluteUri, DocsPage.ExtractYaml(markdown, url.AbsoluteUri)));
        }

        return new PulledSpec(SpecMerger.Merge(pages), _site.IndexUrl, pages, fetchedAt);
    }

    /// <summary>Writes the spec to <paramref name="specPath"/> and its provenance beside it, each atomically.</summary>
    /// <returns>The provenance file's path.</returns>
    public static string Write(PulledSpec spec, string specPath)
    {
        Files.WriteAtomically(specPath, spec.Yaml);
        var provenancePath = Provenance.PathFor(specPath);
        Files.WriteAtomically(provenancePath, Provenance.From(spec, Path.GetFileName(specPath)).ToJson());
        return provenancePath;
    }
}
