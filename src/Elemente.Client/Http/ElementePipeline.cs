using Microsoft.Extensions.Logging;

namespace Elemente.Http;

/// <summary>
/// Builds the chain every request goes through, whichever transport sends it (outermost first): retries and the
/// operation span, then per attempt telemetry, the timeout, and authentication.
/// </summary>
internal static class ElementePipeline
{
    public static HttpMessageHandler Create(ElementeClientOptions options, HttpMessageHandler transport, ILogger logger) =>
        new RetryHandler(options, logger)
        {
            InnerHandler = new AttemptTelemetryHandler(logger, options.LogPersonalData)
            {
                InnerHandler = new AttemptTimeoutHandler(options.Timeout)
                {
                    InnerHandler = new AuthenticationHandler(options.Username!, options.Password!, UserAgent.Create(options.ApplicationId))
                    {
                        InnerHandler = transport,
                    },
                },
            },
        };
}
