using Newtonsoft.Json;

namespace Elemente.Tests;

public class CustomFieldTests
{
    [Fact]
    public void Constructors_EachValueType_KeepKindAndTypedValue()
    {
        Assert.Equal("12345", new CustomField("a", "12345").Value.AsString());
        Assert.Equal(42L, new CustomField("a", 42L).Value.AsInt64());
        Assert.Equal(0.25, new CustomField("a", 0.25).Value.AsDouble());
        Assert.Equal(150.75m, new CustomField("a", 150.75m).Value.AsDecimal());
        Assert.True(new CustomField("a", true).Value.AsBoolean());
        Assert.Equal(new DateTime(2025, 3, 12), new CustomField("a", new DateTime(2025, 3, 12, 23, 59, 0)).Value.AsDate());
#if !ELEMENTE_NETSTANDARD_BUILD // the DateOnly overloads exist only in the net8.0 build
        Assert.Equal(new DateTime(2025, 3, 12), new CustomField("a", new DateOnly(2025, 3, 12)).Value.AsDate());
#endif

        Assert.Equal(CustomFieldValueKind.String, new CustomField("a", "x").Value.Kind);
        Assert.Equal(CustomFieldValueKind.Number, new CustomField("a", 1.5m).Value.Kind);
        Assert.Equal(CustomFieldValueKind.Boolean, new CustomField("a", false).Value.Kind);
        Assert.Equal(CustomFieldValueKind.Undefined, new CustomField().Value.Kind);
    }

    [Fact]
    public void TypedReaders_WrongKind_ReturnNull()
    {
        var text = new CustomFieldValue("150.75");

        Assert.Null(text.AsDecimal());
        Assert.Null(text.AsBoolean());
        Assert.Null(new CustomFieldValue(1.5).AsInt64());
        Assert.Null(new CustomFieldValue(true).AsString());
        Assert.Null(new CustomFieldValue("not a date").AsDate());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_NonFiniteNumber_Throws(double value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CustomField("Amount", value));
        Assert.Contains("finite", error.Message);
    }

    [Theory]
    [InlineData("{\"name\":\"a\",\"value\":\"12345\"}", CustomFieldValueKind.String, "12345")]
    [InlineData("{\"name\":\"a\",\"value\":150.75}", CustomFieldValueKind.Number, "150.75")]
    [InlineData("{\"name\":\"a\",\"value\":7}", CustomFieldValueKind.Number, "7")]
    [InlineData("{\"name\":\"a\",\"value\":true}", CustomFieldValueKind.Boolean, "true")]
    public void Json_RoundTrip_KeepsJsonType(string json, CustomFieldValueKind kind, string text)
    {
        var field = JsonConvert.DeserializeObject<CustomField>(json)!;

        Assert.Equal(kind, field.Value.Kind);
        Assert.Equal(text, field.Value.ToString());
        Assert.Equal(json, JsonConvert.SerializeObject(field));
    }

    [Fact]
    public void Json_ObjectValue_FailsNamingThePath()
    {
        var error = Assert.Throws<JsonSerializationException>(() => JsonConvert.DeserializeObject<CustomField>("{\"name\":\"a\",\"value\":{\"x\":1}}"));
        Assert.Contains("string, number or boolean", error.Message);
    }

    [Fact]
    public void Equality_NumbersCompareByValue()
    {
        Assert.Equal(new CustomFieldValue(2L), new CustomFieldValue(2.0m));
        Assert.NotEqual(new CustomFieldValue("2"), new CustomFieldValue(2L));
        CustomFieldValue implicitValue = 150.75m;
        Assert.Equal(new CustomFieldValue(150.75m), implicitValue);
    }
}
