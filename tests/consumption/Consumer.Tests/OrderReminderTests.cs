using Consumer.Library;
using Elemente;
using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Consumer.Tests;

/// <summary>One emulator for the test class, on a fake clock: xunit builds it once and shares it.</summary>
public sealed class EmulatorFixture : IDisposable
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public ElementeEmulator Emulator { get; }

    public EmulatorFixture() => Emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = Clock });

    public void Dispose() => Emulator.Dispose();
}

/// <summary>A user's tests of their own code (Consumer.Library's OrderReminders) against the packaged emulator.</summary>
public class OrderReminderTests : IClassFixture<EmulatorFixture>
{
    private const string AgentId = "123e4567-e89b-12d3-a456-426614174000";

    private readonly EmulatorFixture _fixture;

    public OrderReminderTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        // xunit builds this class for each test: each starts with no interaction, request, fault or script left over.
        fixture.Emulator.Reset();
    }

    private ElementeEmulator Emulator => _fixture.Emulator;

    [Fact]
    public async Task Reminder_TheCustomersScriptedReply_IsInTheTranscriptWeRead()
    {
        Assert.Empty(Emulator.Interactions);
        Emulator.ScriptConversation("+12155550142", new EmulatedConversation
        {
            Lines = new[]
            {
                EmulatedLine.Agent("Hello {{firstName}}, order {{Order ID}} ships tomorrow."),
                EmulatedLine.Customer("Please leave it with the neighbour."),
            },
            Duration = TimeSpan.FromSeconds(25),
        });
        using var client = Emulator.CreateClient();
        var call = await OrderReminders.SendAsync(client.Calls, Request("+12155550142", "A-1"), CancellationToken.None);

        var wait = client.Calls.WaitForCompletionAsync(call.Id);
        for (var i = 0; i < 600 && !wait.IsCompleted; i++)
        {
            _fixture.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        var done = await wait;
        Assert.Equal(InteractionStatus.Completed, done.Status);
        Assert.Equal("agent: Hello John, order A-1 ships tomorrow.\ncustomer: Please leave it with the neighbour.", done.Transcription);
        Assert.Equal(TimeSpan.FromSeconds(25), done.DurationTimeSpan);
        Assert.Single(Emulator.Interactions);
    }

    [Fact]
    public async Task Reminder_ABadGateway_ReachesUsAndPlacesNothing()
    {
        Assert.Empty(Emulator.Interactions);
        Assert.Equal(0, Emulator.PendingFaults);
        Emulator.InjectFault(EmulatedFault.Status(502).ForOperation(EmulatorOperation.CreateCall));
        using var client = Emulator.CreateClient();

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => OrderReminders.SendAsync(client.Calls, Request("+12155550143", "A-2"), CancellationToken.None));

        Assert.Equal(502, error.StatusCode);
        Assert.Empty(Emulator.Interactions);
        Assert.Single(Emulator.Requests);
    }

    [Fact]
    public async Task Reminder_AnInvalidNumber_IsRefusedByTheEmulatorToo()
    {
        Assert.Empty(Emulator.Requests);
        using var client = Emulator.CreateClient(new ElementeClientOptions { ValidateRequests = false });

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => OrderReminders.SendAsync(client.Calls, Request("555-CALL-ME", "A-3"), CancellationToken.None));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("customerOverride.phoneNumber must be E.164 (+ then 7 to 15 digits)", error.Errors);
        Assert.Empty(Emulator.Interactions);
    }

    private static CreateInteractionInput Request(string phoneNumber, string orderId) =>
        OrderReminders.Build(AgentId, "5f0c2a1e-0000-4000-8000-000000000001", phoneNumber, orderId, new DateTime(2026, 3, 1), 20m, true);
}
