using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>
/// The spec NSwag generates from: the docs pages merged (<see cref="SpecMerger"/>), the overlay applied, then every
/// public name given, pinned by openapi/names.yaml or by convention (<see cref="PublicNames"/>), and checked not to
/// collide with a common .NET type (<see cref="TypeNameCollisions"/>).
/// </summary>
public static class EffectiveSpec
{
    /// <summary>Builds the effective spec from <paramref name="pages"/> and an overlay, as JSON text.</summary>
    /// <exception cref="SpecToolException">A page or the overlay is invalid, pages conflict, an action matches nothing, or two operations get one name.</exception>
    public static string Build(IReadOnlyList<SpecPage> pages, string overlayYaml, string overlaySource, NamesFile? names = null) =>
        YamlJson.ToJson(BuildDocument(pages, overlayYaml, overlaySource, names));

    /// <summary>Builds the effective spec from the page files under <paramref name="pagesFolder"/> and the overlay file, as JSON text.</summary>
    /// <remarks>Without <paramref name="namesPath"/>, the names file is names.yaml beside the pages folder (openapi/names.yaml), if there is one.</remarks>
    public static string FromFiles(string pagesFolder, string overlayPath, string? namesPath = null) =>
        Build(
            SpecPages.Load(pagesFolder),
            File.ReadAllText(overlayPath),
            Path.GetFileName(overlayPath),
            NamesFile.Load(namesPath ?? Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(pagesFolder)))!, "names.yaml")));

    /// <summary>The verbatim pages under <paramref name="pagesFolder"/> merged, with nothing changed, as JSON text (for mock servers and linters).</summary>
    public static string MergedFromFiles(string pagesFolder) => YamlJson.ToJson(SpecMerger.Merge(SpecPages.Load(pagesFolder)));

    /// <summary>Builds the effective spec from <paramref name="pages"/> and an overlay.</summary>
    public static JObject BuildDocument(IReadOnlyList<SpecPage> pages, string overlayYaml, string overlaySource, NamesFile? names = null) =>
        Apply(SpecMerger.Merge(pages), overlayYaml, overlaySource, names);

    /// <summary>
    /// Turns the merged pages <paramref name="document"/> into the effective spec, in place: applies the overlay, then
    /// gives the public names (<paramref name="names"/>' pinned ones, else the convention's) and checks them.
    /// </summary>
    public static JObject Apply(JObject document, string overlayYaml, string overlaySource, NamesFile? names = null) =>
        Name(document, overlayYaml, overlaySource, names ?? NamesFile.Empty).Document;

    /// <summary>As <see cref="Apply"/>, and says which names it gave (what <c>update</c> records) and which the convention would give.</summary>
    /// <exception cref="SpecToolException">An overlay action matches nothing, two operations or schemas get one name, or a type name collides.</exception>
    public static (JObject Document, PublicNaming Naming) Name(JObject document, string overlayYaml, string overlaySource, NamesFile names) =>
        Name(document, Overlay.Parse(overlayYaml, overlaySource), names);

    /// <summary>As <see cref="Name(JObject, string, string, NamesFile)"/>, with the overlay already parsed.</summary>
    public static (JObject Document, PublicNaming Naming) Name(JObject document, Overlay overlay, NamesFile names)
    {
        var upstreamIds = OperationNames.OperationIds(document);
        overlay.Apply(document);
        var naming = PublicNames.Apply(document, upstreamIds, names);
        TypeNameCollisions.Check(document, naming);
        return (document, naming);
    }
}
