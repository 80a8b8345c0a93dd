using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>One docs page's OpenAPI document: where it came from and its YAML block, byte for byte.</summary>
/// <param name="Source">The page's URL (or another name used in messages).</param>
/// <param name="Yaml">The page's YAML block.</param>
public sealed record SpecPage(string Source, string Yaml);

/// <summary>
/// Merges the one-operation OpenAPI documents of the docs pages into one document: the union of their paths and
/// components. Something that several pages define (an operation, a schema, a security scheme...) must be identical
/// everywhere, or the merge fails naming both pages. The result depends only on the pages' contents, not on the
/// order they were listed in: pages are taken in URL order and paths and components are sorted by name.
/// </summary>
public static class SpecMerger
{
    /// <summary>Merges <paramref name="pages"/>. With exactly one page, returns its YAML unchanged.</summary>
    /// <exception cref="SpecToolException">No page, a page that is not an OpenAPI document, or a conflict between pages.</exception>
    public static string Merge(IReadOnlyList<SpecPage> pages)
    {
        if (pages.Count == 0)
        {
            throw new SpecToolException("No docs page to merge");
        }

        var ordered = pages.OrderBy(page => page.Source, StringComparer.Ordinal).ToList();
        var documents = ordered.Select(page => (page.Source, Document: ParseOpenApi(page))).ToList();
        if (documents.Count == 1)
        {
            // Byte for byte: the committed spec stays exactly what the docs publish.
            return ordered[0].Yaml;
        }

        var (firstSource, merged) = documents[0];
        merged = (JObject)merged.DeepClone();
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        Record(origins, merged, firstSource);
        foreach (var (source, document) in documents.Skip(1))
        {
            MergeSection(merged, document, "paths", PathKey, source, origins);
            MergeSection(merged, document, "components", ComponentKey, source, origins);
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

        return YamlJson.ToYaml(merged);
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

    private static void Record(Dictionary<string, string> origins, JObject document, string source)
    {
        foreach (var (key, _) in Definitions(document))
        {
            origins[key] = source;
        }
    }

    // Every mergeable definition of a document: operations (and path-level fields) and components, by a readable key.
    private static IEnumerable<(string Key, JToken Value)> Definitions(JObject document)
    {
        if (document["paths"] is JObject paths)
        {
            foreach (var path in paths.Properties())
            {
                foreach (var item in (path.Value as JObject)?.Properties() ?? [])
                {
                    yield return (PathKey(path.Name, item.Name), item.Value);
                }
            }
        }

        if (document["components"] is JObject components)
        {
            foreach (var section in components.Properties())
            {
                foreach (var item in (section.Value as JObject)?.Properties() ?? [])
                {
                    yield return (ComponentKey(section.Name, item.Name), item.Value);
                }
            }
        }
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
                Add(targetGroup, item, keyOf(group.Name, item.Name), source, origins);
            }
        }
    }

    private static void Add(JObject target, JProperty definition, string key, string source, Dictionary<string, string> origins)
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
                $"{key} is defined differently by {origins[key]} and {source}; the docs contradict themselves, so no spec can be merged");
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
