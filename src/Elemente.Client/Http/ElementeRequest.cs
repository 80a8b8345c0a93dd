using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text;

namespace Elemente.Http;

/// <summary>
/// One operation's request as the generated resource clients describe it: method, path (with escaped parameters),
/// query and body. <see cref="ElementeCore"/> turns it into HTTP, once per attempt.
/// </summary>
internal sealed class ElementeRequest
{
    private readonly StringBuilder _path = new();
    private StringBuilder? _query;

    /// <summary>Starts a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="operationName">The public name of the operation, such as <c>Calls.Create</c>: used in logs and spans.</param>
    public ElementeRequest(HttpMethod method, string operationName)
    {
        Method = method;
        OperationName = operationName;
    }

    public HttpMethod Method { get; }

    public string OperationName { get; }

    /// <summary>The JSON body, or null when the operation has none.</summary>
    public object? Body { get; private set; }

    /// <summary>The name of the argument that holds <see cref="Body"/>, for validation errors.</summary>
    public string BodyParameterName { get; private set; } = "body";

    /// <summary>The path relative to the base address, with its query: <c>api/v1/calls/abc?limit=10</c>.</summary>
    public string RelativeUri => _query is null ? _path.ToString() : _path + "?" + _query;

    /// <summary>Appends literal path text from the spec's path template (no escaping; a leading '/' is dropped).</summary>
    public ElementeRequest AppendPath(string literal)
    {
        _path.Append(_path.Length == 0 ? literal.TrimStart('/') : literal);
        return this;
    }

    /// <summary>Sets the JSON body.</summary>
    /// <exception cref="ArgumentNullException">The body is null: a required body is never sent empty.</exception>
    public ElementeRequest SetBody(object? body, string parameterName)
    {
        Body = body ?? throw new ArgumentNullException(parameterName);
        BodyParameterName = parameterName;
        return this;
    }

    /// <summary>
    /// Appends a path parameter, escaped so that no value can change the path: <c>a/b?c</c> becomes <c>a%2Fb%3Fc</c>.
    /// </summary>
    /// <exception cref="ElementeValidationException">
    /// The value is null or empty, or is <c>.</c> or <c>..</c>: <see cref="Uri"/> reads those as dot segments even
    /// escaped (<c>%2E%2E</c>) and removes them, which would send the request to another path. Nothing is sent.
    /// </exception>
    public ElementeRequest AppendPathParameter(string name, object? value)
    {
        var text = value is null ? null : Format(value);
        if (string.IsNullOrEmpty(text))
        {
            throw new ElementeValidationException(new[] { $"{name}: is required and must not be empty" }, name);
        }

        if (text is "." or "..")
        {
            throw new ElementeValidationException(new[] { $"{name}: must not be '.' or '..' (it would change the request's path)" }, name);
        }

        _path.Append(EscapePathSegment(text!));
        return this;
    }

    /// <summary>
    /// Adds a query parameter. Null is left out; a collection repeats the name; an object or dictionary is sent as
    /// <c>name[key]=value</c> (OpenAPI's deepObject style).
    /// </summary>
    public ElementeRequest AddQuery(string name, object? value)
    {
        switch (value)
        {
            case null:
                return this;
            case string or IFormattable or bool or Enum or Uri:
                AppendQuery(name, Format(value));
                return this;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    AddQuery($"{name}[{Format(entry.Key)}]", entry.Value);
                }

                return this;
            case IEnumerable items:
                foreach (var item in items)
                {
                    AddQuery(name, item);
                }

                return this;
            default:
                foreach (var (key, item) in PropertiesOf(value))
                {
                    AddQuery($"{name}[{key}]", item);
                }

                return this;
        }
    }

    private void AppendQuery(string name, string value)
    {
        _query = _query is null ? new StringBuilder() : _query.Append('&');
        _query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
    }

    internal static string EscapePathSegment(string text) => Uri.EscapeDataString(text);

    /// <summary>Formats a parameter value as the API expects it: invariant culture, enums by their wire value.</summary>
    internal static string Format(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTimeOffset time => time.ToString("o", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("o", CultureInfo.InvariantCulture),
        Enum member => WireName(member),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string WireName(Enum member)
    {
        var name = member.ToString();
        var field = member.GetType().GetField(name, BindingFlags.Public | BindingFlags.Static);
        return field?.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? name;
    }

    private static IEnumerable<(string Key, object? Value)> PropertiesOf(object value)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = property.GetCustomAttribute<Newtonsoft.Json.JsonPropertyAttribute>()?.PropertyName ?? property.Name;
            var item = property.GetValue(value);
            if (key == "AdditionalProperties" && item is IDictionary)
            {
                // NSwag's catch-all for undeclared members: its entries are members of the object itself.
                foreach (DictionaryEntry entry in (IDictionary)item)
                {
                    yield return (Format(entry.Key), entry.Value);
                }

                continue;
            }

            yield return (key, item);
        }
    }
}
