using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using YamlDotNet.Serialization;

namespace Elemente.SpecTool;

/// <summary>Reads YAML (OpenAPI documents, overlays) into Json.NET tokens, and writes tokens back.</summary>
public static class YamlJson
{
    // Unquoted scalars become numbers, booleans and nulls as YAML's core schema says; quoted ones
    // stay strings ('7200' is a string, 7200 a number), which is what the spec's examples depend on.
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithAttemptingUnquotedStringTypeDeserialization()
        .Build();

    // The mirror image: a string that would read back as a number, boolean or null ('1.0', '7200', 'true') is quoted.
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.Preserve)
        .WithNewLine("\n")
        .Build();

    /// <summary>Parses one YAML document into a token tree.</summary>
    /// <exception cref="SpecToolException">The text is not valid YAML.</exception>
    public static JToken Parse(string yaml, string source)
    {
        object? graph;
        try
        {
            graph = Deserializer.Deserialize<object?>(yaml);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new SpecToolException($"{source}: not valid YAML ({ex.Start}): {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        return graph is null ? JValue.CreateNull() : JToken.FromObject(graph);
    }

    /// <summary>
    /// Serialises a token tree as YAML (LF line endings, keys in the tree's order) that <see cref="Parse"/> reads back
    /// into an equal tree.
    /// </summary>
    public static string ToYaml(JToken token) => Serializer.Serialize(ToGraph(token));

    private static object? ToGraph(JToken token) => token switch
    {
        JObject obj => obj.Properties().Aggregate(
            new OrderedDictionary<string, object?>(StringComparer.Ordinal),
            (map, property) =>
            {
                map.Add(property.Name, ToGraph(property.Value));
                return map;
            }),
        JArray array => array.Select(ToGraph).ToList(),
        JValue value => value.Value,
        _ => throw new ArgumentException($"Unexpected token type {token.Type}", nameof(token)),
    };

    /// <summary>Serialises a token tree as indented JSON with LF line endings and a final newline.</summary>
    public static string ToJson(JToken token)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        using (var json = new JsonTextWriter(writer) { Formatting = Formatting.Indented, CloseOutput = false })
        {
            token.WriteTo(json);
        }

        writer.Write('\n');
        return writer.ToString();
    }
}
