using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace Elemente.Testing;

/// <summary>
/// How the API, a NestJS application, words its answers: the JSON error body (<c>statusCode</c>, <c>message</c>,
/// <c>error</c>), class-validator's messages for a bad field, Express's reading of a JSON body, and the answers of the
/// faults that replace or spoil one.
/// </summary>
internal static class NestJsAnswers
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    /// <summary>
    /// A required top-level field sent as null. The effective spec marks the channel nullable (so that the C# client can
    /// tell an unset channel from <c>call</c>), but the API, like class-validator's <c>IsNotEmpty</c>, takes no null for
    /// a required field.
    /// </summary>
    internal static IEnumerable<string> RequiredButNull(NJsonSchema.JsonSchema schema, JToken body)
    {
        if (body is not JObject fields)
        {
            yield break;
        }

        foreach (var name in schema.ActualSchema.RequiredProperties)
        {
            if (fields.TryGetValue(name, StringComparison.Ordinal, out var value) && value.Type == JTokenType.Null)
            {
                yield return $"{name} should not be empty";
            }
        }
    }

    /// <summary>A class-validator style message: the field's path, then what is wrong with it.</summary>
    internal static string NestMessage(ValidationError error)
    {
        var path = error.Path?.TrimStart('#').TrimStart('/') ?? string.Empty;
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\[(\d+)\]", ".$1");
        if (error.Kind == ValidationErrorKind.PropertyRequired && error.Property is { } property && !path.EndsWith(property, StringComparison.Ordinal))
        {
            path = path.Length == 0 ? property : path + "." + property;
        }

        var field = path.Length == 0 ? "body" : path;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"{field} should not be empty",
            ValidationErrorKind.StringExpected => $"{field} must be a string",
            ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected => $"{field} must be a number conforming to the specified constraints",
            ValidationErrorKind.BooleanExpected => $"{field} must be a boolean value",
            ValidationErrorKind.ObjectExpected => $"{field} must be an object",
            ValidationErrorKind.ArrayExpected => $"{field} must be an array",
            ValidationErrorKind.NotInEnumeration => $"{field} must be one of the following values: {EnumValues(error)}",
            ValidationErrorKind.DateTimeExpected => $"{field} must be a valid ISO 8601 date string",
            ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf => $"{field} must be a string, a number or a boolean",
            _ => $"{field} is invalid ({error.Kind})",
        };
    }

    internal static string EnumValues(ValidationError error) =>
        string.Join(", ", error.Schema?.ActualSchema.Enumeration.Where(value => value is not null).Select(value => Convert.ToString(value, CultureInfo.InvariantCulture)) ?? Enumerable.Empty<string?>());

    internal static bool IsJson(IReadOnlyDictionary<string, string> headers)
    {
        if (!headers.TryGetValue("Content-Type", out var value))
        {
            return false;
        }

        var type = value.Split(';', 2)[0].Trim();
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
            (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    internal static bool TryParse(byte[] body, out JToken? value, out string problem)
    {
        value = null;
        problem = string.Empty;
        if (body.Length == 0)
        {
            // Without a body NestJS validates an empty object: every required field is reported.
            value = new JObject();
            return true;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(Utf8.GetString(body)))
            {
                DateParseHandling = DateParseHandling.None,
                MaxDepth = 64,
            };
            value = JToken.ReadFrom(reader);
            if (reader.Read())
            {
                problem = $"Unexpected content after the JSON value at position {reader.LinePosition}";
                return false;
            }

            return true;
        }
        catch (JsonReaderException ex)
        {
            problem = $"Unexpected token in JSON at line {ex.LineNumber}, position {ex.LinePosition}";
            return false;
        }
    }

    internal static EmulatorAnswer Error(int status, string message, string error, TimeSpan? retryAfter = null) =>
        Json(status, new JObject { ["statusCode"] = status, ["message"] = message, ["error"] = error }, retryAfter);

    internal static EmulatorAnswer Error(int status, string[] messages, string error) =>
        Json(status, new JObject { ["statusCode"] = status, ["message"] = new JArray(messages.Cast<object>().ToArray()), ["error"] = error });

    internal static EmulatorAnswer Json(int status, JObject body, TimeSpan? retryAfter = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/json; charset=utf-8",
            ["x-request-id"] = Guid.NewGuid().ToString("N"),
        };
        if (retryAfter is { } wait)
        {
            headers["Retry-After"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return new EmulatorAnswer(EmulatorAction.Respond, status, Utf8.GetBytes(body.ToString(Formatting.None)), headers);
    }

    /// <summary>A <see cref="EmulatedFaultKind.Status"/> fault's answer: its status, headers and body (by default a NestJS-style error).</summary>
    internal static EmulatorAnswer Scripted(EmulatedFault fault)
    {
        var status = fault.StatusCode!.Value;
        var answer = fault.Body is null
            ? Error(status, ReasonPhrase(status), ReasonPhrase(status))
            : new EmulatorAnswer(EmulatorAction.Respond, status, Utf8.GetBytes(fault.Body), new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-request-id"] = Guid.NewGuid().ToString("N") });
        var headers = new Dictionary<string, string>((IDictionary<string, string>)answer.Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var header in fault.Headers)
        {
            headers[header.Key] = header.Value;
        }

        return answer with { Headers = headers };
    }

    /// <summary>An <see cref="EmulatedFaultKind.UnreadableBody"/> fault's answer: a success status over a body that is not JSON.</summary>
    internal static EmulatorAnswer Unreadable(EmulatedFault fault, SpecOperation operation)
    {
        var status = fault.StatusCode ?? (operation.Id == EmulatorOperations.CreateCall ? 201 : 200);
        var body = fault.Body ?? "<html><body><h1>Upstream answered</h1><p>The response could not be rendered.</p></body></html>";
        return new EmulatorAnswer(EmulatorAction.Respond, status, Utf8.GetBytes(body), new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "text/html; charset=utf-8",
            ["x-request-id"] = Guid.NewGuid().ToString("N"),
        });
    }

    internal static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
