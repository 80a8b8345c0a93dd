using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Elemente.Benchmarks.Stock;

/// <summary>
/// The patches the stock NSwag client needs to send and read the docs example at all: NSwag generates an empty class for the
/// spec's "string, number or boolean" custom field value (anyOf of primitives), which Newtonsoft cannot read or write.
/// </summary>
[JsonConverter(typeof(CustomFieldValueConverter))]
public partial class CustomFieldValue
{
    public JToken? Raw { get; set; }
}

public sealed class CustomFieldValueConverter : JsonConverter<CustomFieldValue>
{
    public override CustomFieldValue? ReadJson(JsonReader reader, Type objectType, CustomFieldValue? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        new() { Raw = JToken.ReadFrom(reader) };

    public override void WriteJson(JsonWriter writer, CustomFieldValue? value, JsonSerializer serializer) =>
        (value?.Raw ?? JValue.CreateNull()).WriteTo(writer);
}

/// <summary>The same for the open status value (anyOf a known value or any string).</summary>
[JsonConverter(typeof(InteractionStatusConverter))]
public partial class InteractionStatus
{
    public string? Value { get; set; }
}

public sealed class InteractionStatusConverter : JsonConverter<InteractionStatus>
{
    public override InteractionStatus? ReadJson(JsonReader reader, Type objectType, InteractionStatus? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        new() { Value = reader.Value as string };

    public override void WriteJson(JsonWriter writer, InteractionStatus? value, JsonSerializer serializer) => writer.WriteValue(value?.Value);
}
