namespace Elemente.Http;

internal static class ResponseHeaders
{
    private static readonly string[] RequestIdHeaders = { "x-request-id", "x-correlation-id", "request-id", "x-amzn-requestid", "cf-ray" };

    /// <summary>The first request id header the server sent, if any.</summary>
    public static string? RequestId(IReadOnlyDictionary<string, IEnumerable<string>> headers)
    {
        foreach (var name in RequestIdHeaders)
        {
            foreach (var header in headers)
            {
                if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return header.Value.FirstOrDefault();
                }
            }
        }

        return null;
    }

    /// <summary>The response and content headers as one dictionary.</summary>
    public static IReadOnlyDictionary<string, IEnumerable<string>> Of(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            headers[header.Key] = header.Value;
        }

        if (response.Content is not null)
        {
            foreach (var header in response.Content.Headers)
            {
                headers[header.Key] = header.Value;
            }
        }

        return headers;
    }
}
