using System.Net;
using Elemente.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Elemente.Tests;

/// <summary>
/// The client never resumes on the caller's <see cref="SynchronizationContext"/>: in a UI app or classic ASP.NET, a
/// caller that blocks on a call (<c>.Result</c>) would otherwise deadlock, and any caller would pay a hop back to its
/// thread after every step. Each case makes a different step of an exchange complete asynchronously, since only an
/// await that has to wait can hop, and counts what the client posts to a context of the caller's.
/// </summary>
public class SynchronizationContextTests
{
    public static TheoryData<string> Steps() => new()
    {
        "the transport answers later",
        "the caller's HttpClient answers later",
        "the body's reads complete later",
        "the body's stream opens later",
        "the body is logged and its reads complete later",
        "a retry waits",
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task SendAsync_EveryStepThatWaits_ResumesWithoutTheCallersContext(string step)
    {
        // Logging on makes every attempt pass through the observing handler, which has awaits of its own.
        var logs = step is "the transport answers later" or "the body is logged and its reads complete later" ? new CapturingLoggerProvider() : null;
        using var core = Core(Transport(step), logs, step == "a retry waits");
        var context = new CountingContext();

        var response = await StartUnder(context, () => core.SendAsync<JObject>(new ElementeRequest(HttpMethods.Get, "Test.Get").AppendPath("x"), CancellationToken.None));

        Assert.Equal(1, (int)response.Value["a"]!);
        Assert.Equal(0, context.Posts);
    }

    [Fact]
    public async Task WaitForCompletionAsync_APollThatWaits_ResumesWithoutTheCallersContext()
    {
        var calls = new LaterCalls();
        var context = new CountingContext();

        var call = await StartUnder(context, () => calls.WaitForCompletionAsync("call-1"));

        Assert.Equal(InteractionStatus.Completed, call.Status);
        Assert.Equal(0, context.Posts);
    }

    /// <summary>Starts <paramref name="start"/> on a thread whose context is <paramref name="context"/>, as a UI app's would be.</summary>
    private static Task<T> StartUnder<T>(SynchronizationContext context, Func<Task<T>> start)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            return start();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private static HttpMessageHandler Transport(string step) => step switch
    {
        "the transport answers later" => new LambdaTransport(async (_, _, _) =>
        {
            // Not Task.Yield: it would post to the caller's context itself.
            await Task.Delay(10).ConfigureAwait(false);
            return LambdaTransport.Json("""{"a":1}""");
        }),
        "the caller's HttpClient answers later" => new HttpClientForwardingHandler(new HttpClient(new LambdaTransport(async (_, _, _) =>
        {
            await Task.Delay(10).ConfigureAwait(false);
            return LambdaTransport.Json("""{"a":1}""");
        }))),
        "the body's reads complete later" or "the body is logged and its reads complete later" =>
            LambdaTransport.Answering(_ => LambdaTransport.WithBody(TrackingContent.Of("""{"a":1}""", yieldEachRead: true))),
        "the body's stream opens later" =>
            LambdaTransport.Answering(_ => LambdaTransport.WithBody(new TrackingContent(GeneratedStream.Of("""{"a":1}"""), openAsynchronously: true))),
        _ => LambdaTransport.Answering(n => n == 1 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : LambdaTransport.Json("""{"a":1}""")),
    };

    private static ElementeCore Core(HttpMessageHandler transport, CapturingLoggerProvider? logs, bool retries)
    {
        var options = TestClients.Options();
        options.LogPersonalData = logs is not null;
        options.MaxRetries = retries ? 1 : 0;
        options.RetryDelay = TimeSpan.FromMilliseconds(20);
        ILogger logger = logs is null ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : logs.Factory.CreateLogger("Elemente.Client");
        return new ElementeCore(options.ValidatedCopy(), transport, logger);
    }

    /// <summary>A test double whose poll answers later, with the interaction completed.</summary>
    private sealed class LaterCalls : CallsClient
    {
        public override async Task<Interaction> GetAsync(string id, CancellationToken cancellationToken = default)
        {
            // Not Task.Yield: it would post to the caller's context itself.
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            return ElementeModelFactory.Interaction(id, InteractionStatus.Completed);
        }
    }

    /// <summary>A caller's context that counts what is posted to it, and runs it on the thread pool (so nothing deadlocks).</summary>
    private sealed class CountingContext : SynchronizationContext
    {
        private int _posts;

        public int Posts => Volatile.Read(ref _posts);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            ThreadPool.QueueUserWorkItem(_ => d(state));
        }

        public override void Send(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            d(state);
        }

        public override SynchronizationContext CreateCopy() => this;
    }
}
