using System.Text;
using Elemente.Validation;
using Newtonsoft.Json;

namespace Elemente.Serialization;

/// <summary>
/// The client's own JSON serializers, built once. They never read <see cref="JsonConvert.DefaultSettings"/>, so a host
/// application's global settings change nothing the client sends or accepts, and they never interpret metadata keys
/// (<c>$type</c>, <c>$id</c>, <c>$ref</c>) in a response.
/// </summary>
internal static class ElementeJson
{
    // Stryker disable once Boolean : equivalent, nothing the client writes has a byte order mark
    /// <summary>UTF-8 without a byte order mark.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes request bodies, validating them as they are written.</summary>
    public static readonly JsonSerializer ValidatingWriter = JsonSerializer.Create(Settings(ValidatingContractResolver.Instance));

    /// <summary>Writes request bodies without validation (<see cref="ElementeClientOptions.ValidateRequests"/> off).</summary>
    public static readonly JsonSerializer Writer = JsonSerializer.Create(Settings(null));

    /// <summary>Reads response bodies.</summary>
    public static readonly JsonSerializer Reader = JsonSerializer.Create(Settings(null));

    /// <summary>The settings every Elemente serializer uses.</summary>
    public static JsonSerializerSettings Settings(Newtonsoft.Json.Serialization.IContractResolver? resolver)
    {
        var settings = new JsonSerializerSettings
        {
            // Keep date-like strings (custom field values, unknown fields) as the strings they are; typed DateTimeOffset
            // properties are still parsed.
            DateParseHandling = DateParseHandling.None,
            MaxDepth = 64,
            MissingMemberHandling = MissingMemberHandling.Ignore,
            MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
            TypeNameHandling = TypeNameHandling.None,
            PreserveReferencesHandling = PreserveReferencesHandling.None,
            ReferenceLoopHandling = ReferenceLoopHandling.Error,
            NullValueHandling = NullValueHandling.Include,
            CheckAdditionalContent = true,
            Culture = System.Globalization.CultureInfo.InvariantCulture,
        };
        if (resolver is not null)
        {
            settings.ContractResolver = resolver;
        }

        return settings;
    }
}
