using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>
/// Names every operation of the effective spec <c>{Tag}_{Name}</c>, which NSwag (MultipleClientsFromOperationId) turns
/// into <c>{Tag}Client.{Name}Async</c>: <c>Calls_Get</c> is <c>client.Calls.GetAsync</c>. No operation needs a
/// hand-written name.
/// <list type="bullet">
/// <item><description>Tag: the PascalCase of the operation's first tag; without tags, of the path's resource segment
/// (the first segment after <c>api</c> and a version such as <c>v1</c>: <c>/api/v1/calls/{id}</c> → <c>Calls</c>).</description></item>
/// <item><description>Name, from the summary: "Create call" and "Initiate call" → <c>Create</c>; "Get call" → <c>Get</c>;
/// "Get calls" and "List calls" → <c>List</c>; "Update call" → <c>Update</c>; "Delete call" → <c>Delete</c>; any other
/// summary → its PascalCase without the resource noun (the tag's last word, singular or plural): "End call" →
/// <c>End</c>, "Get call transcript" → <c>GetTranscript</c>.</description></item>
/// <item><description>Without a summary: the upstream operationId without its controller prefix
/// (<c>InteractionController_createConversation</c> → <c>CreateConversation</c>); without either: the method and the
/// path after the resource (<c>GET /api/v1/calls/{id}</c> → <c>GetById</c>).</description></item>
/// </list>
/// The overlay wins: an operation with an <c>x-elemente-name</c> extension takes that name, and one whose operationId
/// the overlay set keeps it. The upstream operationId stays searchable in the description ("Upstream operationId: ...").
/// Two operations that end up with one name fail the build, naming both.
/// </summary>
public static class OperationNames
{
    /// <summary>The extension an overlay action sets on an operation to choose its <c>{Name}</c>.</summary>
    public const string NameExtension = "x-elemente-name";

    private static readonly HashSet<string> CreateVerbs = new(["create", "initiate", "add"], StringComparer.Ordinal);
    private static readonly HashSet<string> GetVerbs = new(["get", "retrieve", "fetch", "read"], StringComparer.Ordinal);
    private static readonly HashSet<string> UpdateVerbs = new(["update", "edit", "modify", "patch"], StringComparer.Ordinal);
    private static readonly HashSet<string> DeleteVerbs = new(["delete", "remove"], StringComparer.Ordinal);

    /// <summary>The upstream operationIds of <paramref name="document"/>'s operations, by operation key (<c>GET /path</c>).</summary>
    public static IReadOnlyDictionary<string, string?> OperationIds(JObject document) =>
        OpenApi.Operations(document).ToDictionary(pair => pair.Key, pair => pair.Value.Operation["operationId"]?.ToString(), StringComparer.Ordinal);

    /// <summary>
    /// Names every operation of <paramref name="document"/> in place. <paramref name="upstreamIds"/> are the operationIds
    /// before the overlay applied (<see cref="OperationIds"/>): an operationId that differs from its upstream one was set
    /// by the overlay and is kept. An operation the overlay does not name takes its <paramref name="pinned"/> name
    /// (openapi/names.yaml) when it has one, else the convention's.
    /// </summary>
    /// <returns>Each operation's name as applied, and as the convention (with the overlay) would give it.</returns>
    /// <exception cref="SpecToolException">Two operations get the same name.</exception>
    public static OperationNaming Apply(JObject document, IReadOnlyDictionary<string, string?> upstreamIds, NamesFile? pinned = null)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new SortedDictionary<string, OperationName>(StringComparer.Ordinal);
        var convention = new SortedDictionary<string, OperationName>(StringComparer.Ordinal);
        foreach (var (key, operation) in OpenApi.Operations(document))
        {
            var upstreamId = upstreamIds.GetValueOrDefault(key);
            var current = operation.Operation["operationId"]?.ToString();
            var tag = Tag(operation.Operation, operation.Path);
            var overlayName = operation.Operation[NameExtension]?.ToString();
            var byOverlay = current is not null && current != upstreamId
                ? Split(current, tag)
                : overlayName is not null ? new OperationName(tag, overlayName) : null;
            var byConvention = byOverlay ?? new OperationName(tag, Name(operation, upstreamId));
            var name = byOverlay ?? pinned?.Operations.GetValueOrDefault(key) ?? byConvention;
            var id = name.OperationId;
            if (named.TryGetValue(id, out var other))
            {
                throw new SpecToolException(
                    $"{other} and {key} are both named {id}; give one of them another name in {NamesFile.RelativePath} " +
                    $"or with an overlay action setting {NameExtension}");
            }

            named[id] = key;
            used[key] = name;
            convention[key] = byConvention;
            operation.Operation["operationId"] = id;
            if (upstreamId is not null)
            {
                var note = $"Upstream operationId: {upstreamId}.";
                var description = operation.Operation["description"]?.ToString();
                if (description?.Contains(note, StringComparison.Ordinal) != true)
                {
                    operation.Operation["description"] = string.IsNullOrWhiteSpace(description) ? note : $"{description}\n\n{note}";
                }
            }
        }

