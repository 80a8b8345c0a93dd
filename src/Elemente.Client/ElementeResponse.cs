namespace Elemente;

/// <summary>A successful answer with its HTTP details: status, headers and the server's request id.</summary>
/// <typeparam name="T">The type of the answer's body.</typeparam>
public sealed class ElementeResponse<T>
{
    private readonly HttpResponseMessage? _response;
    private IReadOnlyDictionary<string, IEnumerable<string>>? _headers;
    private string? _requestId;
    private bool _requestIdRead;

    /// <summary>Creates a response (also for tests that mock <see cref="CallsClient"/>).</summary>
    /// <param name="value">The parsed body.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="headers">The response and content headers.</param>
    public ElementeResponse(T value, int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers)
    {
        Value = value;
        StatusCode = statusCode;
        _headers = headers ?? throw new ArgumentNullException(nameof(headers));
        _requestId = Http.ResponseHeaders.RequestId(headers);
        // Stryker disable once Boolean : equivalent, the flag only caches the request id
        _requestIdRead = true;
    }

    /// <summary>
    /// Creates a response whose headers are read from <paramref name="response"/> only when asked for: most callers
    /// never look at them. The response's content is already disposed; its header collections stay readable.
    /// </summary>
    internal ElementeResponse(T value, int statusCode, HttpResponseMessage response)
    {
        Value = value;
        StatusCode = statusCode;
        _response = response;
    }

    /// <summary>The parsed body.</summary>
    public T Value { get; }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The response and content headers.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers
    {
        get
        {
            if (_headers is null)
            {
                // Built at most once; HttpHeaders are not safe to read from several threads at once.
                lock (_response!)
                {
                    // Stryker disable once Assignment : equivalent, a lost race rebuilds the same headers
                    _headers ??= Http.ResponseHeaders.Of(_response);
                }
            }

            return _headers;
        }
    }

    /// <summary>The server's request id (from <c>x-request-id</c> or a similar header), if it sent one.</summary>
    public string? RequestId
    {
        get
        {
            if (!Volatile.Read(ref _requestIdRead))
            {
                _requestId = Http.ResponseHeaders.RequestId(Headers);
                // Stryker disable once Statement,Boolean : equivalent, the flag only caches the request id
                Volatile.Write(ref _requestIdRead, true);
            }

            return _requestId;
        }
    }
}
