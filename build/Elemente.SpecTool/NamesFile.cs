using System.Text;
using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>The pinned name of one operation: its resource client (<c>Calls</c> is <c>CallsClient</c>, <c>client.Calls</c>) and method (<c>Create</c> is <c>CreateAsync</c>).</summary>
/// <param name="Client">The resource client's name, without <c>Client</c>.</param>
/// <param name="Method">The method's name, without <c>Async</c>.</param>
public sealed record OperationName(string Client, string Method)
{
    /// <summary>The operationId NSwag reads (<c>{Client}_{Method}</c>).</summary>
    public string OperationId => $"{Client}_{Method}";

    /// <summary>How code calls it: <c>Calls.CreateAsync</c>.</summary>
    public override string ToString() => $"{Client}.{Method}Async";
}

/// <summary>
/// openapi/names.yaml: every public name that comes from the spec, recorded once and then kept. Operations are keyed by
/// <c>METHOD /path</c> (their client and method), schemas by a JSON pointer (their type name): a component schema by
/// its pointer in the merged pages (<c>#/components/schemas/SanitisedFeedback</c>), an inline one by where it is
/// declared, a parameter addressed by its name (<c>#/paths/~1api~1v1~1calls/get/parameters/channel/schema</c>).
/// <c>update</c> adds entries for new operations and schemas, named by the convention, and never changes one; a
/// rename is an edit of this file (a breaking change). The tool writes the file sorted, so that diffs stay small.
/// </summary>
public sealed class NamesFile
{
    /// <summary>The file's place in the repository.</summary>
    public const string RelativePath = "openapi/names.yaml";

    private const string Header = """
        # The public names the spec gives the client: pinned, so that a docs change never renames what users call.
        # Operations, by METHOD /path: the resource client (Calls: CallsClient, client.Calls) and the method (Create: CreateAsync).
        # Schemas, by JSON pointer into the merged pages with the overlay applied (a parameter by its name): the generated type's name.
        # `update` adds the entries of new operations and schemas, named by the convention, and never changes an entry.
        # Renaming is editing an entry here: a breaking change, listed in CHANGELOG.md with what callers change.
        # README: "When Elemente changes the API".
        """;

    /// <summary>Creates a names file from its entries.</summary>
    public NamesFile(IReadOnlyDictionary<string, OperationName> operations, IReadOnlyDictionary<string, string> schemas)
    {
        Operations = new SortedDictionary<string, OperationName>(operations.ToDictionary(), StringComparer.Ordinal);
        Schemas = new SortedDictionary<string, string>(schemas.ToDictionary(), StringComparer.Ordinal);
    }

    /// <summary>No entry: every name by convention.</summary>
    public static NamesFile Empty { get; } = new(new Dictionary<string, OperationName>(), new Dictionary<string, string>());

    /// <summary>Operation names, by <c>METHOD /path</c>.</summary>
    public IReadOnlyDictionary<string, OperationName> Operations { get; }

    /// <summary>Type names, by JSON pointer.</summary>
    public IReadOnlyDictionary<string, string> Schemas { get; }

    /// <summary>The JSON pointer of a component schema.</summary>
    public static string ComponentPointer(string schema) => "#/components/schemas/" + Escape(schema);

    /// <summary>Escapes one JSON pointer segment (<c>~</c> and <c>/</c>).</summary>
    public static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Reads the file at <paramref name="path"/>; <see cref="Empty"/> when there is none.</summary>
    /// <exception cref="SpecToolException">The file is not a valid names file.</exception>
    public static NamesFile Load(string? path) =>
        path is not null && File.Exists(path) ? Parse(File.ReadAllText(path), Path.GetFileName(path)) : Empty;

    /// <summary>Parses a names file.</summary>
    /// <exception cref="SpecToolException">The text is not a valid names file.</exception>
    public static NamesFile Parse(string yaml, string source)
    {
        var root = YamlJson.Parse(yaml, source);
        if (root.Type == JTokenType.Null)
        {
            return Empty;
        }

        if (root is not JObject document)
        {
            throw new SpecToolException($"{source}: a names file is a mapping with 'operations' and 'schemas'");
        }

        var operations = new Dictionary<string, OperationName>(StringComparer.Ordinal);
        foreach (var entry in Section(document, "operations", source))
        {
            var client = entry.Value["client"]?.ToString();
            var method = entry.Value["method"]?.ToString();
            if (entry.Value is not JObject || !IsIdentifier(client) || !IsIdentifier(method))
            {
                throw new SpecToolException($"{source}: operations.'{entry.Name}' needs 'client' and 'method', each a C# identifier");
            }

            operations[entry.Name] = new OperationName(client!, method!);
        }

        var schemas = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Section(document, "schemas", source))
        {
            var name = entry.Value.Type == JTokenType.String ? entry.Value.ToString() : null;
            if (!IsIdentifier(name))
            {
                throw new SpecToolException($"{source}: schemas.'{entry.Name}' must be a C# identifier (the type's name)");
            }

            schemas[entry.Name] = name!;
        }

        return new NamesFile(operations, schemas);
    }

    /// <summary>This file with <paramref name="names"/>' entries added where it has none; existing entries are kept as they are.</summary>
    public NamesFile With(NamesFile names) =>
        new(
            names.Operations.Where(entry => !Operations.ContainsKey(entry.Key)).Concat(Operations).ToDictionary(),
            names.Schemas.Where(entry => !Schemas.ContainsKey(entry.Key)).Concat(Schemas).ToDictionary());

    /// <summary>The file's text: a header, then the entries sorted by key (LF line endings).</summary>
    public string ToYaml()
    {
        var text = new StringBuilder(Header.Replace("\r\n", "\n", StringComparison.Ordinal)).Append('\n');
        text.Append(Operations.Count == 0 ? "operations: {}\n" : "operations:\n");
        foreach (var (key, name) in Operations)
        {
            text.Append($"  {Quote(key)}:\n    client: {name.Client}\n    method: {name.Method}\n");
        }

        text.Append(Schemas.Count == 0 ? "schemas: {}\n" : "schemas:\n");
        foreach (var (key, name) in Schemas)
        {
            text.Append($"  {Quote(key)}: {name}\n");
        }

        return text.ToString();
    }

    /// <summary>Whether <paramref name="name"/> is an ASCII C# identifier (letters, digits, underscores; not starting with a digit).</summary>
    public static bool IsIdentifier(string? name) =>
        !string.IsNullOrEmpty(name) && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static IEnumerable<JProperty> Section(JObject document, string name, string source) => document[name] switch
    {
        null or { Type: JTokenType.Null } => [],
        JObject section => section.Properties(),
        _ => throw new SpecToolException($"{source}: '{name}' must be a mapping"),
    };

    private static string Quote(string key) => "'" + key.Replace("'", "''", StringComparison.Ordinal) + "'";
}
