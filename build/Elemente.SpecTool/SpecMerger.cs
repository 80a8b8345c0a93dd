using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>
/// Merges the one-operation OpenAPI documents of the docs pages into one document: the union of their paths,
/// components and tags. Each operation comes from exactly one page. Anything else several pages define (a schema, a
/// security scheme, <c>info</c>, <c>servers</c>...) must be identical everywhere. Otherwise the merge fails naming
/// both pages. The result depends only on the pages' contents and names, not on the order they were listed in: pages
/// are taken in name order and paths and components are sorted by name.
/// </summary>
public static class SpecMerger
{
    private static readonly HashSet<string> MergedFields = new(["paths", "components", "tags"], StringComparer.Ordinal);

    /// <summary>Merges <paramref name="pages"/> into a new document.</summary>
    /// <exception cref="SpecToolException">No page, a page that is not an OpenAPI document, or a conflict between pages.</exception>
    public static JObject Merge(IReadOnlyList<SpecPage> pages)
    {
        if (pages.Count == 0)
        {
            throw new SpecToolException("No docs page to merge");
        }

        var merged = new JObject();
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var page in pages.OrderBy(page => page.Source, StringComparer.Ordinal))
        {
            var document = ParseOpenApi(page);
            foreach (var field in document.Properties().Where(field => !MergedFields.Contains(field.Name)))
            {
                Add(merged, field, $"'{field.Name}'", page.Source, origins, differs: "differs between");
            }

            MergeSection(merged, document, "paths", PathKey, page.Source, origins);
            MergeSection(merged, document, "components", ComponentKey, page.Source, origins);
            MergeTags(merged, document);
        }

        SortProperties(merged["paths"] as JObject);
        if (merged["components"] is JObject components)
        {
            foreach (var section in components.Properties().Select(property => property.Value).OfType<JObject>())
            {
                SortProperties(section);
            }
        }

        return merged;
    }

    /// <summary>Parses one page's YAML and checks it is an OpenAPI document.</summary>
    /// <exception cref="SpecToolException">Invalid YAML, or no <c>openapi</c> field.</exception>
    public static JObject ParseOpenApi(SpecPage page)
    {
        if (YamlJson.Parse(page.Yaml, page.Source) is not JObject document || document["openapi"] is null)
        {
            throw new SpecToolException($"{page.Source}: the YAML block is not an OpenAPI document (no 'openapi' field)");
        }

        if (document["paths"] is not null && document["paths"] is not JObject)
        {
            throw new SpecToolException($"{page.Source}: 'paths' must be a mapping");
        }

        return document;
    }

    private static string PathKey(string path, string field) =>
        OpenApi.HttpMethods.Contains(field) ? $"operation {field.ToUpperInvariant()} {path}" : $"'{field}' of path {path}";

    private static string ComponentKey(string section, string name) => section switch
    {
        "schemas" => $"schema {name}",
        "securitySchemes" => $"security scheme {name}",
        _ => $"components.{section}.{name}",
    };

    // Merges a two-level section: paths (path → operations) or components (section → named definitions).
    private static void MergeSection(
        JObject merged, JObject document, string field, Func<string, string, string> keyOf, string source, Dictionary<string, string> origins)
    {
        if (document[field] is not JObject groups)
        {
            return;
        }

        var target = merged[field] as JObject ?? (JObject)(merged[field] = new JObject());
        foreach (var group in groups.Properties())
        {
            if (group.Value is not JObject items)
            {
                throw new SpecToolException($"{source}: {field}.{group.Name} must be a mapping");
            }

            var targetGroup = target[group.Name] as JObject ?? (JObject)(target[group.Name] = new JObject());
            foreach (var item in items.Properties())
            {
                var operation = field == "paths" && OpenApi.HttpMethods.Contains(item.Name);
                if (operation && targetGroup[item.Name] is not null)
                {
                    var key = keyOf(group.Name, item.Name);
                    throw new SpecToolException($"{key} is defined by both {origins[key]} and {source}; each operation must come from one page");
                }

                Add(targetGroup, item, keyOf(group.Name, item.Name), source, origins, differs: "is defined differently by");
            }
        }
    }

    private static void Add(JObject target, JProperty definition, string key, string source, Dictionary<string, string> origins, string differs)
    {
        var existing = target[definition.Name];
        if (existing is null)
        {
            target[definition.Name] = definition.Value.DeepClone();
            origins[key] = source;
        }
        else if (!JToken.DeepEquals(existing, definition.Value))
        {
            throw new SpecToolException(
                $"{key} {differs} {origins[key]} and {source}; the docs contradict themselves, so no spec can be merged");
        }
    }

    private static void MergeTags(JObject merged, JObject document)
    {
        if (document["tags"] is not JArray tags)
        {
            return;
        }

        var target = merged["tags"] as JArray ?? (JArray)(merged["tags"] = new JArray());
        var known = target.Select(TagName).ToHashSet(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (known.Add(TagName(tag)))
            {
                target.Add(tag.DeepClone());
            }
        }
    }

    private static string? TagName(JToken tag) => (tag as JObject)?["name"]?.ToString();

    private static void SortProperties(JObject? obj)
    {
        if (obj is null)
        {
            return;
        }

        var properties = obj.Properties().OrderBy(property => property.Name, StringComparer.Ordinal).ToList();
        obj.RemoveAll();
        foreach (var property in properties)
        {
            obj.Add(property);
        }
    }
}
