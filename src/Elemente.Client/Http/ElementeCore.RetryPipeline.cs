using Elemente.Diagnostics;
using Polly;
using Polly.Retry;

namespace Elemente.Http;

/// <content>The retry pipeline (Polly) that sends an operation again after an attempt with a retry reason.</content>
internal sealed partial class ElementeCore
{
    // Stryker disable once String : equivalent, the key's name is only a label
    private static readonly ResiliencePropertyKey<Exchange> ExchangeKey = new("Elemente.Exchange");

    private ResiliencePipeline<Attempt> BuildPipeline(ElementeClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<Attempt>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Result?.RetryReason is not null && !args.Context.CancellationToken.IsCancellationRequested),
                DelayGenerator = static args => new ValueTask<TimeSpan?>(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    var exchange = args.Context.Properties.GetValue(ExchangeKey, null!);
                    // ShouldHandle retries only an attempt with a reason.
                    Log.Retrying(_logger, exchange.Method, exchange.Uri, args.AttemptNumber + 2, args.RetryDelay, args.Outcome.Result!.RetryReason!);

                    // Nothing to dispose here: Polly's retry strategy disposes the retried attempt (its response and pooled
                    // buffer) before the next one starts, since Attempt is IDisposable; SendAsync disposes the final one.
                    return default;
                },
            });
        }

        return builder.Build();
    }
}
