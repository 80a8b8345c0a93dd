namespace Elemente;

/// <summary>A successful answer with its HTTP details: status, headers and the server's request id.</summary>
/// <typeparam name="T">The type of the answer's body.</typeparam>
public sealed class ElementeResponse<T>
{
    /// <summary>Creates a response (also for tests that mock <see cref="CallsClient"/>).</summary>
    /// <param name="value">The parsed body.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="headers">The response and content headers.</param>
    public ElementeResponse(T value, int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers)
    {
        Value = value;
        StatusCode = statusCode;
        Headers = headers ?? throw new ArgumentNullException(nameof(headers));
        RequestId = Http.ResponseHeaders.RequestId(headers);
    }

    /// <summary>The parsed body.</summary>
    public T Value { get; }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The response and content headers.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    /// <summary>The server's request id (from <c>x-request-id</c> or a similar header), if it sent one.</summary>
    public string? RequestId { get; }
}
