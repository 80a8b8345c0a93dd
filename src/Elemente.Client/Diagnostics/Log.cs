using Microsoft.Extensions.Logging;

namespace Elemente.Diagnostics;

/// <summary>The client's log events. None carries a credential, and none carries a body unless LogPersonalData is on.</summary>
internal static class Log
{
    private static readonly Action<ILogger, string, string, int, int, long, string?, Exception?> AttemptCompletedMessage =
        LoggerMessage.Define<string, string, int, int, long, string?>(LogLevel.Information, new EventId(1, "AttemptCompleted"),
            "Elemente {Method} {Path} attempt {Attempt} answered {StatusCode} in {ElapsedMilliseconds} ms, request id {RequestId}");

    private static readonly Action<ILogger, string, string, int, string, long, Exception?> AttemptFailedMessage =
        LoggerMessage.Define<string, string, int, string, long>(LogLevel.Warning, new EventId(2, "AttemptFailed"),
            "Elemente {Method} {Path} attempt {Attempt} failed ({Failure}) after {ElapsedMilliseconds} ms");

    private static readonly Action<ILogger, string, string, int, long, string, Exception?> RetryingMessage =
        LoggerMessage.Define<string, string, int, long, string>(LogLevel.Warning, new EventId(3, "Retrying"),
            "Retrying Elemente {Method} {Path} as attempt {Attempt} in {DelayMilliseconds} ms: {RetryReason}");

    private static readonly Action<ILogger, string, string, string, Exception?> NotRetriedMessage =
        LoggerMessage.Define<string, string, string>(LogLevel.Warning, new EventId(4, "NotRetried"),
            "Elemente {Method} {Path} is not retried: {Reason}");

    private static readonly Action<ILogger, string, string, string, string, Exception?> BodyMessage =
        LoggerMessage.Define<string, string, string, string>(LogLevel.Debug, new EventId(5, "Body"),
            "Elemente {Method} {Path} {Direction} body: {Body}");

    /// <summary>Logs an answered attempt with the server's request id (null when it sent none), for support tickets.</summary>
    public static void AttemptCompleted(ILogger logger, HttpRequestMessage request, int attempt, int status, long elapsedMs, string? requestId) =>
        AttemptCompletedMessage(logger, request.Method.Method, PathOf(request), attempt, status, elapsedMs, requestId, null);

    public static void AttemptFailed(ILogger logger, HttpRequestMessage request, int attempt, Exception exception, long elapsedMs) =>
        AttemptFailedMessage(logger, request.Method.Method, PathOf(request), attempt, exception.GetType().Name, elapsedMs, null);

    public static void Retrying(ILogger logger, HttpMethod method, Uri uri, int nextAttempt, TimeSpan delay, string reason) =>
        RetryingMessage(logger, method.Method, uri.AbsolutePath, nextAttempt, (long)delay.TotalMilliseconds, reason, null);

    public static void NotRetried(ILogger logger, HttpMethod method, Uri uri, string reason) =>
        NotRetriedMessage(logger, method.Method, uri.AbsolutePath, reason, null);

    public static void Body(ILogger logger, HttpRequestMessage request, string direction, string body) =>
        BodyMessage(logger, request.Method.Method, PathOf(request), direction, body, null);

    /// <summary>The path only: no host credentials, no query string.</summary>
    // Stryker disable once String : equivalent, every request sent has a RequestUri
    public static string PathOf(HttpRequestMessage request) => request.RequestUri?.AbsolutePath ?? "(none)";
}
