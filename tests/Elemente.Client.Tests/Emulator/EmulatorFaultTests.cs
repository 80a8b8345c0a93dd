using System.Net;
using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Elemente.Tests.Emulator;

/// <summary>
/// Injected faults, met in memory and over the emulator's loopback server, as a user's resilience test meets them. The
/// emulator runs on a fake clock that never moves: no fault waits on the emulator's time (the client's own retry delays
/// and timeouts are real, and kept short).
/// </summary>
public class EmulatorFaultTests
{
    private static readonly DateTimeOffset Frozen = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static ElementeEmulator OnAFakeClock() => new(new ElementeEmulatorOptions { TimeProvider = new FakeTimeProvider(Frozen) });

    public static TheoryData<bool> Transports() => new() { false, true };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task RateLimited_ClientWithoutRetries_Gets429WithRetryAfterAndNothingIsCreated(bool overSocket)
    {
        await using var emulator = OnAFakeClock();
        emulator.InjectFault(EmulatedFault.RateLimited(TimeSpan.FromSeconds(7)));
        using var client = await ClientAsync(emulator, overSocket, maxRetries: 0);

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142")));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal("7", Assert.Single(error.Headers["Retry-After"]));
        Assert.False(error.OutcomeUnknown);
        Assert.Empty(emulator.Interactions);
        var request = Assert.Single(emulator.Requests);
        Assert.Equal(429, request.StatusCode);
        Assert.Equal(EmulatedFaultKind.RateLimited, request.Fault?.Kind);
        Assert.Equal(Frozen, request.ReceivedAt);
        Assert.Equal(0, emulator.PendingFaults);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task RateLimitedTwice_ClientRetries_OneCallCreatedAfterThreeRequests(bool overSocket)
    {
        await using var emulator = OnAFakeClock();
        emulator.InjectFault(EmulatedFault.RateLimited(TimeSpan.Zero), count: 2);
        using var client = await ClientAsync(emulator, overSocket, maxRetries: 2);

        var call = await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"));

        Assert.Equal(new int?[] { 429, 429, 201 }, emulator.Requests.Select(r => r.StatusCode));
        Assert.Equal(call.Id, Assert.Single(emulator.Interactions).Id);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ServiceUnavailable_Gets503AndNothingIsCreated(bool overSocket)
    {
        await using var emulator = OnAFakeClock();
        emulator.InjectFault(EmulatedFault.ServiceUnavailable());
        using var client = await ClientAsync(emulator, overSocket, maxRetries: 0);

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142")));

        Assert.Equal(503, error.StatusCode);
        Assert.False(error.Headers.ContainsKey("Retry-After"));
        Assert.Empty(emulator.Interactions);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Timeout_CreateTimesOutWithUnknownOutcomeAndNothingIsCreated(bool overSocket)
    {
        await using var emulator = OnAFakeClock();
        emulator.InjectFault(EmulatedFault.Timeout());
        using var client = await ClientAsync(emulator, overSocket, maxRetries: 2, timeout: TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<ElementeTimeoutException>(() => client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142")));

        // The client cannot know whether a create it got no answer to was placed, so it never sends it again.
        Assert.True(error.OutcomeUnknown);
        Assert.Single(emulator.Requests);
        Assert.Null(emulator.Requests[0].StatusCode);
        Assert.Empty(emulator.Interactions);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task DropConnectionAfterProcessing_CreateIsOutcomeUnknownButTheCallExists(bool overSocket)
    {
        await using var emulator = OnAFakeClock();
        emulator.InjectFault(EmulatedFault.DropConnectionAfterProcessing());
        using var client = await ClientAsync(emulator, overSocket, maxRetries: 2);

        var error = await Assert.ThrowsAnyAsync<ElementeException>(() => client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142")));

        Assert.True(error.OutcomeUnknown, error.ToString());
        Assert.Single(emulator.Requests);
        var placed = Assert.Single(emulator.Interactions);
        Assert.Equal("+12155550142", placed.PhoneNumber);
        // The call went ahead: it can be found by its id.
        Assert.Equal(placed.Id, (await client.Calls.GetAsync(placed.Id)).Id);
    }

    [Fact]
    public async Task DropConnectionAfterProcessing_OnAGet_TheClientRetriesIt()
    {
        await using var emulator = OnAFakeClock();
        using var client = emulator.CreateClient(new ElementeClientOptions { RetryDelay = TimeSpan.FromMilliseconds(1) });
        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;
        emulator.InjectFault(EmulatedFault.DropConnectionAfterProcessing());

        var call = await client.Calls.GetAsync(id);

        Assert.Equal(id, call.Id);
        Assert.Equal(new int?[] { 201, null, 200 }, emulator.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task FaultForOneOperation_OtherOperationsPassUntilItIsMet()
    {
        await using var emulator = OnAFakeClock();
        using var client = emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 });
        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;
        emulator.InjectFault(EmulatedFault.ServiceUnavailable().ForOperation(EmulatorOperations.CreateCall));

        await client.Calls.GetAsync(id);
        await client.Calls.GetAsync(id);
        Assert.Equal(1, emulator.PendingFaults);
        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142")));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(0, emulator.PendingFaults);
        Assert.Equal(EmulatorOperations.CreateCall, emulator.Requests[^1].Operation);
    }

    [Fact]
    public async Task ClearFaults_RemovesThoseNotMetYet()
    {
        await using var emulator = OnAFakeClock();
        emulator.InjectFault(EmulatedFault.Timeout(), count: 3);
        Assert.Equal(3, emulator.PendingFaults);

        emulator.ClearFaults();
        using var client = emulator.CreateClient();

        Assert.NotNull(await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142")));
        Assert.Equal(0, emulator.PendingFaults);
    }

    [Fact]
    public void InjectFault_BadArguments_AreNamed()
    {
        using var emulator = OnAFakeClock();

        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => emulator.InjectFault(EmulatedFault.Timeout(), 0)).ParamName);
        Assert.Equal("fault", Assert.Throws<ArgumentNullException>(() => emulator.InjectFault(null!)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatedFault.RateLimited(TimeSpan.FromSeconds(-1)));
        Assert.Equal("operation", Assert.Throws<ArgumentException>(() => EmulatedFault.Timeout().ForOperation("")).ParamName);
    }

    [Fact]
    public async Task Dispose_WhileARequestIsHeldByATimeoutFault_EndsIt()
    {
        var emulator = OnAFakeClock();
        emulator.InjectFault(EmulatedFault.Timeout());
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = new Uri("https://emulator.test/") };
        var held = http.GetAsync("api/v1/calls/x");
        await Task.Delay(50);
        Assert.False(held.IsCompleted);

        await emulator.DisposeAsync();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => held.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("emulator was stopped", error.Message, StringComparison.Ordinal);
    }

    internal static async Task<ElementeClient> ClientAsync(ElementeEmulator emulator, bool overSocket, int maxRetries, TimeSpan? timeout = null)
    {
        var options = new ElementeClientOptions
        {
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        if (!overSocket)
        {
            return emulator.CreateClient(options);
        }

        options.BaseUri = await emulator.StartServerAsync();
        options.Username = emulator.Username;
        options.Password = emulator.Password;
        return new ElementeClient(options);
    }
}
