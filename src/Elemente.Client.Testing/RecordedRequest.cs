namespace Elemente.Testing;

/// <summary>
/// A request the emulator received, as it came (the <c>Authorization</c> header's value is never kept: only whether it
/// carried the right credentials).
/// </summary>
public sealed class RecordedRequest
{
    internal RecordedRequest(long sequence, DateTimeOffset receivedAt, string method, string pathAndQuery, IReadOnlyDictionary<string, string> headers, string body, bool authenticated)
    {
        Sequence = sequence;
        ReceivedAt = receivedAt;
        Method = method;
        PathAndQuery = pathAndQuery;
        Headers = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(headers.ToDictionary(header => header.Key, header => header.Value, StringComparer.OrdinalIgnoreCase));
        Body = body;
        Authenticated = authenticated;
    }

    /// <summary>The request's place in the order the emulator received requests, from 1.</summary>
    public long Sequence { get; }

    /// <summary>When it arrived, on the emulator's clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The HTTP method, such as <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>The path and query, such as <c>/api/v1/calls</c>.</summary>
    public string PathAndQuery { get; }

    /// <summary>The request and content headers, one comma-joined value per name; <c>Authorization</c> reads <c>(redacted)</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as UTF-8 text; empty when there was none.</summary>
    public string Body { get; }

    /// <summary>Whether it carried the emulator's Basic credentials.</summary>
    public bool Authenticated { get; }

    /// <summary>The operation it reached (see <see cref="EmulatorOperations"/>), or null when its method and path reach none.</summary>
    public string? Operation { get; internal set; }

    /// <summary>The status code answered, or null when no answer was sent (an injected timeout or dropped connection).</summary>
    public int? StatusCode { get; internal set; }

    /// <summary>The fault injected into this request, or null.</summary>
    public EmulatedFault? Fault { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"#{Sequence} {Method} {PathAndQuery} -> {(StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer")}{(Fault is null ? string.Empty : $" ({Fault})")}";
}
