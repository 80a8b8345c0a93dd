// The README's emulator examples, compiled and run with the suite (in Emulator/, which the netstandard2.0 suite leaves
// out). ReadmeTests checks that the READMEs show exactly these regions. They declare no namespace, as pasted into a
// user's test project.
#region readme-emulator
// dotnet add package Elemente.Client
// dotnet add package Elemente.Client.Testing
// dotnet add package Microsoft.Extensions.TimeProvider.Testing
// (and a test framework: these are xunit tests)
using Elemente;
using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

/// <summary>The code under test: it calls the customer when an order ships.</summary>
public sealed class ShippingNotifier(ElementeClient client)
{
    public async Task<string> OrderShippedAsync(string phoneNumber, string orderId) =>
        (await client.Calls.CreateAsync(new CreateInteractionInput
        {
            AgentId = "123e4567-e89b-12d3-a456-426614174000",
            SkillId = "123e4567-e89b-12d3-a456-426614174000",
            Channel = InteractionChannel.Call,
            CustomerOverride = new CustomerOverrideInput { PhoneNumber = phoneNumber, CustomFields = [new CustomField("Order ID", orderId)] },
        })).Id;
}

public class ShippingNotifierTests
{
    [Fact]
    public async Task OrderShipped_CallsTheCustomer_AndABusyLineEndsBusy()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        emulator.ScriptOutcome("+12155550100", CallOutcome.Busy);
        using var client = emulator.CreateClient();               // in memory: no account, no network

        var callId = await new ShippingNotifier(client).OrderShippedAsync("+12155550100", orderId: "A-1");

        var call = Assert.Single(emulator.Interactions);
        Assert.Equal("A-1", call.Request.CustomerOverride!.CustomFields!.Single().Value.ToString());
        clock.Advance(TimeSpan.FromMinutes(1));                   // queued, ringing, then the scripted outcome
        Assert.Equal(InteractionStatus.Busy, (await client.Calls.GetAsync(callId)).Status);
    }

    [Fact]
    public async Task WaitForCompletion_OnAFakeClock_ReadsTheScriptedConversation()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        emulator.ScriptNextConversation(new EmulatedConversation
        {
            Lines = [EmulatedLine.Agent("Your order {{Order ID}} has shipped."), EmulatedLine.Customer("Thanks!")],
            Duration = TimeSpan.FromSeconds(20),
        });
        using var client = emulator.CreateClient();               // its waits run on the emulator's clock
        var callId = await new ShippingNotifier(client).OrderShippedAsync("+12155550142", orderId: "A-3");

        var wait = client.Calls.WaitForCompletionAsync(callId);
        for (var i = 0; i < 600 && !wait.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));               // the call's life and the wait's polls move together
            await Task.Delay(1);                                  // let the wait take its turn
        }

        var call = await wait;
        Assert.Equal(InteractionStatus.Completed, call.Status);
        Assert.Equal("agent: Your order A-3 has shipped.\ncustomer: Thanks!", call.Transcription);
        Assert.Equal(TimeSpan.FromSeconds(20), call.DurationTimeSpan);
    }

    [Fact]
    public async Task RateLimit_SlowsUsDownButLosesNothing()
    {
        await using var emulator = new ElementeEmulator();
        emulator.InjectFault(EmulatedFault.RateLimited(TimeSpan.FromSeconds(1)));
        using var client = emulator.CreateClient();

        await new ShippingNotifier(client).OrderShippedAsync("+12155550142", orderId: "A-2");

        Assert.Equal(new int?[] { 429, 201 }, emulator.Requests.Select(r => r.StatusCode));   // retried after Retry-After
        Assert.Single(emulator.Interactions);                                                 // placed once
    }
}
#endregion

#region readme-emulator-fixture
/// <summary>One emulator for a test class (xunit's class fixture); each test starts it clean with Reset().</summary>
public sealed class EmulatorFixture : IDisposable
{
    public FakeTimeProvider Clock { get; } = new();

    public ElementeEmulator Emulator { get; }

    public EmulatorFixture() => Emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = Clock });

    public void Dispose() => Emulator.Dispose();
}

public class ShippingNotifierSharedEmulatorTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public ShippingNotifierSharedEmulatorTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.Reset();   // xunit builds the class for each test: no interaction, request, fault or script is left over
    }

    [Fact]
    public async Task AServerError_IsNotRetriedForACreate()
    {
        _fixture.Emulator.InjectFault(EmulatedFault.Status(502).ForOperation(EmulatorOperation.CreateCall));
        using var client = _fixture.Emulator.CreateClient();

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => new ShippingNotifier(client).OrderShippedAsync("+12155550142", "B-1"));

        Assert.Equal(502, error.StatusCode);
        Assert.Single(_fixture.Emulator.Requests);
    }

    [Fact]
    public async Task AnUnknownFinalStatus_IsReadWithoutFailing()
    {
        _fixture.Emulator.ScriptNextConversation(new EmulatedConversation { FinalStatus = "transferred" });
        using var client = _fixture.Emulator.CreateClient();
        var callId = await new ShippingNotifier(client).OrderShippedAsync("+12155550142", "B-2");

        _fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        var call = await client.Calls.GetAsync(callId);
        Assert.Equal("transferred", call.Status.ToString());
        Assert.False(call.Status!.Value.IsFinal);                 // the client's own wait would go on: decide what your code does
        Assert.Single(_fixture.Emulator.Interactions);            // only this test's call
    }
}
#endregion
