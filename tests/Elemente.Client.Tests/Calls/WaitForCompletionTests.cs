using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Elemente.Tests;

/// <summary>
/// CallsClient.WaitForCompletionAsync on a fake clock: the test advances time exactly by each delay the wait asks for,
/// so nothing really waits, and the fake clock's time of each poll shows the backoff.
/// </summary>
public class WaitForCompletionTests
{
    private const string Url = TestClients.CallsUrl + "/call-1";

    [Fact]
    public async Task WaitForCompletionAsync_StatusBecomesFinal_ReturnsFinalCallAfterBackoff()
    {
        var api = new ScriptedApi("queued", "in-progress", "in-progress", "in-progress", "completed");
        var progress = new Recorder();

        var call = await api.WaitAsync(new WaitOptions { Progress = progress });

        Assert.Equal("call-1", call.Id);
        Assert.Equal(InteractionStatus.Completed, call.Status);
        Assert.Equal(new[] { 0d, 1, 3, 7, 15 }, api.PollSeconds);
        Assert.Equal(new[] { "queued", "in-progress", "completed" }, progress.Statuses);
    }

    [Fact]
    public async Task WaitForCompletionAsync_LongWait_DelayGrowsToMaxPollInterval()
    {
        var api = new ScriptedApi("queued", "queued", "queued", "queued", "queued", "queued", "queued", "busy");

        await api.WaitAsync(new WaitOptions { PollInterval = TimeSpan.FromSeconds(2), MaxPollInterval = TimeSpan.FromSeconds(10) });

        Assert.Equal(new[] { 0d, 2, 6, 14, 24, 34, 44, 54 }, api.PollSeconds);
    }

    [Fact]
    public async Task WaitForCompletionAsync_NeverFinal_ThrowsTimeoutWithLastStatus()
    {
        var api = new ScriptedApi(Enumerable.Repeat("ringing", 3).Append("in-progress").Concat(Enumerable.Repeat("in-progress", 20)).ToArray());

        var error = await Assert.ThrowsAsync<ElementeTimeoutException>(() => api.WaitAsync(new WaitOptions { Timeout = TimeSpan.FromSeconds(20) }));

        Assert.Equal(InteractionStatus.InProgress, error.LastStatus);
        Assert.Equal(TimeSpan.FromSeconds(20), error.Timeout);
        Assert.False(error.OutcomeUnknown);
        Assert.Contains("call-1", error.Message);
        Assert.Contains("'in-progress'", error.Message);
        Assert.Contains("20 s", error.Message);
        Assert.Equal(new[] { 0d, 1, 3, 7, 15 }, api.PollSeconds);
    }

