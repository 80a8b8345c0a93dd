using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>
/// Refuses a generated public type whose simple name is that of a public type in a namespace .NET applications
/// commonly import (<see cref="CommonNamespaces"/>, read from the running .NET's own assemblies) or of a type of this
/// repository's packages (RepositoryTypes.txt, checked against the built assemblies by a test). With
/// <c>using Elemente;</c> beside <c>using System.Threading.Channels;</c>, a generated <c>Elemente.Channel</c> would
/// make <c>Channel.CreateUnbounded</c> stop compiling in the user's code.
/// </summary>
public static class TypeNameCollisions
{
    /// <summary>The namespaces whose public types a generated type must not share a name with.</summary>
    public static readonly IReadOnlyList<string> CommonNamespaces =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Text.Json",
        "System.Threading", "System.Threading.Channels", "System.Threading.Tasks",
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, string>> LazyFramework = new(ReadFramework);

    private static readonly Lazy<IReadOnlyDictionary<string, string>> LazyRepository = new(ReadRepository);

    /// <summary>The public types of <see cref="CommonNamespaces"/>: full name by simple name (without generic arity).</summary>
    public static IReadOnlyDictionary<string, string> FrameworkTypes => LazyFramework.Value;

    /// <summary>The public types of this repository's packages that are not generated (RepositoryTypes.txt): full name by simple name.</summary>
    public static IReadOnlyDictionary<string, string> RepositoryTypes => LazyRepository.Value;

    /// <summary>The public types the effective spec makes NSwag generate, each with what gives it its name and the names-file entry that changes it.</summary>
    public static IReadOnlyList<GeneratedType> GeneratedTypes(JObject effective, PublicNaming naming)
    {
        var types = new List<GeneratedType>();
        var pointers = naming.Used.Schemas.GroupBy(entry => entry.Value, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First().Key, StringComparer.Ordinal);
        foreach (var schema in (effective["components"]?["schemas"] as JObject)?.Properties() ?? [])
        {
            var pointer = pointers.GetValueOrDefault(schema.Name) ?? NamesFile.ComponentPointer(schema.Name);
            types.Add(new GeneratedType(schema.Name, $"schema {pointer}", $"schemas: '{pointer}': <another name>"));
        }

        foreach (var (key, operation) in OpenApi.Operations(effective))
        {
            var name = naming.Used.Operations[key];
            var entry = $"operations: '{key}': client: <another name>";
            types.Add(new GeneratedType(name.Client + "Client", $"the resource client of {key}", entry));
            if (((operation.Operation["parameters"] as JArray) ?? []).OfType<JObject>().Any(IsOptionalQuery))
            {
                types.Add(new GeneratedType(name.Method + name.Client + "Options", $"the options class of {key}", $"operations: '{key}': method: <another name>"));
            }
        }

        return types.DistinctBy(type => type.Name).ToList();
    }

    /// <summary>Fails when a generated type would share its simple name with a common .NET type or one of this repository's.</summary>
    /// <exception cref="SpecToolException">Names every such type, what gives it its name and the names-file entry that fixes it.</exception>
    public static void Check(JObject effective, PublicNaming naming)
    {
        var problems = new List<string>();
        foreach (var type in GeneratedTypes(effective, naming))
        {
            var clash = FrameworkTypes.GetValueOrDefault(type.Name) ?? RepositoryTypes.GetValueOrDefault(type.Name);
            if (clash is not null)
            {
                problems.Add(
                    $"{type.Source} would generate the public type Elemente.{type.Name}, which hides {clash} in code that imports both namespaces; " +
                    $"name it in {NamesFile.RelativePath} ({type.Fix})");
            }
        }

        if (problems.Count > 0)
        {
            throw new SpecToolException(string.Join("; ", problems));
        }
    }

    // The template puts an operation's optional query parameters on its {Method}{Client}Options class.
    private static bool IsOptionalQuery(JObject parameter) =>
        parameter["in"]?.ToString() == "query" && !(parameter["required"] is JValue { Type: JTokenType.Boolean } required && (bool)required);

    private static IReadOnlyDictionary<string, string> ReadFramework()
    {
        var namespaces = CommonNamespaces.ToHashSet(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var assemblies = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in assemblies.Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) == "mscorlib.dll"))
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                continue;
            }

            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                var ns = reader.GetString(type.Namespace);
                if ((type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public && namespaces.Contains(ns))
                {
                    var name = reader.GetString(type.Name);
                    var tick = name.IndexOf('`', StringComparison.Ordinal);
                    var simple = tick < 0 ? name : name[..tick];
                    types.TryAdd(simple, $"{ns}.{simple}");
                }
            }
        }

        return types;
    }

    private static IReadOnlyDictionary<string, string> ReadRepository()
    {
        using var stream = typeof(TypeNameCollisions).Assembly.GetManifestResourceStream("Elemente.SpecTool.RepositoryTypes.txt")
            ?? throw new InvalidOperationException("RepositoryTypes.txt is not embedded in the spec tool");
        using var reader = new StreamReader(stream);
        return RepositoryTypeLines(reader.ReadToEnd())
            .ToDictionary(full => full[(full.LastIndexOf('.') + 1)..], full => full, StringComparer.Ordinal);
    }

    /// <summary>The full type names listed in RepositoryTypes.txt's text (one a line; <c>#</c> starts a comment).</summary>
    public static IEnumerable<string> RepositoryTypeLines(string text) =>
        text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'));
}

/// <summary>A public type the effective spec makes NSwag generate.</summary>
/// <param name="Name">Its simple name (its namespace is Elemente).</param>
/// <param name="Source">What gives it its name (a schema, an operation).</param>
/// <param name="Fix">The names-file entry that renames it.</param>
public sealed record GeneratedType(string Name, string Source, string Fix);
