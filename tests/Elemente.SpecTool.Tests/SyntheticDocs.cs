namespace Elemente.SpecTool.Tests;

/// <summary>
/// The whole documented API as far as we have pages: the captured ones (the scenario's, see Fixtures.ScenarioFolder) and the synthetic ones
/// (tests/fixtures/synthetic-docs, whose llms.txt lists all of them).
/// </summary>
internal static class SyntheticDocs
{
    /// <summary>Every page's YAML block, named by its page file.</summary>
    public static IReadOnlyList<SpecPage> Pages() =>
        new[] { Fixtures.DocsFolder, Fixtures.SyntheticDocsFolder }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)
                .Select(path => new SpecPage(
                    SpecPages.FileFor(new Uri("https://docs.elemente.ai/" + Path.GetRelativePath(folder, path).Replace('\\', '/'))),
                    DocsPage.ExtractYaml(File.ReadAllText(path), path))))
            .ToList();

    /// <summary>Serves both folders; the synthetic llms.txt, listing every page, wins.</summary>
    public static void Serve(DocsServer server)
    {
        server.ServeFolder(Fixtures.DocsFolder);
        server.ServeFolder(Fixtures.SyntheticDocsFolder);
    }
}
