using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Elemente.Serialization;

/// <summary>Reads any JSON value as an <see cref="InteractionStatus"/> (a non-string keeps its JSON text), so an unexpected status never fails a response.</summary>
internal sealed class InteractionStatusConverter : JsonConverter
{
    // Stryker disable once Equality,Logical : equivalent, Json.NET never asks an attribute's converter
    public override bool CanConvert(Type objectType) =>
        objectType == typeof(InteractionStatus) || objectType == typeof(InteractionStatus?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
            case JsonToken.Undefined:
                return objectType == typeof(InteractionStatus?) ? (object?)null : default(InteractionStatus);
            case JsonToken.String:
                return new InteractionStatus((string)reader.Value!);
            default:
                return new InteractionStatus(JToken.ReadFrom(reader).ToString(Formatting.None));
        }
    }

    // Json.NET writes a null itself and hands a converter only values of its type.
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        writer.WriteValue(((InteractionStatus)value!).ToString());
}
