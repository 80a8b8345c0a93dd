using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Elemente.Tests;

/// <summary>The code a README example tests: it calls the customer when an order ships.</summary>
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

/// <summary>
/// The README's emulator example: an xunit test class, compiled and run with the suite (in Emulator/, which the
/// netstandard2.0 suite leaves out). <see cref="ReadmeTests"/> checks that both READMEs show exactly this.
/// </summary>
public class ReadmeEmulatorExample
{
    #region readme-emulator
    [Fact]
    public async Task OrderShipped_CallsTheCustomer_AndABusyLineEndsBusy()
    {
        var clock = new FakeTimeProvider();                       // Microsoft.Extensions.TimeProvider.Testing
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
    public async Task RateLimit_SlowsUsDownButLosesNothing()
    {
        await using var emulator = new ElementeEmulator();
        emulator.InjectFault(EmulatedFault.RateLimited(TimeSpan.FromSeconds(1)));
        using var client = emulator.CreateClient();

        await new ShippingNotifier(client).OrderShippedAsync("+12155550142", orderId: "A-2");

        Assert.Equal(new int?[] { 429, 201 }, emulator.Requests.Select(r => r.StatusCode));   // retried after Retry-After
        Assert.Single(emulator.Interactions);                                                 // placed once
    }
    #endregion
}
