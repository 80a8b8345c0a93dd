using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Elemente;

/// <summary>
/// The Elemente API answered with an error status, or with a success whose body cannot be read (empty or broken JSON).
/// Carries what a support ticket needs: the status, the raw body, the server's reasons and the request id. Never a credential.
/// </summary>
public sealed class ElementeApiException : ElementeException
{
    /// <summary>Creates the exception, for example in a test double. <see cref="ElementeException.OutcomeUnknown"/> is false.</summary>
    /// <param name="message">What went wrong, in a sentence.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="response">The raw response body, if any.</param>
    /// <param name="headers">The response headers.</param>
    /// <param name="innerException">The cause, e.g. the JSON error for an unreadable body.</param>
    public ElementeApiException(
        string message,
        int statusCode,
        string? response,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers,
        Exception? innerException)
        : this(message, statusCode, response, headers, innerException, ParseReasons(response), outcomeUnknown: false)
    {
    }

    /// <summary>Creates the exception with a known or unknown outcome; the client uses this for every failed response.</summary>
    internal ElementeApiException(
        string message,
        int statusCode,
        string? response,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers,
        Exception? innerException,
        bool outcomeUnknown)
        : this(message, statusCode, response, headers, innerException, ParseReasons(response), outcomeUnknown)
    {
    }

    private ElementeApiException(
        string message,
        int statusCode,
        string? response,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers,
        Exception? innerException,
        IReadOnlyList<string> errors,
        bool outcomeUnknown)
        : base(Describe(message, statusCode, errors, outcomeUnknown), outcomeUnknown, RequestIdOf(headers), innerException)
    {
        StatusCode = statusCode;
        ResponseBody = response;
        Errors = errors;
        Headers = headers ?? EmptyHeaders;
    }

    /// <summary>The HTTP status code of the response.</summary>
    public int StatusCode { get; }

    /// <summary>The response body as the server sent it (empty when there was none).</summary>
    public string? ResponseBody { get; }

    /// <summary>
    /// The server's reasons. The API (NestJS) answers errors as
    /// <c>{"statusCode":400,"message":["..."] or "...","error":"Bad Request"}</c>; these are the messages.
    /// </summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The response headers.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    private static readonly IReadOnlyDictionary<string, IEnumerable<string>> EmptyHeaders = new Dictionary<string, IEnumerable<string>>();

    private static string? RequestIdOf(IReadOnlyDictionary<string, IEnumerable<string>>? headers) =>
        headers is null ? null : Http.ResponseHeaders.RequestId(headers);

    private static string Describe(string message, int statusCode, IReadOnlyList<string> errors, bool outcomeUnknown)
    {
        var reason = Enum.IsDefined(typeof(HttpStatusCode), statusCode) ? $" ({(HttpStatusCode)statusCode})" : string.Empty;
        var text = statusCode is >= 200 and < 300
            ? $"The Elemente API answered HTTP {statusCode}{reason} with a body the client cannot read: {message}"
            : $"The Elemente API answered HTTP {statusCode}{reason}." + (message.Length > 0 ? " " + message : string.Empty);
        if (errors.Count > 0)
        {
            text += " Reasons: " + string.Join("; ", errors);
        }

        if (outcomeUnknown)
        {
            text += " " + OutcomeText.MayHaveBeenProcessed;
        }

        return text;
    }

    private static IReadOnlyList<string> ParseReasons(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return Array.Empty<string>();
        }

        JToken token;
        try
        {
            token = JToken.Parse(body!);
        }
        catch (JsonException)
        {
            return Array.Empty<string>();
        }

        if (token is not JObject error)
        {
            return Array.Empty<string>();
        }

        var message = error["message"];
        var reasons = message switch
        {
            JArray items => items.Select(Text).Where(s => s.Length > 0).ToList(),
            JValue { Type: JTokenType.String } single => new List<string> { (string)single! },
            _ => new List<string>(),
        };
        if (reasons.Count == 0 && error["error"] is JValue { Type: JTokenType.String } title)
        {
            reasons.Add((string)title!);
        }

        return reasons;

        static string Text(JToken item) => item.Type == JTokenType.String ? (string)item! : item.ToString(Formatting.None);
    }
}
