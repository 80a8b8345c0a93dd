using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Elemente.Tests.Emulator;

/// <summary>A call's life in the emulator, on a fake clock: each phase, each scripted outcome, and waiting for the end.</summary>
public class EmulatorLifecycleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CreateAsync_ThenTimePasses_CallGoesQueuedRingingInProgressCompleted()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        using var client = emulator.CreateClient();

        var created = await client.Calls.CreateWithResponseAsync(EmulatorRequests.Call("+12155550142", firstName: "Grace"));

        Assert.Equal(201, created.StatusCode);
        Assert.Equal(InteractionStatus.Queued, created.Value.Status);
        // An interaction under way lacks most fields, as the real API's do.
        Assert.Null(created.Value.Transcription);
        Assert.Null(created.Value.Messages);
        Assert.Null(created.Value.Duration);
        Assert.Equal("+12155550142", created.Value.CustomerPhone);
        Assert.Equal("Grace", created.Value.CustomerName);

        var id = created.Value.Id;
        Assert.Equal(InteractionStatus.Queued, (await client.Calls.GetAsync(id)).Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(InteractionStatus.Ringing, (await client.Calls.GetAsync(id)).Status);
        clock.Advance(TimeSpan.FromSeconds(4.999));
        Assert.Equal(InteractionStatus.Ringing, (await client.Calls.GetAsync(id)).Status);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(InteractionStatus.InProgress, (await client.Calls.GetAsync(id)).Status);
        clock.Advance(TimeSpan.FromSeconds(30));

        var completed = await client.Calls.GetAsync(id);

        Assert.Equal(InteractionStatus.Completed, completed.Status);
        Assert.Equal(30, completed.Duration);
        Assert.Equal(TimeSpan.FromSeconds(30), completed.DurationTimeSpan);
        Assert.StartsWith("agent: Hello Grace, this is your assistant.", completed.Transcription, StringComparison.Ordinal);
        Assert.Equal(new[] { "agent", "customer", "agent" }, completed.Messages!.Select(m => m.Sender));
        Assert.Equal(Start.AddSeconds(6), completed.Messages!.ElementAt(0).Timestamp);
        Assert.Equal(Start.AddSeconds(36), completed.Messages!.ElementAt(2).Timestamp);
        Assert.EndsWith(".wav", completed.RecordingUrl, StringComparison.Ordinal);
        Assert.True(completed.Status!.Value.IsFinal);
    }

    [Fact]
    public async Task CreateAsync_TimingsConfigured_PhasesFollowThem()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions
        {
            TimeProvider = clock,
            QueuedFor = TimeSpan.FromSeconds(10),
            RingingFor = TimeSpan.Zero,
            ConversationFor = TimeSpan.FromMinutes(2),
        });
        using var client = emulator.CreateClient();
        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(InteractionStatus.Queued, (await client.Calls.GetAsync(id)).Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(InteractionStatus.InProgress, (await client.Calls.GetAsync(id)).Status);
        clock.Advance(TimeSpan.FromMinutes(2));
        var completed = await client.Calls.GetAsync(id);
        Assert.Equal(InteractionStatus.Completed, completed.Status);
        Assert.Equal(120, completed.Duration);
    }

    [Fact]
    public async Task CreateAsync_PromptWithPlaceholders_FirstMessageFillsThemIn()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        using var client = emulator.CreateClient();
        var request = EmulatorRequests.Call("+12155550142", firstName: "John");
        request.AgentOverride = new AgentOverrideInput { Name = "Ava", Prompt = new PromptOverride { InitialMessage = "Hello {{firstName}}, I am {{aiName}}, about order {{Order ID}} ({{unknown}})" } };
        request.CustomerOverride!.CustomFields = [new CustomField("Order ID", 12345)];

        var id = (await client.Calls.CreateAsync(request)).Id;
        clock.Advance(TimeSpan.FromMinutes(1));

        var call = await client.Calls.GetAsync(id);
        Assert.Equal("Hello John, I am Ava, about order 12345 ({{unknown}})", call.Messages!.First().Content);
    }

    public static TheoryData<CallOutcome, string, bool> Outcomes() => new()
    {
        { CallOutcome.NoAnswer, "no-answer", false },
        { CallOutcome.Busy, "busy", false },
        { CallOutcome.Voicemail, "voicemail", true },
        { CallOutcome.Failed, "failed", false },
        { CallOutcome.Completed, "completed", true },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task ScriptOutcome_ForAPhoneNumber_EveryCallToItEndsSoAndOthersComplete(CallOutcome outcome, string status, bool hasTranscription)
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        emulator.ScriptOutcome("+12155550100", outcome);
        using var client = emulator.CreateClient();

        var scripted1 = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550100"))).Id;
        var scripted2 = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550100"))).Id;
        var other = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550199"))).Id;
        clock.Advance(TimeSpan.FromMinutes(1));

        foreach (var id in new[] { scripted1, scripted2 })
        {
            var call = await client.Calls.GetAsync(id);
            Assert.Equal(status, call.Status?.ToString());
            Assert.True(call.Status!.Value.IsFinal, $"{status} should be final");
            Assert.Equal(hasTranscription, call.Transcription is not null);
            Assert.Equal(outcome, emulator.FindInteraction(id)!.Outcome);
        }

        Assert.Equal(InteractionStatus.Completed, (await client.Calls.GetAsync(other)).Status);
    }

    [Fact]
    public async Task ScriptOutcome_FailedAndNoAnswer_EndAtTheirPhase()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        emulator.ScriptOutcome("+12155550101", CallOutcome.Failed);
        emulator.ScriptOutcome("+12155550102", CallOutcome.NoAnswer);
        using var client = emulator.CreateClient();
        var failed = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550101"))).Id;
        var unanswered = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550102"))).Id;

        clock.Advance(TimeSpan.FromSeconds(1));

        // Failed right after the queue; an unanswered call rings first.
        Assert.Equal(InteractionStatus.Failed, (await client.Calls.GetAsync(failed)).Status);
        Assert.Equal(InteractionStatus.Ringing, (await client.Calls.GetAsync(unanswered)).Status);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(InteractionStatus.NoAnswer, (await client.Calls.GetAsync(unanswered)).Status);
    }

    [Fact]
    public async Task ScriptNextOutcome_AppliesToTheNextCallsInOrderThenTheDefault()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        emulator.ScriptOutcome("+12155550100", CallOutcome.Voicemail);
        emulator.ScriptNextOutcome(CallOutcome.Busy);
        emulator.ScriptNextOutcome(CallOutcome.NoAnswer);
        using var client = emulator.CreateClient();

        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550100"))).Id);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        var statuses = new List<string?>();
        foreach (var id in ids)
        {
            statuses.Add((await client.Calls.GetAsync(id)).Status?.ToString());
        }

        // Per-call scripts come first, then the number's script.
        Assert.Equal(new[] { "busy", "no-answer", "voicemail", "voicemail" }, statuses);
    }

    [Fact]
    public async Task EmulatedInteraction_ScriptOutcome_ChangesItUntilItEnds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        using var client = emulator.CreateClient();
        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;
        var interaction = Assert.Single(emulator.Interactions);
        Assert.Equal(id, interaction.Id);

        clock.Advance(TimeSpan.FromSeconds(2));
        interaction.ScriptOutcome(CallOutcome.Busy);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(InteractionStatus.Busy, (await client.Calls.GetAsync(id)).Status);
        Assert.True(interaction.IsFinal);
        var error = Assert.Throws<InvalidOperationException>(() => interaction.ScriptOutcome(CallOutcome.Completed));
        Assert.Contains(id, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sms")]
    [InlineData("whatsapp")]
    [InlineData("email")]
    [InlineData("webchat")]
    public async Task CreateAsync_OtherChannels_NeverRingAndBusyEndsAsNoAnswer(string channel)
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        using var client = emulator.CreateClient();
        var request = EmulatorRequests.Call("+12155550142");
        request.Channel = Enum.Parse<InteractionChannel>(channel, ignoreCase: true);
        request.CustomerOverride!.Email = "grace@example.com";
        var completes = (await client.Calls.CreateAsync(request)).Id;
        emulator.ScriptNextOutcome(CallOutcome.Busy);
        var busy = (await client.Calls.CreateAsync(request)).Id;

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(InteractionStatus.InProgress, (await client.Calls.GetAsync(completes)).Status);
        Assert.Equal(InteractionStatus.NoAnswer, (await client.Calls.GetAsync(busy)).Status);
        clock.Advance(TimeSpan.FromSeconds(30));
        var done = await client.Calls.GetAsync(completes);
        Assert.Equal(InteractionStatus.Completed, done.Status);
        Assert.Null(done.RecordingUrl);
    }

    [Fact]
    public async Task WaitForCompletionAsync_OnTheEmulatorsFakeClock_ReturnsTheCompletedCall()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        using var client = emulator.CreateClient();
        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;
        var seen = new List<string?>();

        var wait = client.Calls.WaitForCompletionAsync(id, new WaitOptions
        {
            TimeProvider = clock,
            Progress = new SynchronousProgress(call => seen.Add(call.Status?.ToString())),
        });
        var realDeadline = DateTime.UtcNow.AddSeconds(30);
        while (!wait.IsCompleted && DateTime.UtcNow < realDeadline)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(2);
        }

        var call = await wait;
        Assert.Equal(InteractionStatus.Completed, call.Status);
        Assert.Equal(new[] { "queued", "ringing", "in-progress", "completed" }, seen.Distinct());
    }

    private sealed class SynchronousProgress(Action<Interaction> report) : IProgress<Interaction>
    {
        public void Report(Interaction value) => report(value);
    }
}
