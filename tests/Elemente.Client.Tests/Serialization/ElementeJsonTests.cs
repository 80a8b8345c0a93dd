using Elemente.Serialization;
using Newtonsoft.Json;

namespace Elemente.Tests;

/// <summary>
/// The settings of the client's serializers. The serializers themselves are built once per process, so these tests
/// build a fresh one from the same settings in each test.
/// </summary>
public class ElementeJsonTests
{
    private static T? Read<T>(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json));
        return JsonSerializer.Create(ElementeJson.Settings(null)).Deserialize<T>(reader);
    }

    [Fact]
    public void Settings_DateLikeString_StaysTheStringItWas()
    {
        var field = Read<CustomField>("""{"name":"Due","value":"2025-03-12T10:00:00+01:00"}""")!;

        Assert.Equal(CustomFieldValueKind.String, field.Value.Kind);
        Assert.Equal("2025-03-12T10:00:00+01:00", field.Value.AsString());
    }

    [Fact]
    public void Settings_ContentAfterTheJson_IsRejected()
    {
        Assert.Throws<JsonReaderException>(() => Read<CustomField>("""{"name":"a","value":1} {}"""));
    }
}
