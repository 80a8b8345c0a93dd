namespace Elemente.Http;

/// <summary>Carries a success's status and headers from the generated client's response hook back to its caller.</summary>
internal sealed class ResponseCapture
{
    private static readonly AsyncLocal<ResponseCapture?> CurrentCapture = new();

    /// <summary>The capture of the operation running on this async flow (set by the caller; flows into the call).</summary>
    public static ResponseCapture? Current
    {
        get => CurrentCapture.Value;
        set => CurrentCapture.Value = value;
    }

    public int StatusCode { get; private set; }

    public IReadOnlyDictionary<string, IEnumerable<string>>? Headers { get; private set; }

    public void Record(HttpResponseMessage response)
    {
        StatusCode = (int)response.StatusCode;
        Headers = ResponseHeaders.Of(response);
    }
}
