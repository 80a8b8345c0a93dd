using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Elemente.Tests.Emulator;

/// <summary>The emulator's state for tests: reset between tests, snapshots that cannot be changed, operations by type.</summary>
public class EmulatorStateTests
{
    [Fact]
    public async Task Reset_ForgetsInteractionsRequestsFaultsAndScripts_KeepsClientsAndSettings()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock, Username = "u", Password = "p" });
        using var client = emulator.CreateClient();
        emulator.ScriptOutcome("+12155550100", CallOutcome.Busy);
        emulator.ScriptNextOutcome(CallOutcome.Failed);
        emulator.ScriptNextConversation(new EmulatedConversation { Outcome = CallOutcome.Voicemail });
        await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550100"));
        emulator.InjectFault(EmulatedFault.ServiceUnavailable().ForOperation(EmulatorOperation.GetCall), count: 3);

        emulator.Reset();

        Assert.Empty(emulator.Interactions);
        Assert.Empty(emulator.Requests);
        Assert.Equal(0, emulator.PendingFaults);
        // No script left: the next call to the busy number completes (the default), and the clock and credentials stay.
        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550100"))).Id;
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(InteractionStatus.Completed, (await client.Calls.GetAsync(id)).Status);
        Assert.Equal(1, emulator.Requests[0].Sequence);
        Assert.Equal("u", emulator.Username);
    }

    [Fact]
    public async Task Interactions_RequestIsASnapshot_ChangingItChangesNothingLaterReadsSee()
    {
        await using var emulator = new ElementeEmulator();
        using var client = emulator.CreateClient();
        await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142", firstName: "Grace"));

        var first = emulator.Interactions[0].Request;
        first.AgentId = "changed";
        first.CustomerOverride!.FirstName = "changed";

        Assert.Equal(EmulatorRequests.AgentId, emulator.Interactions[0].Request.AgentId);
        Assert.Equal("Grace", emulator.Interactions[0].Request.CustomerOverride!.FirstName);
        Assert.Equal("Grace", (await client.Calls.GetAsync(emulator.Interactions[0].Id)).CustomerName);
    }

    [Fact]
    public async Task InteractionsAndRequests_AreReadOnly_EvenCastToTheirCollectionTypes()
    {
        await using var emulator = new ElementeEmulator();
        using var client = emulator.CreateClient();
        await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"));

        Assert.Throws<NotSupportedException>(() => ((IList<EmulatedInteraction>)emulator.Interactions)[0] = null!);
        Assert.Throws<NotSupportedException>(() => ((IList<RecordedRequest>)emulator.Requests)[0] = null!);
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, string>)emulator.Requests[0].Headers)["Authorization"] = "Basic x");
    }

    [Fact]
    public void ForOperation_UnknownName_ThrowsListingTheValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => EmulatedFault.RateLimited().ForOperation("Calls_create"));

        Assert.Contains("Calls_create", error.Message, StringComparison.Ordinal);
        Assert.Contains("Calls_Create, Calls_Get", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmulatorOperation_NamesEveryOperationOfTheSpec()
    {
        var names = Enum.GetValues<EmulatorOperation>().Select(EmulatorOperations.Name).Order(StringComparer.Ordinal);

        Assert.Equal(EmulatorSpec.Default.Operations.Select(o => o.Id).Order(StringComparer.Ordinal), names);
        Assert.Equal(EmulatorOperations.CreateCall, EmulatorOperations.Name(EmulatorOperation.CreateCall));
        Assert.Equal(EmulatorOperations.GetCall, EmulatorOperations.Name(EmulatorOperation.GetCall));
    }

    [Fact]
    public async Task ForOperation_Typed_OnlyThatOperationsRequestsMeetIt()
    {
        await using var emulator = new ElementeEmulator();
        emulator.InjectFault(EmulatedFault.ServiceUnavailable().ForOperation(EmulatorOperation.GetCall));
        using var client = emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 });

        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;
        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.GetAsync(id));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(EmulatorOperations.GetCall, emulator.Requests[1].Fault!.Operation);
    }
}
