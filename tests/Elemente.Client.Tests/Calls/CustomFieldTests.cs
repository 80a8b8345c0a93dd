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

    [Fact]
    public void ToString_IsNameColonValueAsJsonShowsIt()
    {
        Assert.Equal("Amount: 150.75", new CustomField("Amount", 150.75m).ToString());
        Assert.Equal("Paid: false", new CustomField("Paid", false).ToString());
        Assert.Equal("Paid: true", new CustomField("Paid", true).ToString());
        Assert.Equal("Missing: ", new CustomField { Name = "Missing" }.ToString());
    }

    [Theory]
    [InlineData(0.25, true)]
    [InlineData(-0.25, true)]
    [InlineData(1e30, false)]
    [InlineData(-1e30, false)]
    public void AsDecimal_Double_IsNullOnlyBeyondTheDecimalRange(double value, bool fits)
    {
        Assert.Equal(fits ? (decimal)value : null, new CustomFieldValue(value).AsDecimal());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void AsDecimal_DoubleAtTheEdgeOfTheDecimalRange_IsNullNotAnOverflow(int sign)
    {
        // (double)decimal.MaxValue rounds up past decimal.MaxValue: converting it back overflows, so it does not fit.
        var edge = sign * (double)decimal.MaxValue;

        Assert.Null(new CustomFieldValue(edge).AsDecimal());
    }

    public static TheoryData<CustomFieldValue, long?> WholeNumbers() => new()
    {
        { new CustomFieldValue(42m), 42L },
        { new CustomFieldValue(-42m), -42L },
        { new CustomFieldValue(1.5m), null },
        { new CustomFieldValue((decimal)long.MaxValue), long.MaxValue },
        { new CustomFieldValue((decimal)long.MinValue), long.MinValue },
        { new CustomFieldValue((decimal)long.MaxValue + 1), null },
        { new CustomFieldValue((decimal)long.MinValue - 1), null },
        { new CustomFieldValue(42.0), 42L },
        { new CustomFieldValue(-42.0), -42L },
        { new CustomFieldValue(9.2233720368547758E18), null }, // 2^63, one more than long.MaxValue
        { new CustomFieldValue(-9.2233720368547758E18), long.MinValue },
        { new CustomFieldValue(-1e19), null },
    };

    [Theory]
    [MemberData(nameof(WholeNumbers))]
    public void AsInt64_DecimalOrDouble_OnlyAWholeNumberInTheLongRange(CustomFieldValue value, long? expected)
    {
        Assert.Equal(expected, value.AsInt64());
    }

    [Fact]
    public void InequalityOperator_IsTheOppositeOfEquality()
    {
        Assert.True(new CustomFieldValue("2") != new CustomFieldValue(2L));
        Assert.False(new CustomFieldValue(2L) != new CustomFieldValue(2.0m));
    }

    [Fact]
    public void GetHashCode_EqualNumbersOfDifferentTypes_HashAlike()
    {
        var hash = new CustomFieldValue(2L).GetHashCode();

        Assert.Equal(hash, new CustomFieldValue(2.0m).GetHashCode());
        Assert.Equal(hash, new CustomFieldValue(2.0).GetHashCode());
    }

    [Fact]
    public void GetHashCode_DifferentValues_HashApart()
    {
        // Not a rule of hashing, but a set or dictionary of values that all hash alike degrades to a list.
        Assert.NotEqual(new CustomFieldValue(1L).GetHashCode(), new CustomFieldValue(2L).GetHashCode());
        Assert.NotEqual(new CustomFieldValue("a").GetHashCode(), new CustomFieldValue("b").GetHashCode());
    }

    [Fact]
    public void ToString_NoValue_IsEmpty()
    {
        Assert.Equal(string.Empty, default(CustomFieldValue).ToString());
    }

    [Fact]
    public void Json_NoValueAmongOthers_IsWrittenAsNull()
    {
        Assert.Equal("[1,null,\"x\"]", JsonConvert.SerializeObject(new[] { new CustomFieldValue(1L), default, new CustomFieldValue("x") }));
    }

    [Fact]
    public void Json_Null_IsNoValue_OrNullForANullable()
    {
        Assert.Equal(CustomFieldValueKind.Undefined, JsonConvert.DeserializeObject<CustomFieldValue>("null").Kind);
        Assert.Null(JsonConvert.DeserializeObject<CustomFieldValue?>("null"));
    }
}
