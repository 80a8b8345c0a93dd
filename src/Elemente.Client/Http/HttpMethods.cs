namespace Elemente.Http;

/// <summary>The HTTP methods the generated clients use, and which of them are idempotent.</summary>
internal static class HttpMethods
{
    public static readonly HttpMethod Get = HttpMethod.Get;
    public static readonly HttpMethod Post = HttpMethod.Post;
    public static readonly HttpMethod Put = HttpMethod.Put;
    public static readonly HttpMethod Delete = HttpMethod.Delete;
    public static readonly HttpMethod Head = HttpMethod.Head;
    public static readonly HttpMethod Options = HttpMethod.Options;
    public static readonly HttpMethod Trace = HttpMethod.Trace;
    public static readonly HttpMethod Patch = new("PATCH");

    /// <summary>
    /// Methods that may be sent again after the API may have seen them (RFC 9110, 9.2.2). POST and PATCH are not: a
    /// create sent twice contacts the customer twice.
    /// </summary>
    public static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options ||
        method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Trace;
}
