namespace Elemente.Http;

/// <summary>Builds the chain of handlers every request goes through, whichever transport sends it.</summary>
internal static class ElementePipeline
{
    public static HttpMessageHandler Create(ElementeClientOptions options, HttpMessageHandler transport) =>
        new AttemptTimeoutHandler(options.Timeout)
        {
            InnerHandler = new AuthenticationHandler(options.Username!, options.Password!)
            {
                InnerHandler = transport,
            },
        };
}
