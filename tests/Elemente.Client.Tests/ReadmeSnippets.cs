using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Elemente.Tests;

/// <summary>The README's code, compiled. <see cref="ReadmeTests"/> checks that the README shows exactly this.</summary>
internal static class ReadmeSnippets
{
    public static async Task<SanitisedFeedback> Usage(HttpClient httpClient, CancellationToken cancellationToken)
    {
        #region readme-usage
        var options = new ElementeClientOptions { BaseUri = new Uri("https://api.elemente.ai"), Username = "...", Password = "...", Timeout = TimeSpan.FromSeconds(30) };
        using var client = new ElementeClient(options);               // owns its HttpClient
        var shared = new ElementeClient(httpClient, options);         // the caller's HttpClient (IHttpClientFactory)
        SanitisedFeedback call = await client.Calls.CreateAsync(new CreateInteractionInput
        {
            AgentId = "...", SkillId = "...", Channel = InteractionChannel.Call,
            AgentOverride = new AgentOverrideInput { Name = "Ava", Prompt = new PromptOverride { InitialMessage = "Hello {{firstName}}", Prompt = "...", RoutingConditions = new Dictionary<string, object> { ["priority"] = "high" } } },
            CustomerOverride = new CustomerOverrideInput
            {
                FirstName = "John", PhoneNumber = "+1234567890",
                CustomFields = new List<CustomField> { new CustomField("Order ID", "12345"), new CustomField("Order Amount", 150.75m), new CustomField("Active Status", true) },
            },
        }, cancellationToken);
        // call.Id; call.Status (ToString() is the raw value); call.Duration (double?, seconds);
        // call.Messages: each with Sid, Timestamp, Sender, Content, MediaUrl, Status
        #endregion
        return call;
    }

    public static async Task<SanitisedFeedback> PackageUsage(CancellationToken cancellationToken)
    {
        #region package-usage
        var options = new ElementeClientOptions { Username = "...", Password = "..." };   // or from configuration: see below
        using var client = new ElementeClient(options);   // one per application; thread-safe
        SanitisedFeedback call = await client.Calls.CreateAsync(new CreateInteractionInput
        {
            AgentId = "...", SkillId = "...", Channel = InteractionChannel.Call,
            CustomerOverride = new CustomerOverrideInput { FirstName = "John", PhoneNumber = "+1234567890" },
        }, cancellationToken);
        Console.WriteLine($"{call.Id}: {call.Status}");
        #endregion
        return call;
    }

    public static async Task<SanitisedFeedback> Waiting(ElementeClient client, string id, CancellationToken cancellationToken)
    {
        #region readme-waiting
        var ended = await client.Calls.WaitForCompletionAsync(id, new WaitOptions
        {
            Timeout = TimeSpan.FromMinutes(15),                         // then ElementeTimeoutException, with LastStatus
            Progress = new Progress<SanitisedFeedback>(c => Console.WriteLine($"{c.Id}: {c.Status}")),
        }, cancellationToken);
        // ended.Status.Value.IsFinal is true: completed, failed, busy, no-answer, voicemail, canceled, expired, closed or resolved
        #endregion
        return ended;
    }

    #region readme-mocking
    // Code under test takes an ElementeClient; the test hands it one whose Calls is a fake.
    class FakeCalls : CallsClient                  // protected constructor: no HTTP, no options
    {
        public List<CreateInteractionInput> Created { get; } = new();

        public override Task<SanitisedFeedback> CreateAsync(CreateInteractionInput body, CancellationToken cancellationToken = default)
        {
            Created.Add(body);
            return Task.FromResult(ElementeModelFactory.SanitisedFeedback("call-1", InteractionStatus.Queued));
        }
    }

    class FakeClient(CallsClient calls) : ElementeClient
    {
        public override CallsClient Calls => calls;
    }
    #endregion
}

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

/// <summary>The README's emulator example: an xunit test class, compiled and run with the suite.</summary>
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
