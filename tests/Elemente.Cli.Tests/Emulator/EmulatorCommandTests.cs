using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Elemente.Testing;

namespace Elemente.Cli.Tests.Emulator;

/// <summary>
/// <c>elemente emulator</c> as a standalone server on loopback, driven by a test in another language (Python 3, standard
/// library): the CLI process is started here and killed at the end.
/// </summary>
[Collection(nameof(ChildProcesses))]
public sealed class EmulatorCommandTests
{
    [Fact]
    public async Task Emulator_DrivenFromPython_ScriptsBusyCreatesReadsUntilBusyAndReadsTheInteractionBack()
    {
        using var server = Cli.Start(["emulator", "--port", "0", "--seed", "7"]);
        try
        {
            var (url, printed) = await ReadBannerAsync(server);
            Assert.Contains("Username: " + ElementeEmulatorOptions.DefaultUsername, printed, StringComparison.Ordinal);
            Assert.Contains("Password: " + ElementeEmulatorOptions.DefaultPassword, printed, StringComparison.Ordinal);
            Assert.Equal("127.0.0.1", url.Host);

            var (code, output, error) = await RunPythonAsync(Script(), url.ToString(), ElementeEmulatorOptions.DefaultUsername, ElementeEmulatorOptions.DefaultPassword);

            Assert.True(code == 0, $"python exited {code}: {output}{error}");
            Assert.Contains("ok: queued -> ringing -> busy", output, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Emulator_PortTaken_SaysSoAndExits2()
    {
        await using var holder = new ElementeEmulator();
        var taken = await holder.StartServerAsync();

        var (code, _, error) = await Cli.RunChildAsync(["emulator", "--port", taken.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(2, code);
        Assert.Contains("port is taken", error, StringComparison.Ordinal);
    }

    /// <summary>Reads the server's first lines up to "Press Ctrl+C": its base URL and what it printed.</summary>
    private static async Task<(Uri Url, string Printed)> ReadBannerAsync(Process server)
    {
        var printed = new System.Text.StringBuilder();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await server.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            printed.AppendLine(line);
            if (line.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
            {
                var url = Regex.Match(printed.ToString(), @"listening on (\S+)").Groups[1].Value;
                return (new Uri(url), printed.ToString());
            }
        }

        throw new InvalidOperationException("The emulator exited before it was ready: " + printed + await server.StandardError.ReadToEndAsync());
    }

    private static Task<ProcessResult> RunPythonAsync(params string[] args) =>
        ProcessRun.RunAsync("python3", args, Environment.CurrentDirectory, TimeSpan.FromMinutes(3));

    /// <summary>The Python test, in the repository beside this file.</summary>
    private static string Script() => Path.Combine(
        typeof(EmulatorCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ElementeRepositoryRoot").Value!,
        "tests", "Elemente.Cli.Tests", "Emulator", "busy_call_test.py");
}