    [Fact]
    public async Task WaitForCompletionAsync_StatusTheClientDoesNotKnow_IsNotFinalAndReported()
    {
        var api = new ScriptedApi("queued", "transferring", "transferring", "completed");
        var progress = new Recorder();

        var call = await api.WaitAsync(new WaitOptions { Progress = progress });

        Assert.Equal(InteractionStatus.Completed, call.Status);
        Assert.Equal(new[] { "queued", "transferring", "completed" }, progress.Statuses);
        Assert.False(new InteractionStatus("transferring").IsFinal);
        Assert.Equal(4, api.PollSeconds.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_UnknownStatusUntilTimeout_TimeoutCarriesIt()
    {
        var api = new ScriptedApi(Enumerable.Repeat("transferring", 10).ToArray());

        var error = await Assert.ThrowsAsync<ElementeTimeoutException>(() => api.WaitAsync(new WaitOptions { Timeout = TimeSpan.FromSeconds(5) }));

        Assert.Equal(new InteractionStatus("transferring"), error.LastStatus);
        Assert.Contains("'transferring'", error.Message);
    }

    [Fact]
    public async Task WaitForCompletionAsync_404DuringWait_ThrowsApiException()
    {
        var api = new ScriptedApi("queued", "in-progress", "404");

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => api.WaitAsync(new WaitOptions()));

        Assert.Equal(404, error.StatusCode);
        Assert.Contains("HTTP 404", error.Message);
        Assert.Equal(3, api.PollSeconds.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_CallerCancels_ThrowsOperationCanceledNotTimeout()
    {
        using var cancel = new CancellationTokenSource();
        var api = new ScriptedApi(Enumerable.Repeat("queued", 10).ToArray()) { AfterPoll = n => { if (n == 2) cancel.Cancel(); } };

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => api.WaitAsync(new WaitOptions(), cancel.Token));

        Assert.IsNotType<ElementeTimeoutException>(error);
        Assert.Equal(2, api.PollSeconds.Count);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task WaitForCompletionAsync_RefusedWithRetryAfter_WaitsThatLongThenPollsAgain(int status)
    {
        // The client's own retries are off, so the refusal reaches the wait, which sleeps as asked.
        var api = new ScriptedApi("queued", $"{status}:20", "completed") { MaxRetries = 0 };

        var call = await api.WaitAsync(new WaitOptions());

        Assert.Equal(InteractionStatus.Completed, call.Status);
        Assert.Equal(new[] { 0d, 1, 21 }, api.PollSeconds);
    }

    [Fact]
    public async Task WaitForCompletionAsync_RefusedWithRetryAfterDate_WaitsUntilThatDate()
    {
        var api = new ScriptedApi("queued", "429:date+30", "completed") { MaxRetries = 0 };

        await api.WaitAsync(new WaitOptions());

        Assert.Equal(new[] { 0d, 1, 31 }, api.PollSeconds);
    }

    [Fact]
    public async Task WaitForCompletionAsync_429WithoutRetryAfter_Throws()
    {
        var api = new ScriptedApi("queued", "429") { MaxRetries = 0 };

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => api.WaitAsync(new WaitOptions()));

        Assert.Equal(429, error.StatusCode);
    }

    [Fact]
    public async Task WatchAsync_StatusChanges_YieldsEachChangeThenEndsAtTheFinalOne()
    {
        var calls = new StatusSequenceCalls("queued", "queued", "ringing", "in-progress", "in-progress", "no-answer", "completed");
        var time = new StepClock();

        var seen = await time.RunAsync(Collect(calls.WatchAsync("call-1", new WaitOptions { TimeProvider = time, Timeout = System.Threading.Timeout.InfiniteTimeSpan })));

        Assert.Equal(new[] { "queued", "ringing", "in-progress", "no-answer" }, seen);
        Assert.Equal("completed", Assert.Single(calls.Remaining));

        static async Task<List<string>> Collect(IAsyncEnumerable<Interaction> changes)
        {
            var list = new List<string>();
            await foreach (var call in changes)
            {
                list.Add(call.Status.ToString()!);
            }

            return list;
        }
    }

    [Fact]
    public async Task WaitForCompletionAsync_TestDoubleOverridingGetAsync_PollsTheDouble()
    {
        var calls = new StatusSequenceCalls("pending", "failed");
        var time = new StepClock();

        var wait = calls.WaitForCompletionAsync("call-1", new WaitOptions { TimeProvider = time, Timeout = System.Threading.Timeout.InfiniteTimeSpan });
        var call = await time.RunAsync(wait);

        Assert.Equal(InteractionStatus.Failed, call.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    public async Task WaitForCompletionAsync_TimeoutNotPositive_ThrowsBeforePolling(int milliseconds)
    {
        var calls = new StatusSequenceCalls("completed");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => calls.WaitForCompletionAsync("call-1", new WaitOptions { Timeout = TimeSpan.FromMilliseconds(milliseconds) }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("WaitOptions.Timeout must be positive, or Timeout.InfiniteTimeSpan.", error.Message);
        Assert.Single(calls.Remaining);
    }

    [Fact]
    public async Task WaitForCompletionAsync_RefusedWithRetryAfterDateInThePast_PollsAgainAtOnce()
    {
        var api = new ScriptedApi("queued", "429:date+-30", "completed") { MaxRetries = 0 };

        var call = await api.WaitAsync(new WaitOptions());

        Assert.Equal(InteractionStatus.Completed, call.Status);
        Assert.Equal(new[] { 0d, 1, 1 }, api.PollSeconds);
    }

    [Fact]
    public async Task WaitForCompletionAsync_WatchAsyncOverriddenToYieldNothing_ThrowsNamingTheOverride()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SilentCalls().WaitForCompletionAsync("call-1"));

        Assert.Equal("SilentCalls.WatchAsync ended without reporting the interaction.", error.Message);
    }

    [Fact]
    public async Task WaitForCompletionAsync_Ended_DisposesTheTimeoutTimerItCreated()
    {
        // A timeout timer left behind would live on in the caller's clock until it fired, long after the wait.
        var time = new TimerCountingClock();

        await new StatusSequenceCalls("completed").WaitForCompletionAsync("call-1", new WaitOptions { TimeProvider = time, Timeout = TimeSpan.FromMinutes(1) });

        Assert.Equal(1, time.Created);
        Assert.Equal(1, time.Disposed);
    }

    [Fact]
    public void IsFinal_KnownValues_NineAreFinal()
    {
        var final = InteractionStatus.KnownValues.Where(s => s.IsFinal).Select(s => s.ToString()).OrderBy(s => s, StringComparer.Ordinal);

        Assert.Equal(new[] { "busy", "canceled", "closed", "completed", "expired", "failed", "no-answer", "resolved", "voicemail" }, final);
        Assert.True(new InteractionStatus("COMPLETED").IsFinal);
        Assert.False(default(InteractionStatus).IsFinal);
    }

    /// <summary>
    /// A fake API for one call, answering each poll with the next scripted status (<c>completed</c>), an error status
    /// (<c>404</c>), or an error with Retry-After (<c>429:20</c> seconds, <c>429:date+30</c> as an HTTP date).
    /// </summary>
    private sealed class ScriptedApi
    {
        private readonly Queue<string> _script;
        private readonly StepClock _time = new();
        private readonly List<double> _polls = new();

        public ScriptedApi(params string[] script) => _script = new Queue<string>(script);

        public int MaxRetries { get; init; } = 2;

        public Action<int>? AfterPoll { get; init; }

        public IReadOnlyList<double> PollSeconds
        {
            get
            {
                lock (_polls)
                {
                    return _polls.ToList();
                }
            }
        }

        public async Task<Interaction> WaitAsync(WaitOptions options, CancellationToken cancellationToken = default)
        {
            var mock = new MockHttpMessageHandler();
            mock.When(HttpMethod.Get, Url).Respond(_ => Answer());
            var clientOptions = TestClients.Options();
            clientOptions.MaxRetries = MaxRetries;
            clientOptions.RetryDelay = TimeSpan.FromMilliseconds(1);
            using var client = new ElementeClient(mock.ToHttpClient(), clientOptions);
            options.TimeProvider = _time;
            _time.FirstTimerIsTimeout = options.Timeout != System.Threading.Timeout.InfiniteTimeSpan;
            return await _time.RunAsync(client.Calls.WaitForCompletionAsync("call-1", options, cancellationToken));
        }

        private HttpResponseMessage Answer()
        {
            int count;
            lock (_polls)
            {
                _polls.Add((_time.GetUtcNow() - StepClock.Epoch).TotalSeconds);
                count = _polls.Count;
            }

            var step = _script.Dequeue();
            AfterPoll?.Invoke(count);
            var parts = step.Split(':');
            if (int.TryParse(parts[0], out var status))
            {
                var response = new HttpResponseMessage((HttpStatusCode)status)
                {
                    Content = new StringContent($$"""{"statusCode":{{status}},"message":"scripted","error":"Scripted"}""", System.Text.Encoding.UTF8, "application/json"),
                };
                if (parts.Length > 1)
                {
                    response.Headers.TryAddWithoutValidation("Retry-After", parts[1].StartsWith("date+", StringComparison.Ordinal)
                        ? _time.GetUtcNow().AddSeconds(int.Parse(parts[1]["date+".Length..])).ToString("r")
                        : parts[1]);
                }

                return response;
            }

            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"id":"call-1","status":"{{step}}"}""", System.Text.Encoding.UTF8, "application/json"),
            };
        }
    }

    /// <summary>
    /// A fake clock that knows the delays asked of it: <see cref="RunAsync{T}"/> advances it by each new delay once the
    /// code under test waits on it, until the task ends. The wait's overall timeout is a timer too, but it only fires
    /// when the delays add up to it.
    /// </summary>
    private sealed class StepClock : FakeTimeProvider
    {
        public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        private readonly ConcurrentQueue<TimeSpan> _delays = new();
        private int _timers;

        public StepClock() : base(Epoch)
        {
        }

        public bool FirstTimerIsTimeout { get; set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            // With a finite overall timeout the first timer is that timeout; every other one is a delay.
            if (Interlocked.Increment(ref _timers) > 1 || !FirstTimerIsTimeout)
            {
                _delays.Enqueue(dueTime);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }

        public async Task<T> RunAsync<T>(Task<T> task)
        {
            var realDeadline = DateTime.UtcNow.AddSeconds(20);
            while (!task.IsCompleted)
            {
                if (_delays.TryDequeue(out var delay))
                {
                    Advance(delay);
                    continue;
                }

                Assert.True(DateTime.UtcNow < realDeadline, "the wait neither finished nor asked for a delay");
                await Task.Delay(1);
            }

            return await task;
        }
    }

    private sealed class Recorder : IProgress<Interaction>
    {
        private readonly List<string> _statuses = new();

        public IReadOnlyList<string> Statuses => _statuses;

        public void Report(Interaction value) => _statuses.Add(value.Status?.ToString() ?? "(none)");
    }

    /// <summary>A test double of the kind the README recommends: only GetAsync is overridden; the wait still works.</summary>
    private sealed class StatusSequenceCalls : CallsClient
    {
        private readonly Queue<string> _statuses;

        public StatusSequenceCalls(params string[] statuses) => _statuses = new Queue<string>(statuses);

        public IReadOnlyCollection<string> Remaining => _statuses;

        public override Task<Interaction> GetAsync(string id, CancellationToken cancellationToken = default) =>
            Task.FromResult(ElementeModelFactory.Interaction(id, new InteractionStatus(_statuses.Dequeue())));
    }

    /// <summary>A test double whose WatchAsync ends without a single answer.</summary>
    private sealed class SilentCalls : CallsClient
    {
        public override async IAsyncEnumerable<Interaction> WatchAsync(string id, WaitOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }
    }

    /// <summary>A fake clock that counts the timers it hands out and those disposed.</summary>
    private sealed class TimerCountingClock : FakeTimeProvider
    {
        private int _created;
        private int _disposed;

        public int Created => Volatile.Read(ref _created);

        public int Disposed => Volatile.Read(ref _disposed);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _created);
            return new CountedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        }

        private sealed class CountedTimer(ITimer inner, TimerCountingClock clock) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

            public void Dispose()
            {
                Interlocked.Increment(ref clock._disposed);
                inner.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return default;
            }
        }
    }
}