        return new OperationNaming(used, convention);
    }

    /// <summary>The <c>{Tag}</c> of an operation: its first tag, else its path's resource segment, in PascalCase.</summary>
    public static string Tag(JObject operation, string path) =>
        (operation["tags"] as JArray)?.FirstOrDefault()?.ToString() is { Length: > 0 } tag ? Pascal(Words(tag)) : Pascal(Words(ResourceSegment(path)));

    /// <summary>The <c>{Name}</c> of an operation by the convention (summary, else upstream operationId, else method and path).</summary>
    public static string Name(OpenApiOperation operation, string? upstreamId)
    {
        var resource = Words((operation.Operation["tags"] as JArray)?.FirstOrDefault()?.ToString() is { Length: > 0 } tag ? tag : ResourceSegment(operation.Path));
        var noun = resource.Count > 0 ? resource[^1].ToLowerInvariant() : string.Empty;
        return FromSummary(operation.Operation["summary"]?.ToString(), noun)
            ?? FromOperationId(upstreamId)
            ?? FromMethodAndPath(operation.Method, operation.Path);
    }

    /// <summary>The name a summary gives, for a resource whose noun is <paramref name="noun"/> (singular or plural); null for no summary.</summary>
    public static string? FromSummary(string? summary, string noun)
    {
        var words = Words(summary ?? string.Empty);
        var (singular, plural) = (Singular(noun), Plural(Singular(noun)));
        var plurals = words.Count(word => word.Equals(plural, StringComparison.OrdinalIgnoreCase) && !plural.Equals(singular, StringComparison.Ordinal));
        var rest = words.Where(word => !word.Equals(singular, StringComparison.OrdinalIgnoreCase) && !word.Equals(plural, StringComparison.OrdinalIgnoreCase)).ToList();
        if (rest.Count == 0)
        {
            return null;
        }

        if (rest.Count == 1 && rest.Count < words.Count)
        {
            var verb = rest[0].ToLowerInvariant();
            if (CreateVerbs.Contains(verb))
            {
                return "Create";
            }

            if (GetVerbs.Contains(verb))
            {
                return plurals > 0 ? "List" : "Get";
            }

            if (verb == "list")
            {
                return "List";
            }

            if (UpdateVerbs.Contains(verb))
            {
                return "Update";
            }

            if (DeleteVerbs.Contains(verb))
            {
                return "Delete";
            }
        }

        return Pascal(rest);
    }

    /// <summary>The name an upstream operationId gives: without its controller prefix, in PascalCase; null for none.</summary>
    public static string? FromOperationId(string? operationId)
    {
        var method = operationId?.Substring(operationId.LastIndexOf('_') + 1);
        return string.IsNullOrWhiteSpace(method) ? null : Pascal(Words(method));
    }

    /// <summary>The name of last resort: the method, then the path after its resource segment (<c>GET /api/v1/calls/{id}</c> → <c>GetById</c>).</summary>
    public static string FromMethodAndPath(string method, string path)
    {
        var name = new StringBuilder(Pascal([method.ToLowerInvariant()]));
        foreach (var segment in Segments(path).SkipWhile(segment => IsPrefix(segment) || IsParameter(segment)).Skip(1))
        {
            name.Append(IsParameter(segment) ? "By" + Pascal(Words(segment.Trim('{', '}'))) : Pascal(Words(segment)));
        }

        return name.ToString();
    }

    // An operationId the overlay set: {Client}_{Method}, as NSwag's MultipleClientsFromOperationId splits it.
    private static OperationName Split(string operationId, string tag)
    {
        var separator = operationId.IndexOf('_', StringComparison.Ordinal);
        return separator > 0 ? new OperationName(operationId[..separator], operationId[(separator + 1)..]) : new OperationName(tag, operationId);
    }

    /// <summary>Words of a phrase, an identifier or a path segment, in PascalCase: <c>dateRange</c> and <c>date-range</c> are <c>DateRange</c>.</summary>
    public static string PascalCase(string text) => Pascal(Words(text));

    private static string ResourceSegment(string path) =>
        Segments(path).FirstOrDefault(segment => !IsPrefix(segment) && !IsParameter(segment)) ?? "Default";

    private static IEnumerable<string> Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static bool IsPrefix(string segment) =>
        segment.Equals("api", StringComparison.OrdinalIgnoreCase)
        || (segment.Length > 1 && (segment[0] == 'v' || segment[0] == 'V') && segment.Skip(1).All(char.IsAsciiDigit));

    private static bool IsParameter(string segment) => segment.StartsWith('{');

    private static string Singular(string noun) =>
        noun.EndsWith("ies", StringComparison.Ordinal) ? noun[..^3] + "y"
        : noun.EndsWith('s') && !noun.EndsWith("ss", StringComparison.Ordinal) ? noun[..^1]
        : noun;

    private static string Plural(string singular) =>
        singular.Length == 0 ? singular
        : singular.EndsWith('y') ? singular[..^1] + "ies"
        : singular + "s";

    // Words of a phrase, an identifier or a path segment: "Get call", "createConversation", "knowledge-base".
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c) || (char.IsUpper(c) && word.Length > 0 && char.IsLower(word[^1])))
            {
                Flush();
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
    }

    private static string Pascal(IEnumerable<string> words)
    {
        var name = string.Concat(words.Select(word => char.ToUpper(word[0], CultureInfo.InvariantCulture) + word.Substring(1)));
        return name.Length > 0 && char.IsDigit(name[0]) ? "_" + name : name;
    }
}

/// <summary>The operations' names: as applied, and as the convention (with the overlay) gives them.</summary>
/// <param name="Used">By operation key (<c>METHOD /path</c>), the name each operation got.</param>
/// <param name="Convention">By operation key, the name the convention gives it (the overlay's, when an action names it).</param>
public sealed record OperationNaming(IReadOnlyDictionary<string, OperationName> Used, IReadOnlyDictionary<string, OperationName> Convention);
