namespace Elemente.TestSupport;

/// <summary>The repository the tests run from: the folder holding Elemente.Generated.sln above the test binaries.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> LazyPath = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(folder.FullName, "Elemente.Generated.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Elemente.Generated.sln above {AppContext.BaseDirectory}: run the tests from a checkout of the repository.");
    });

    /// <summary>The folder holding Elemente.Generated.sln.</summary>
    public static string Path => LazyPath.Value;

    /// <summary>A path inside the repository.</summary>
    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
