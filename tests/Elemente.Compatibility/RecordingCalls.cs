using System.Runtime.CompilerServices;

namespace Elemente.Compatibility;

/// <summary>A user's test double of the resource client: it overrides every method a user calls.</summary>
internal sealed class RecordingCalls : CallsClient
{
    public List<string> Calls { get; } = new();

    public override Task<Interaction> CreateAsync(CreateInteractionInput body, CancellationToken cancellationToken = default)
    {
        Calls.Add($"create {body.AgentId}");
        return Task.FromResult(Call("call-1", InteractionStatus.Queued));
    }

    public override async Task<ElementeResponse<Interaction>> CreateWithResponseAsync(CreateInteractionInput body, CancellationToken cancellationToken = default) =>
        ElementeModelFactory.Response(await CreateAsync(body, cancellationToken), statusCode: 201, requestId: "req-1");

    public override Task<Interaction> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        Calls.Add($"get {id}");
        return Task.FromResult(Call(id, InteractionStatus.InProgress));
    }

    public override async Task<ElementeResponse<Interaction>> GetWithResponseAsync(string id, CancellationToken cancellationToken = default) =>
        ElementeModelFactory.Response(await GetAsync(id, cancellationToken));

    public override Task<Interaction> WaitForCompletionAsync(string id, WaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        var done = Call(id, InteractionStatus.Completed);
        options?.Progress?.Report(done);
        return Task.FromResult(done);
    }

    public override async IAsyncEnumerable<Interaction> WatchAsync(string id, WaitOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return Call(id, InteractionStatus.Ringing);
        yield return Call(id, InteractionStatus.Completed);
    }

    private static Interaction Call(string id, InteractionStatus status) =>
        ElementeModelFactory.Interaction(
            id,
            status,
            agentId: "agent",
            skillId: "skill",
            customerId: "customer",
            customerName: "Ada",
            customerPhone: "+14155550100",
            customerEmail: "c@example.com",
            agentPhone: "+14155550101",
            agentEmail: "agent@example.com",
            transcription: "Hello",
            recordingUrl: "https://example.com/r.wav",
            messages: new[] { ElementeModelFactory.InteractionMessage("Hello", sender: "agent", timestamp: DateTimeOffset.UnixEpoch, sid: "SM1", status: "delivered", mediaUrl: null) },
            duration: 7200);
}
