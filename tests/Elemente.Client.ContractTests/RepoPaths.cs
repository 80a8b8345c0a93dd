namespace Elemente.ContractTests;

/// <summary>Paths in the repository, found from the test binaries (no working-directory assumptions).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyUpstreamSpec = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "elemente.upstream.json");
        File.WriteAllText(path, Elemente.SpecTool.EffectiveSpec.MergedFromFiles(Pages));
        return path;
    });

    /// <summary>The folder holding Elemente.Generated.sln.</summary>
    public static string Root => Elemente.TestSupport.RepositoryRoot.Path;

    /// <summary>The verbatim upstream pages (never edited), one file per docs page.</summary>
    public static string Pages => Path.Combine(Root, "openapi", "pages");

    /// <summary>The verbatim pages merged into one spec by the spec tool, as the build merges them (written beside the test binaries).</summary>
    public static string UpstreamSpec => LazyUpstreamSpec.Value;

    /// <summary>The overlay that fixes the upstream spec's quirks.</summary>
    public static string Overlay => Path.Combine(Root, "openapi", "elemente.overlay.yaml");

    /// <summary>The npm project pinning Stoplight Prism.</summary>
    public static string ContractNpmProject => Elemente.TestSupport.NpmTool.ContractProject;
}
