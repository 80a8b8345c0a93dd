namespace Elemente.SpecTool;

/// <summary>One docs page's OpenAPI document: where it came from and its YAML block, byte for byte.</summary>
/// <param name="Source">
/// How the page is named in messages: its file under <c>openapi/pages/</c> (e.g. <c>calls/get-call.yaml</c>) when read
/// from the repository, its URL when pulled from the docs.
/// </param>
/// <param name="Yaml">The page's YAML block.</param>
public sealed record SpecPage(string Source, string Yaml);

/// <summary>
/// The committed spec: one file per docs page under <c>openapi/pages/</c>, each holding the page's YAML block byte for
/// byte, with its provenance beside it. The page at <c>https://docs.elemente.ai/api-reference/endpoint/calls/get-call.md</c>
/// is <c>calls/get-call.yaml</c> (the URL's path after <c>/api-reference/</c>, without <c>endpoint/</c>), recorded in
/// <c>calls/get-call.provenance.json</c>. Adding a page adds files and changes no existing one.
/// </summary>
public static class SpecPages
{
    /// <summary>The extension of a page file.</summary>
    public const string Extension = ".yaml";

    private const string ApiReferenceSegment = "/api-reference/";
    private const string EndpointFolder = "endpoint/";

    /// <summary>The page file, relative to the pages folder with '/' separators, that holds the page at <paramref name="pageUrl"/>.</summary>
    public static string FileFor(Uri pageUrl)
    {
        var path = Uri.UnescapeDataString(pageUrl.AbsolutePath);
        var start = path.IndexOf(ApiReferenceSegment, StringComparison.Ordinal);
        var relative = start < 0 ? path.TrimStart('/') : path.Substring(start + ApiReferenceSegment.Length);
        if (relative.StartsWith(EndpointFolder, StringComparison.Ordinal))
        {
            relative = relative.Substring(EndpointFolder.Length);
        }

        if (relative.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            relative = relative.Substring(0, relative.Length - 3);
        }

        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(segment => segment is "." or ".." || segment.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0))
        {
            throw new SpecToolException($"{pageUrl}: no page file name can be made from this URL");
        }

        return string.Join('/', segments) + Extension;
    }

    /// <summary>Every page file under <paramref name="folder"/> (recursively), named relative to it, in ordinal order.</summary>
    /// <exception cref="SpecToolException">The folder does not exist or holds no page.</exception>
    public static IReadOnlyList<SpecPage> Load(string folder)
    {
        var pages = LoadIfAny(folder);
        return pages.Count > 0 ? pages : throw new SpecToolException($"{folder}: no page files (*{Extension}); run `pull` to fetch them from the docs");
    }

    /// <summary>Like <see cref="Load"/>, but an empty or missing folder gives no pages.</summary>
    public static IReadOnlyList<SpecPage> LoadIfAny(string folder) =>
        !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, "*" + Extension, SearchOption.AllDirectories)
                .Select(path => new SpecPage(Relative(folder, path), File.ReadAllText(path)))
                .OrderBy(page => page.Source, StringComparer.Ordinal)
                .ToList();

    /// <summary>
    /// Makes <paramref name="folder"/> hold exactly the pulled pages: writes each new or changed page and its provenance
    /// (atomically), leaves unchanged pages and their provenance alone (writing the provenance only if it is missing), and
    /// deletes the pages the docs no longer list.
    /// </summary>
    /// <exception cref="SpecToolException">Two pulled pages map to the same file.</exception>
    public static PageChanges Write(PulledSpec spec, string folder)
    {
        var changes = Compare(LoadIfAny(folder), spec);
        foreach (var page in spec.Pages)
        {
            var path = PathOf(folder, page.File);
            var changed = changes.Added.Contains(page.File) || changes.Changed.Contains(page.File);
            if (changed)
            {
                Files.WriteAtomically(path, page.Yaml);
            }

            if (changed || !File.Exists(Provenance.PathFor(path)))
            {
                Files.WriteAtomically(Provenance.PathFor(path), Provenance.From(page, spec).ToJson());
            }
        }

        foreach (var file in changes.Removed)
        {
            var path = PathOf(folder, file);
            File.Delete(path);
            File.Delete(Provenance.PathFor(path));
        }

        return changes;
    }

    /// <summary>The pulled pages by page file.</summary>
    /// <exception cref="SpecToolException">Two pages map to the same file.</exception>
    public static IReadOnlyDictionary<string, PulledPage> ByFile(PulledSpec spec)
    {
        var files = new Dictionary<string, PulledPage>(StringComparer.Ordinal);
        foreach (var page in spec.Pages)
        {
            if (files.TryGetValue(page.File, out var other))
            {
                throw new SpecToolException($"{other.Url} and {page.Url} would both be stored as {page.File}");
            }

            files[page.File] = page;
        }

        return files;
    }

    /// <summary>Which page files the pulled spec adds, changes or removes compared with <paramref name="committed"/>.</summary>
    /// <exception cref="SpecToolException">Two pulled pages map to the same file.</exception>
    public static PageChanges Compare(IReadOnlyList<SpecPage> committed, PulledSpec spec)
    {
        var before = committed.ToDictionary(page => page.Source, page => page.Yaml, StringComparer.Ordinal);
        var after = ByFile(spec);

        return new PageChanges(
            Sorted(after.Keys.Where(file => !before.ContainsKey(file))),
            Sorted(after.Keys.Where(file => before.TryGetValue(file, out var yaml) && yaml != after[file].Yaml)),
            Sorted(before.Keys.Where(file => !after.ContainsKey(file))),
            Sorted(after.Keys.Where(file => before.TryGetValue(file, out var yaml) && yaml == after[file].Yaml)));
    }

    private static IReadOnlyList<string> Sorted(IEnumerable<string> files) => files.Order(StringComparer.Ordinal).ToList();

    private static string PathOf(string folder, string file) => Path.Combine(folder, file.Replace('/', Path.DirectorySeparatorChar));

    private static string Relative(string folder, string path) => Path.GetRelativePath(folder, path).Replace('\\', '/');
}

/// <summary>How the pulled pages differ from the committed ones, by page file.</summary>
/// <param name="Added">Pages the docs list that are not committed.</param>
/// <param name="Changed">Committed pages whose YAML block the docs now publish differently.</param>
/// <param name="Removed">Committed pages the docs no longer list.</param>
/// <param name="Unchanged">Committed pages the docs publish byte for byte.</param>
public sealed record PageChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed, IReadOnlyList<string> Unchanged)
{
    /// <summary>Whether any page file differs.</summary>
    public bool Any => Added.Count + Changed.Count + Removed.Count > 0;
}
