namespace Elemente.Tests;

/// <summary>
/// Tests that generate, build or pack the client run one after another: on a small machine, two builds at once would
/// each take longer than both in turn.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SlowBuilds
{
    public const string Name = "Slow builds";
}
