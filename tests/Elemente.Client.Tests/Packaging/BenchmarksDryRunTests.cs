namespace Elemente.Tests;

/// <summary>
/// Runs every benchmark of benchmarks/Elemente.Client.Benchmarks once, in BenchmarkDotNet's dry job and in process,
/// so that the benchmarks cannot rot. No time is asserted: only that each contender completes a call.
/// </summary>
[Collection(SlowBuilds.Name)]
public class BenchmarksDryRunTests
{
    [Fact]
    public async Task Benchmarks_DryJob_RunEveryBenchmarkOnce()
    {
        var exe = Repository.File("benchmarks", "Elemente.Client.Benchmarks", "bin", Repository.Configuration, "net10.0", "Elemente.Client.Benchmarks.dll");
        Assert.True(File.Exists(exe), $"{exe} was not built (the test project references the benchmarks project)");
        using var artifacts = new TempFolder("elemente-bench-");

        var (exitCode, output) = await ProcessRun.RunAsync("dotnet", [exe, "--job", "dry", "--inProcess", "--filter", "*", "--artifacts", artifacts.Path], artifacts.Path, TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, $"the benchmarks' dry run exited {exitCode}:\n{output}");
        Assert.Contains("executed benchmarks: 11", output);
    }
}
