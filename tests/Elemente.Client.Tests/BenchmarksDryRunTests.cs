using System.Diagnostics;

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
        var artifacts = Directory.CreateTempSubdirectory("elemente-bench-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = artifacts.FullName,
            };
            foreach (var arg in new[] { exe, "--job", "dry", "--inProcess", "--filter", "*", "--artifacts", artifacts.FullName })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the benchmarks' dry run did not finish within 3 minutes");
            }

            var output = await stdout + await stderr;
            Assert.True(process.ExitCode == 0, $"the benchmarks' dry run exited {process.ExitCode}:\n{output}");
            Assert.Contains("executed benchmarks: 11", output);
        }
        finally
        {
            artifacts.Delete(recursive: true);
        }
    }
}
