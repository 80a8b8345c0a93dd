// PATCH: customFields items are {name, value} objects, not the strings the spec declares — the docs example sends objects. Remove when upstream types them.
namespace Elemente;

public partial class CustomField
{
    /// <summary>Creates an empty field, for serializers and object initializers.</summary>
    public CustomField()
    {
    }

    /// <summary>Creates a field with any value (see <see cref="CustomFieldValue"/> for the conversions).</summary>
    /// <param name="name">The field name, as prompts refer to it (<c>{{Order ID}}</c>).</param>
    /// <param name="value">The value.</param>
    public CustomField(string name, CustomFieldValue value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>Creates a field holding a string.</summary>
    /// <param name="name">The field name, as prompts refer to it (<c>{{Order ID}}</c>).</param>
    /// <param name="value">The value.</param>
    public CustomField(string name, string value) : this(name, new CustomFieldValue(value))
    {
    }

    /// <summary>Creates a field holding an integer.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    public CustomField(string name, long value) : this(name, new CustomFieldValue(value))
    {
    }

    /// <summary>Creates a field holding a number.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value; must be finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public CustomField(string name, double value) : this(name, new CustomFieldValue(value))
    {
    }

    /// <summary>Creates a field holding a decimal number (exact digits; use it for money).</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    public CustomField(string name, decimal value) : this(name, new CustomFieldValue(value))
    {
    }

    /// <summary>Creates a field holding a boolean.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    public CustomField(string name, bool value) : this(name, new CustomFieldValue(value))
    {
    }

    /// <summary>Creates a field holding a date, sent as a <c>yyyy-MM-dd</c> string.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="date">The date; its time of day is not sent.</param>
    public CustomField(string name, DateTime date) : this(name, new CustomFieldValue(date))
    {
    }

#if NET6_0_OR_GREATER
    /// <summary>Creates a field holding a date, sent as a <c>yyyy-MM-dd</c> string.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="date">The date.</param>
    public CustomField(string name, DateOnly date) : this(name, new CustomFieldValue(date))
    {
    }
#endif

    /// <summary>Returns <c>name: value</c>.</summary>
    public override string ToString() => $"{Name}: {Value}";
}
