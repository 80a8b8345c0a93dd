// Test doubles as a user writes them against today's API (README, "Testing your code"): a CallsClient subclass that
// overrides what the code under test uses, and an ElementeClient subclass that returns it. EndToEndUpdateTests compiles
// this very file against a client regenerated with a new operation and a new resource: it must keep compiling.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Elemente.Tests.TestDoubles;

/// <summary>A fake calls resource: records what is created and answers with a queued call.</summary>
public sealed class FakeCallsClient : CallsClient
{
    /// <summary>What the code under test asked to create.</summary>
    public List<CreateInteractionInput> Created { get; } = new();

    /// <inheritdoc />
    public override Task<Interaction> CreateAsync(CreateInteractionInput body, CancellationToken cancellationToken = default)
    {
        Created.Add(body);
        return Task.FromResult(ElementeModelFactory.Interaction("fake-" + Created.Count, InteractionStatus.Queued));
    }
}

/// <summary>An ElementeClient whose Calls is the fake.</summary>
public sealed class FakeElementeClient : ElementeClient
{
    /// <summary>Creates the fake over <paramref name="calls"/>.</summary>
    public FakeElementeClient(CallsClient calls) => Calls = calls ?? throw new ArgumentNullException(nameof(calls));

    /// <inheritdoc />
    public override CallsClient Calls { get; }
}
