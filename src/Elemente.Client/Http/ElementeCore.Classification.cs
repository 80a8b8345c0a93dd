namespace Elemente.Http;

/// <content>Failure classification: what an attempt's failure or error status means, and whether it is retried.</content>
internal sealed partial class ElementeCore
{
    private string? RetryReason(Exchange exchange, Attempt attempt)
    {
        if (attempt.RetryAfter > _maxRetryDelay)
        {
            return null;
        }

        if (attempt.Status is 429 or 503 && attempt.RetryAfter is not null)
        {
            return $"{attempt.Status} with Retry-After";
        }

        return exchange.Idempotent && Failures.IsTransient(attempt.Status) ? attempt.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private Attempt Classify(Exception exception, bool timedOut, Exchange exchange)
    {
        var idempotent = exchange.Idempotent;
        if (timedOut)
        {
            return Attempt.Failed(new ElementeTimeoutException(_timeout, outcomeUnknown: !idempotent, exception), idempotent ? "the attempt timed out" : null);
        }

        switch (exception)
        {
            case CallerTimeoutException callerTimeout:
                return Attempt.Failed(new ElementeTimeoutException(callerTimeout.Timeout, outcomeUnknown: !idempotent, exception.InnerException), idempotent ? "the attempt timed out" : null);
            case OperationCanceledException or TimeoutException:
                // Neither the caller nor the attempt deadline: a timeout below the client (a caller's handler).
                return Attempt.Failed(new ElementeTimeoutException(_timeout, outcomeUnknown: !idempotent, exception), idempotent ? "the attempt timed out" : null);
        }

        if (Failures.IsConnectFailure(exception))
        {
            return Attempt.Failed(new ElementeConnectionException(outcomeUnknown: false, exception), "the connection could not be established");
        }

        return Attempt.Failed(new ElementeConnectionException(outcomeUnknown: !idempotent, exception), idempotent ? "the connection failed" : null);
    }
}
