using Newtonsoft.Json;

namespace Elemente.Serialization;

/// <summary>The JSON settings every Elemente client uses.</summary>
internal static class ElementeJson
{
    public static void Configure(JsonSerializerSettings settings)
    {
        // Keep date-like strings (custom field values, unknown fields) as the strings they are; typed DateTimeOffset
        // properties are still parsed.
        settings.DateParseHandling = DateParseHandling.None;
        settings.MaxDepth = 64;
        settings.MissingMemberHandling = MissingMemberHandling.Ignore;
    }
}
