using Newtonsoft.Json;

namespace Elemente.Serialization;

/// <summary>Writes a <see cref="CustomFieldValue"/> as a JSON string, number or boolean, and reads one back.</summary>
internal sealed class CustomFieldValueConverter : JsonConverter
{
    // Stryker disable once Equality,Logical : equivalent, Json.NET never asks an attribute's converter
    public override bool CanConvert(Type objectType) =>
        objectType == typeof(CustomFieldValue) || objectType == typeof(CustomFieldValue?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
            case JsonToken.Undefined:
                return objectType == typeof(CustomFieldValue?) ? (object?)null : default(CustomFieldValue);
            case JsonToken.String:
                return new CustomFieldValue((string)reader.Value!);
            case JsonToken.Boolean:
                return new CustomFieldValue((bool)reader.Value!);
            case JsonToken.Integer when reader.Value is long l:
                return new CustomFieldValue(l);
            case JsonToken.Integer:
                return new CustomFieldValue(Convert.ToDecimal(reader.Value, System.Globalization.CultureInfo.InvariantCulture));
            case JsonToken.Float when reader.Value is decimal m:
                return new CustomFieldValue(m);
            case JsonToken.Float:
                return new CustomFieldValue(Convert.ToDouble(reader.Value, System.Globalization.CultureInfo.InvariantCulture));
            default:
                throw new JsonSerializationException(
                    $"A custom field value must be a string, number or boolean, not {reader.TokenType} (path '{reader.Path}').");
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        switch ((value as CustomFieldValue?)?.Value)
        {
            case string s:
                writer.WriteValue(s);
                break;
            case long l:
                writer.WriteValue(l);
                break;
            case double d:
                writer.WriteValue(d);
                break;
            case decimal m:
                writer.WriteValue(m);
                break;
            case bool b:
                writer.WriteValue(b);
                break;
            default:
                writer.WriteNull();
                break;
        }
    }
}
