using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Elemente.Serialization;

/// <summary>
/// Reads a conversation message from an object (what the API sends) or from a plain string (what the spec literally
/// declares), which becomes a message whose <see cref="InteractionMessage.Content"/> is that string.
/// </summary>
internal sealed class InteractionMessageConverter : JsonConverter
{
    // Writing uses the default contract (CanWrite false), so a message serialises as its properties.
    public override bool CanWrite => false;

    // Stryker disable once Equality : equivalent, Json.NET never asks an attribute's converter
    public override bool CanConvert(Type objectType) => objectType == typeof(InteractionMessage);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
            case JsonToken.Undefined:
                return null;
            case JsonToken.String:
                return new InteractionMessage { Content = (string?)reader.Value };
            case JsonToken.StartObject:
                var message = existingValue as InteractionMessage ?? new InteractionMessage();
                // Populate fills the object through its ordinary contract, without coming back to this converter.
                serializer.Populate(reader, message);
                return message;
            default:
                var token = JToken.ReadFrom(reader);
                return new InteractionMessage { Content = token.ToString(Formatting.None) };
        }
    }

    // Stryker disable once String : equivalent, never called since CanWrite is false
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        throw new NotSupportedException("InteractionMessage is written by the default contract.");
}
