using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Elemente.Testing;

namespace Elemente.Cli;

/// <summary>
/// <c>elemente emulator [--port N] [--seed S]</c>: the emulator (Elemente.Client.Testing) as a standalone HTTP server on
/// 127.0.0.1, like stripe-mock, for tests in any language. It prints the base URL, the credentials it accepts and its
/// control surface (<c>/__emulator</c>), then serves until Ctrl+C or SIGTERM. Calls live on the system clock with the
/// emulator's default timings.
/// </summary>
internal static class EmulatorCommand
{
    private const int Stopped = 0;
    private const int BadInput = 2;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var port = new Option<int>("--port") { Description = "The port to listen on, on 127.0.0.1; 0 (the default) picks a free one." };
        var seed = new Option<int?>("--seed") { Description = "Makes the interaction ids and the latency jitter repeatable." };
        var command = new Command("emulator", "Serve the Elemente API emulator on 127.0.0.1 for tests in any language; Ctrl+C stops it.") { port, seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ElementeEmulatorOptions { ServerPort = parse.GetValue(port), Seed = parse.GetValue(seed) };
            if (options.ServerPort is < 0 or > 65535)
            {
                await error.WriteLineAsync("error: --port must be 0 to 65535.").ConfigureAwait(false);
                return BadInput;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
            await using var emulator = new ElementeEmulator(options);
            Uri url;
            try
            {
                url = await emulator.StartServerAsync(stop.Token).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                await error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                return BadInput;
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Elemente emulator listening on {url}")).ConfigureAwait(false);
            await output.WriteLineAsync("Username: " + emulator.Username).ConfigureAwait(false);
            await output.WriteLineAsync("Password: " + emulator.Password).ConfigureAwait(false);
            await output.WriteLineAsync($"Control:  {url}__emulator (scripts, faults, reset, interactions, requests)").ConfigureAwait(false);
            await output.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return Stopped;
        });
        return command;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
