namespace Elemente.Tests;

/// <summary>Tests that change process-wide state run alone, after the others.</summary>
[CollectionDefinition(nameof(GlobalStateCollection), DisableParallelization = true)]
public sealed class GlobalStateCollection
{
}
