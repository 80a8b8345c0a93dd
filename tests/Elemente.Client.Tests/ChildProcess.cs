using System.Diagnostics;

namespace Elemente.Tests;

/// <summary>
/// Runs a build tool as a child process and ends it, with its whole tree, on timeout. Build servers and reusable
/// MSBuild nodes are turned off, so nothing the test starts outlives it.
/// </summary>
internal static class ChildProcess
{
    /// <summary>Tests that run whole builds share this collection, so they never build in parallel.</summary>
    public const string BuildCollection = "Builds";

    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(" ", arguments)} did not finish within {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
