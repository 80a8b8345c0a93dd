namespace Elemente.Http;

internal static class HttpMethods
{
    /// <summary>Whether sending the request twice has the same effect as sending it once (RFC 9110, 9.2.2).</summary>
    public static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options ||
        method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Trace;
}
