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
