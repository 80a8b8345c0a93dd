namespace Elemente.ContractTests;

/// <summary>Paths in the repository, found from the test binaries (no working-directory assumptions).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding Elemente.Generated.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The verbatim upstream spec (never edited).</summary>
    public static string UpstreamSpec => Path.Combine(Root, "openapi", "elemente.yaml");

    /// <summary>The overlay that fixes the upstream spec's quirks.</summary>
    public static string Overlay => Path.Combine(Root, "openapi", "elemente.overlay.yaml");

    /// <summary>The npm project pinning Stoplight Prism.</summary>
    public static string ContractNpmProject => Path.Combine(Root, "tests", "contract");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Elemente.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Elemente.Generated.sln above {AppContext.BaseDirectory}: run the tests from a checkout of the repository.");
    }
}
