using System.Diagnostics;

namespace Elemente.Tests;

/// <summary>
/// Runs tests/consumption/run.sh: packs the packages, builds a fresh net8.0 app and a netstandard2.0 library against
/// them from a local feed, inspects the .nupkg files and runs a create call over a loopback socket.
/// </summary>
[Collection("build")]
public class PackageConsumptionTests
{
    [Fact]
    public async Task Package_FreshConsumerFromLocalFeed_BuildsInspectsAndRunsACreateCall()
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.ArgumentList.Add(Repository.File("tests", "consumption", "run.sh"));

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the consumption test did not finish within 8 minutes");
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"tests/consumption/run.sh exited {process.ExitCode}:\n{output}");
        Assert.Contains(", 0 failed", output);
    }
}
