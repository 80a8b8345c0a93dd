namespace Elemente.Tests;

/// <summary>
/// Runs tests/consumption/run.sh: packs the packages, builds a fresh net8.0 app and a netstandard2.0 library against
/// them from a local feed, inspects the .nupkg files and runs a create call over a loopback socket.
/// </summary>
[Collection(SlowBuilds.Name)]
public class PackageConsumptionTests
{
    [Fact]
    public async Task Package_FreshConsumerFromLocalFeed_BuildsInspectsAndRunsACreateCall()
    {
        var (exitCode, output) = await ProcessRun.RunAsync("bash", new[] { Repository.File("tests", "consumption", "run.sh") }, Repository.Root, TimeSpan.FromMinutes(25));
        Assert.True(exitCode == 0, $"tests/consumption/run.sh exited {exitCode}:\n{output}");
        Assert.Contains(", 0 failed", output);
    }
}
