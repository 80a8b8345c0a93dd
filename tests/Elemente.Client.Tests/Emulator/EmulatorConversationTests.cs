using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Elemente.Tests.Emulator;

/// <summary>Scripted conversations, every final status (and one the client does not know), one clock, and a clear ending on dispose.</summary>
public class EmulatorConversationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ScriptConversation_PerNumber_LinesMessagesDurationAndRecordingWithPlaceholdersFilled()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        emulator.ScriptConversation("+12155550100", new EmulatedConversation
        {
            Lines = [EmulatedLine.Agent("Hi {{firstName}}, order {{Order ID}} ships today."), EmulatedLine.Customer("Back door, please."), EmulatedLine.Agent("Noted. Bye!")],
            Duration = TimeSpan.FromSeconds(42),
            RecordingUrl = new Uri("https://recordings.example/a.mp3"),
        });
        using var client = emulator.CreateClient();
        var request = EmulatorRequests.Call("+12155550100", firstName: "Grace");
        request.CustomerOverride!.CustomFields = [new CustomField("Order ID", "A-7")];
        var id = (await client.Calls.CreateAsync(request)).Id;

        clock.Advance(TimeSpan.FromSeconds(1 + 5 + 41));
        Assert.Equal(InteractionStatus.InProgress, (await client.Calls.GetAsync(id)).Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        var call = await client.Calls.GetAsync(id);

        Assert.Equal(InteractionStatus.Completed, call.Status);
        Assert.Equal("agent: Hi Grace, order A-7 ships today.\ncustomer: Back door, please.\nagent: Noted. Bye!", call.Transcription);
        Assert.Equal(new[] { "Hi Grace, order A-7 ships today.", "Back door, please.", "Noted. Bye!" }, call.Messages!.Select(m => m.Content));
        Assert.Equal(new[] { "agent", "customer", "agent" }, call.Messages!.Select(m => m.Sender));
        Assert.Equal(42, call.Duration);
        Assert.Equal("https://recordings.example/a.mp3", call.RecordingUrl?.ToString());
    }

    [Theory]
    [InlineData(InteractionChannel.Sms)]
    [InlineData(InteractionChannel.Email)]
    [InlineData(InteractionChannel.Webchat)]
    public async Task ScriptNextConversation_OnEveryChannel(InteractionChannel channel)
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        emulator.ScriptNextConversation(new EmulatedConversation { Lines = [EmulatedLine.Customer("Thanks {{aiName}}")], Duration = TimeSpan.FromSeconds(3) });
        using var client = emulator.CreateClient();
        var request = EmulatorRequests.Call("+12155550142");
        request.Channel = channel;
        request.CustomerOverride!.Email = "grace@example.com";
        request.AgentOverride = new AgentOverrideInput { Name = "Ada" };
        var id = (await client.Calls.CreateAsync(request)).Id;

        clock.Advance(TimeSpan.FromSeconds(4));
        var call = await client.Calls.GetAsync(id);

        Assert.Equal(InteractionStatus.Completed, call.Status);
        Assert.Equal("customer: Thanks Ada", call.Transcription);
        Assert.Equal(3, call.Duration);
    }

    [Fact]
    public async Task EmulatedInteraction_ScriptConversation_ChangesItUntilItEnds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        using var client = emulator.CreateClient();
        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;

        emulator.FindInteraction(id)!.ScriptConversation(new EmulatedConversation { Outcome = CallOutcome.Resolved, Lines = [EmulatedLine.Agent("Solved.")] });
        clock.Advance(TimeSpan.FromMinutes(1));

        var call = await client.Calls.GetAsync(id);
        Assert.Equal(InteractionStatus.Resolved, call.Status);
        Assert.Equal("agent: Solved.", call.Transcription);
        Assert.Throws<InvalidOperationException>(() => emulator.FindInteraction(id)!.ScriptConversation(new EmulatedConversation()));
    }

    [Theory]
    [InlineData(CallOutcome.Completed, "completed", true)]
    [InlineData(CallOutcome.NoAnswer, "no-answer", false)]
    [InlineData(CallOutcome.Busy, "busy", false)]
    [InlineData(CallOutcome.Voicemail, "voicemail", true)]
    [InlineData(CallOutcome.Failed, "failed", false)]
    [InlineData(CallOutcome.Canceled, "canceled", false)]
    [InlineData(CallOutcome.Expired, "expired", false)]
    [InlineData(CallOutcome.Closed, "closed", true)]
    [InlineData(CallOutcome.Resolved, "resolved", true)]
    public async Task EveryFinalStatus_CanBeScripted_AndTheClientWaitsForIt(CallOutcome outcome, string status, bool hasTranscription)
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        emulator.ScriptNextOutcome(outcome);
        using var client = emulator.CreateClient();
        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;

        var call = await AdvanceUntil(clock, client.Calls.WaitForCompletionAsync(id));

        Assert.Equal(status, call.Status?.ToString());
        Assert.True(call.Status!.Value.IsFinal);
        Assert.Equal(hasTranscription, call.Transcription is not null);
    }

    [Fact]
    public void EveryFinalStatusOfTheClient_HasACallOutcome()
    {
        var finals = typeof(InteractionStatus).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(InteractionStatus)).Select(p => (InteractionStatus)p.GetValue(null)!).Where(s => s.IsFinal).ToList();

        Assert.Equal(9, finals.Count);
        Assert.Equal(9, Enum.GetValues<CallOutcome>().Length);
    }

    [Fact]
    public async Task FinalStatus_TheClientDoesNotKnow_IsReadWithoutFailing()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        emulator.ScriptNextConversation(new EmulatedConversation { FinalStatus = "transferred" });
        using var client = emulator.CreateClient();
        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;

        clock.Advance(TimeSpan.FromMinutes(1));
        var call = await client.Calls.GetAsync(id);

        Assert.Equal("transferred", call.Status?.ToString());
        Assert.False(call.Status!.Value.IsFinal);
        Assert.True(emulator.FindInteraction(id)!.IsFinal);
        Assert.NotNull(call.Transcription);
    }

    [Fact]
    public async Task WaitForCompletionAsync_NoClockInWaitOptions_RunsOnTheEmulatorsClock()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        using var client = emulator.CreateClient();
        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;

        // Polls 1 s apart at first, up to 15 s: on the real clock this would take over a minute.
        var wait = client.Calls.WaitForCompletionAsync(id, new WaitOptions { PollInterval = TimeSpan.FromMinutes(10), MaxPollInterval = TimeSpan.FromMinutes(10) });
        await Task.Delay(100);
        Assert.False(wait.IsCompleted);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!wait.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(10);
        }

        Assert.Equal(InteractionStatus.Completed, (await wait).Status);
    }

    [Fact]
    public async Task WaitForCompletionAsync_CallersOwnClock_WinsOverTheEmulators()
    {
        var clock = new FakeTimeProvider(Start);
        var own = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        using var client = emulator.CreateClient(new ElementeClientOptions { TimeProvider = own });
        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;

        var wait = client.Calls.WaitForCompletionAsync(id, new WaitOptions { Timeout = TimeSpan.FromMinutes(5) });
        await Task.Delay(50);
        own.Advance(TimeSpan.FromMinutes(5));

        // The caller's clock ran out the wait's timeout; the emulator's never moved, so the call had not ended.
        await Assert.ThrowsAsync<ElementeTimeoutException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Dispose_WhileACreateIsHeld_ConnectionExceptionSayingTheEmulatorWasStopped()
    {
        var emulator = new ElementeEmulator();
        emulator.InjectFault(EmulatedFault.Timeout());
        using var client = emulator.CreateClient();
        var create = client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"));
        await Task.Delay(50);

        await emulator.DisposeAsync();

        var error = await Assert.ThrowsAsync<ElementeConnectionException>(() => create.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("emulator was stopped", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("-0", error.Message, StringComparison.Ordinal);
        // A request after the end fails the same way.
        var later = await Assert.ThrowsAsync<ElementeConnectionException>(() => client.Calls.GetAsync("x"));
        Assert.Contains("emulator was stopped", later.Message, StringComparison.Ordinal);
    }

    private static async Task<T> AdvanceUntil<T>(FakeTimeProvider clock, Task<T> task)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!task.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2);
        }

        return await task;
    }
}
