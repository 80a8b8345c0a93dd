using System.Net;
using System.Text;
using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Elemente.Tests.Emulator;

/// <summary>
/// The open fault set: any status with headers and body, a success that cannot be read, latency and a slow body on the
/// emulator's clock, and a reset before processing; met in memory and over the loopback server.
/// </summary>
public class EmulatorOpenFaultTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<bool> Transports() => new() { false, true };

    [Theory]
    [InlineData(500, false)]
    [InlineData(502, false)]
    [InlineData(504, true)]
    [InlineData(418, true)]
    public async Task Status_AnyCode_ReachesTheCallerAndNothingIsCreated(int status, bool overSocket)
    {
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = new FakeTimeProvider(Start) });
        emulator.InjectFault(EmulatedFault.Status(status));
        using var client = await EmulatorFaultTests.ClientAsync(emulator, overSocket, maxRetries: 0);

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142")));

        Assert.Equal(status, error.StatusCode);
        Assert.Empty(emulator.Interactions);
        Assert.Equal(status, emulator.Requests.Single().StatusCode);
    }

    [Fact]
    public async Task Status_WithHeadersAndBody_SentAsGiven()
    {
        await using var emulator = new ElementeEmulator();
        emulator.InjectFault(EmulatedFault.Status(502, "<h1>Bad gateway</h1>", new Dictionary<string, string> { ["Content-Type"] = "text/html", ["X-Edge"] = "lb-3" }));
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = new Uri("https://emulator.test/") };

        using var response = await http.GetAsync("api/v1/calls/x");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("<h1>Bad gateway</h1>", await response.Content.ReadAsStringAsync());
        Assert.Equal("lb-3", response.Headers.GetValues("X-Edge").Single());
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task UnreadableBody_OnACreate_OutcomeUnknownButTheCallExists(bool overSocket)
    {
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = new FakeTimeProvider(Start) });
        emulator.InjectFault(EmulatedFault.UnreadableBody().ForOperation(EmulatorOperation.CreateCall));
        using var client = await EmulatorFaultTests.ClientAsync(emulator, overSocket, maxRetries: 2);

        var error = await Assert.ThrowsAnyAsync<ElementeException>(() => client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142")));

        Assert.True(error.OutcomeUnknown);
        Assert.Single(emulator.Interactions);
        Assert.Equal(201, emulator.Requests.Single().StatusCode);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ResetBeforeProcessing_NothingIsCreated_AndTheClientCannotKnow(bool overSocket)
    {
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = new FakeTimeProvider(Start) });
        emulator.InjectFault(EmulatedFault.ResetBeforeProcessing());
        using var client = await EmulatorFaultTests.ClientAsync(emulator, overSocket, maxRetries: 0);

        var error = await Assert.ThrowsAsync<ElementeConnectionException>(() => client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142")));

        Assert.True(error.OutcomeUnknown);
        Assert.Empty(emulator.Interactions);
        Assert.Null(emulator.Requests.Single().StatusCode);
    }

    [Fact]
    public async Task ResetAfterProcessing_TheCallExists()
    {
        await using var emulator = new ElementeEmulator();
        emulator.InjectFault(EmulatedFault.ResetAfterProcessing());
        using var client = emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<ElementeConnectionException>(() => client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142")));

        Assert.True(error.OutcomeUnknown);
        Assert.Single(emulator.Interactions);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Latency_OnTheEmulatorsClock_TheAnswerWaitsUntilTheClockHasMoved(bool overSocket)
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        emulator.InjectFault(EmulatedFault.Latency(TimeSpan.FromSeconds(10)));
        using var client = await EmulatorFaultTests.ClientAsync(emulator, overSocket, maxRetries: 0);

        var create = client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"));
        await WaitUntil(() => emulator.Requests.Count == 1);
        for (var second = 0; second < 9; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        Assert.False(create.IsCompleted);
        Assert.Empty(emulator.Interactions);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!create.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        var call = await create;

        // Processed after the wait: created 10 s (on the emulator's clock) after it arrived, or later.
        Assert.True(emulator.FindInteraction(call.Id)!.CreatedAt >= Start.AddSeconds(10));
    }

    [Fact]
    public async Task Latency_WithJitterAndASeed_IsRepeatableAndWithinItsBounds()
    {
        var first = EmulatedFault.Latency(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        var draws = Enumerable.Range(0, 50).Select(_ => first.NextDelay(new Random(7))).Distinct().ToList();
        var random = new Random(7);
        var spread = Enumerable.Range(0, 50).Select(_ => first.NextDelay(random)).ToList();

        Assert.Single(draws);
        Assert.All(spread, delay => Assert.InRange(delay, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)));
        Assert.True(spread.Distinct().Count() > 1);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task SlowBody_ArrivesAsTheEmulatorsClockMoves(bool overSocket)
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        using var setup = emulator.CreateClient();
        var id = (await setup.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;
        emulator.InjectFault(EmulatedFault.SlowBody(TimeSpan.FromSeconds(1), chunkBytes: 32));
        using var client = await EmulatorFaultTests.ClientAsync(emulator, overSocket, maxRetries: 0);

        var get = client.Calls.GetAsync(id);
        await WaitUntil(() => emulator.Requests.Count == 2);
        await Task.Delay(100);
        Assert.False(get.IsCompleted);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!get.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.Equal(id, (await get).Id);
        Assert.True(clock.GetUtcNow() - Start >= TimeSpan.FromSeconds(2), "the body came in several pieces");
    }

    [Fact]
    public async Task Faults_ScopedToAnOperationAndNRequests()
    {
        await using var emulator = new ElementeEmulator();
        emulator.InjectFault(EmulatedFault.Status(500).ForOperation(EmulatorOperation.GetCall), count: 2);
        using var client = emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 });

        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;
        await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.GetAsync(id));
        await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.GetAsync(id));
        await client.Calls.GetAsync(id);

        Assert.Equal(new int?[] { 201, 500, 500, 200 }, emulator.Requests.Select(r => r.StatusCode));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.True(condition());
    }
}
