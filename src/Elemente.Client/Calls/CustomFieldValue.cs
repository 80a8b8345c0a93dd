// PATCH: the spec types customFields items as strings; the API takes {name, value} objects whose value is a string, number or boolean (docs example: "12345", 150.75, true). Remove when upstream types them.
using System.Globalization;
using Elemente.Serialization;
using Newtonsoft.Json;

namespace Elemente;

/// <summary>What a <see cref="CustomFieldValue"/> holds.</summary>
public enum CustomFieldValueKind
{
    /// <summary>No value (a <c>default</c> instance). The API rejects it; validation reports it.</summary>
    Undefined = 0,

    /// <summary>A JSON string. Dates are strings in <c>yyyy-MM-dd</c> form.</summary>
    String,

    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>A JSON boolean.</summary>
    Boolean,
}

/// <summary>
/// The value of a custom field: a string, a number or a boolean, sent as that JSON type. Converts implicitly from
/// <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="decimal"/>, <see cref="bool"/> and
/// <see cref="DateTime"/> (sent as a <c>yyyy-MM-dd</c> string).
/// </summary>
[JsonConverter(typeof(CustomFieldValueConverter))]
public readonly struct CustomFieldValue : IEquatable<CustomFieldValue>
{
    /// <summary>The format dates are written in.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    private readonly object? _value;

    private CustomFieldValue(object value, CustomFieldValueKind kind)
    {
        _value = value;
        Kind = kind;
    }

    /// <summary>Creates a string value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public CustomFieldValue(string value) : this(value ?? throw new ArgumentNullException(nameof(value)), CustomFieldValueKind.String)
    {
    }

    /// <summary>Creates an integer value.</summary>
    public CustomFieldValue(long value) : this(value, CustomFieldValueKind.Number)
    {
    }

    /// <summary>Creates a number value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite: JSON has no such number.</exception>
    public CustomFieldValue(double value) : this(Finite(value), CustomFieldValueKind.Number)
    {
    }

    /// <summary>Creates a number value, written with the exact digits of the decimal (use it for money).</summary>
    public CustomFieldValue(decimal value) : this(value, CustomFieldValueKind.Number)
    {
    }

    /// <summary>Creates a boolean value.</summary>
    public CustomFieldValue(bool value) : this(value, CustomFieldValueKind.Boolean)
    {
    }

    /// <summary>Creates a date value, sent as a <c>yyyy-MM-dd</c> string; the time of day is not sent.</summary>
    public CustomFieldValue(DateTime date) : this(date.ToString(DateFormat, CultureInfo.InvariantCulture), CustomFieldValueKind.String)
    {
    }

#if NET6_0_OR_GREATER
    /// <summary>Creates a date value, sent as a <c>yyyy-MM-dd</c> string.</summary>
    public CustomFieldValue(DateOnly date) : this(date.ToString(DateFormat, CultureInfo.InvariantCulture), CustomFieldValueKind.String)
    {
    }
#endif

    /// <summary>What the value holds.</summary>
    public CustomFieldValueKind Kind { get; }

    /// <summary>The value as its CLR object: a <see cref="string"/>, <see cref="long"/>, <see cref="double"/>,
    /// <see cref="decimal"/> or <see cref="bool"/>; null when <see cref="Kind"/> is <see cref="CustomFieldValueKind.Undefined"/>.</summary>
    public object? Value => _value;

    /// <summary>The string, when <see cref="Kind"/> is <see cref="CustomFieldValueKind.String"/>; otherwise null.</summary>
    public string? AsString() => _value as string;

    /// <summary>The number as a decimal, when <see cref="Kind"/> is <see cref="CustomFieldValueKind.Number"/> and it fits; otherwise null.</summary>
    public decimal? AsDecimal() => _value switch
    {
        decimal d => d,
        long l => l,
        // Strictly inside: (double)decimal.MaxValue rounds up past decimal.MaxValue, so converting it back overflows.
        double d when d > (double)decimal.MinValue && d < (double)decimal.MaxValue => (decimal)d,
        _ => null,
    };

    /// <summary>The number as a double, when <see cref="Kind"/> is <see cref="CustomFieldValueKind.Number"/>; otherwise null.</summary>
    public double? AsDouble() => _value switch
    {
        double d => d,
        long l => l,
        decimal m => (double)m,
        _ => null,
    };

    /// <summary>The number, when <see cref="Kind"/> is <see cref="CustomFieldValueKind.Number"/> and it is a whole number that fits in a long; otherwise null.</summary>
    public long? AsInt64() => _value switch
    {
        long l => l,
        decimal m when m == decimal.Truncate(m) && m >= long.MinValue && m <= long.MaxValue => (long)m,
        double d when d == Math.Truncate(d) && d >= long.MinValue && d < 9.2233720368547758E18 => (long)d,
        _ => null,
    };

    /// <summary>The boolean, when <see cref="Kind"/> is <see cref="CustomFieldValueKind.Boolean"/>; otherwise null.</summary>
    public bool? AsBoolean() => _value as bool?;

    /// <summary>The date, when the value is a string in <c>yyyy-MM-dd</c> form; otherwise null.</summary>
    public DateTime? AsDate() =>
        _value is string s && DateTime.TryParseExact(s, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>Converts a string.</summary>
    public static implicit operator CustomFieldValue(string value) => new(value);

    /// <summary>Converts an integer.</summary>
    public static implicit operator CustomFieldValue(long value) => new(value);

    /// <summary>Converts a number.</summary>
    public static implicit operator CustomFieldValue(double value) => new(value);

    /// <summary>Converts a decimal.</summary>
    public static implicit operator CustomFieldValue(decimal value) => new(value);

    /// <summary>Converts a boolean.</summary>
    public static implicit operator CustomFieldValue(bool value) => new(value);

    /// <summary>Converts a date (sent as <c>yyyy-MM-dd</c>).</summary>
    public static implicit operator CustomFieldValue(DateTime date) => new(date);

    /// <summary>Compares two values by kind and value.</summary>
    public static bool operator ==(CustomFieldValue left, CustomFieldValue right) => left.Equals(right);

    /// <summary>Compares two values by kind and value.</summary>
    public static bool operator !=(CustomFieldValue left, CustomFieldValue right) => !left.Equals(right);

    /// <summary>Compares two values by kind and value (numbers by numeric value).</summary>
    public bool Equals(CustomFieldValue other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind switch
        {
            CustomFieldValueKind.Number => AsDecimal() is { } a && other.AsDecimal() is { } b ? a == b : Equals(AsDouble(), other.AsDouble()),
            _ => Equals(_value, other._value),
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CustomFieldValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind == CustomFieldValueKind.Number ? (AsDouble() ?? 0).GetHashCode() : _value?.GetHashCode() ?? 0;

    /// <summary>The value as JSON would show it, without quotes: <c>12345</c>, <c>150.75</c>, <c>true</c>.</summary>
    public override string ToString() => _value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        // Stryker disable once String : "R" matters only on .NET Framework, where no test runs
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),

        // What remains is a string: the constructors take nothing else.
        _ => (string)_value,
    };

    private static double Finite(double value) =>
        double.IsNaN(value) || double.IsInfinity(value)
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "A custom field number must be finite: JSON has no NaN or Infinity.")
            : value;
}
