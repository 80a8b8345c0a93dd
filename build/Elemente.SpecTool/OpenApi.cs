using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>One operation of an OpenAPI document.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path template.</param>
/// <param name="Operation">The operation object.</param>
/// <param name="PathParameters">The parameters declared on the path item, shared by its operations.</param>
public sealed record OpenApiOperation(string Method, string Path, JObject Operation, JArray? PathParameters)
{
    /// <summary>How the operation is named in reports, e.g. <c>POST /api/v1/calls</c>.</summary>
    public string Key => $"{Method} {Path}";
}

/// <summary>Reading helpers for OpenAPI 3.0 documents held as Json.NET tokens.</summary>
public static class OpenApi
{
    /// <summary>The fields of a path item that are operations.</summary>
    public static readonly IReadOnlySet<string> HttpMethods =
        new HashSet<string>(["get", "put", "post", "delete", "options", "head", "patch", "trace"], StringComparer.Ordinal);

    /// <summary>Every operation of <paramref name="document"/>, by <see cref="OpenApiOperation.Key"/>.</summary>
    public static IReadOnlyDictionary<string, OpenApiOperation> Operations(JObject document)
    {
        var operations = new SortedDictionary<string, OpenApiOperation>(StringComparer.Ordinal);
        foreach (var path in (document["paths"] as JObject)?.Properties() ?? [])
        {
            if (path.Value is not JObject item)
            {
                continue;
            }

            foreach (var field in item.Properties())
            {
                if (HttpMethods.Contains(field.Name) && field.Value is JObject operation)
                {
                    var found = new OpenApiOperation(field.Name.ToUpperInvariant(), path.Name, operation, item["parameters"] as JArray);
                    operations[found.Key] = found;
                }
            }
        }

        return operations;
    }

    /// <summary>The name of the component a local reference such as <c>#/components/schemas/Foo</c> points to.</summary>
    public static string? RefName(JToken? token) =>
        (token as JObject)?["$ref"]?.ToString() is { } reference ? reference.Substring(reference.LastIndexOf('/') + 1) : null;

    /// <summary>Follows a local <c>$ref</c> (<c>#/a/b/c</c>) within <paramref name="document"/>; other tokens are returned as they are.</summary>
    public static JToken? Resolve(JObject document, JToken? token)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while ((token as JObject)?["$ref"]?.ToString() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal) && seen.Add(reference))
        {
            token = document.SelectToken(string.Concat(reference.Substring(2).Split('/').Select(part => $"['{Unescape(part)}']")));
        }

        return token;
    }

    private static string Unescape(string part) => part.Replace("~1", "/").Replace("~0", "~").Replace("'", "\\'");
}
