using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>
/// The spec NSwag generates from: the docs pages merged (<see cref="SpecMerger"/>), the overlay applied, then every
/// operation named by convention (<see cref="OperationNames"/>).
/// </summary>
public static class EffectiveSpec
{
    /// <summary>Builds the effective spec from <paramref name="pages"/> and an overlay, as JSON text.</summary>
    /// <exception cref="SpecToolException">A page or the overlay is invalid, pages conflict, an action matches nothing, or two operations get one name.</exception>
    public static string Build(IReadOnlyList<SpecPage> pages, string overlayYaml, string overlaySource) =>
        YamlJson.ToJson(BuildDocument(pages, overlayYaml, overlaySource));

    /// <summary>Builds the effective spec from the page files under <paramref name="pagesFolder"/> and the overlay file, as JSON text.</summary>
    public static string FromFiles(string pagesFolder, string overlayPath) =>
        Build(SpecPages.Load(pagesFolder), File.ReadAllText(overlayPath), Path.GetFileName(overlayPath));

    /// <summary>The verbatim pages under <paramref name="pagesFolder"/> merged, with nothing changed, as JSON text (for mock servers and linters).</summary>
    public static string MergedFromFiles(string pagesFolder) => YamlJson.ToJson(SpecMerger.Merge(SpecPages.Load(pagesFolder)));

    /// <summary>Builds the effective spec from <paramref name="pages"/> and an overlay.</summary>
    public static JObject BuildDocument(IReadOnlyList<SpecPage> pages, string overlayYaml, string overlaySource) =>
        Apply(SpecMerger.Merge(pages), overlayYaml, overlaySource);

    /// <summary>Turns the merged pages <paramref name="document"/> into the effective spec, in place: applies the overlay, then names the operations.</summary>
    public static JObject Apply(JObject document, string overlayYaml, string overlaySource)
    {
        var upstreamIds = OperationNames.OperationIds(document);
        Overlay.Parse(overlayYaml, overlaySource).Apply(document);
        OperationNames.Apply(document, upstreamIds);
        return document;
    }
}
