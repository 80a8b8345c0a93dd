using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Elemente.TestSupport;

namespace Elemente.ContractTests.Prism;

/// <summary>How Prism builds its responses.</summary>
internal enum PrismResponses
{
    /// <summary>From the spec's examples (static mode).</summary>
    Examples,

    /// <summary>Generated from the response schemas (<c>-d</c>, dynamic mode).</summary>
    SchemaGenerated,
}

/// <summary>
/// One Prism mock server on a free loopback port. Disposing it kills Prism's whole process tree; so does the end of
/// the test process, should a fixture never be disposed; and should the test process be killed outright, Prism sees
/// its stdin close and exits by itself.
/// </summary>
internal sealed class PrismServer : IAsyncDisposable
{
    private const int MaxLogLines = 400;
    private const int PortAttempts = 3;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log;
    private readonly EventHandler _killOnExit;
    private int _stopped;

    private PrismServer(Process process, ConcurrentQueue<string> log, Uri baseUri)
    {
        _process = process;
        _log = log;
        BaseUri = baseUri;
        _killOnExit = (_, _) => KillTree();
        AppDomain.CurrentDomain.ProcessExit += _killOnExit;
    }

    /// <summary>Where Prism listens, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The id of the Prism (node) process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts Prism on <paramref name="specPath"/> and returns once it answers HTTP.</summary>
    /// <param name="specPath">The OpenAPI document to mock.</param>
    /// <param name="responses">Examples (static) or schema-generated (dynamic) responses.</param>
    /// <param name="errors">Pass <c>--errors</c>: any request or response violation becomes an error response.</param>
    public static async Task<PrismServer> StartAsync(string specPath, PrismResponses responses, bool errors)
    {
        var cli = await PrismInstallation.GetCliAsync();
        for (var attempt = 1; ; attempt++)
        {
            // Another process may take the port between choosing it and Prism binding it: then try another.
            var port = FreeLoopbackPort();
            var log = new ConcurrentQueue<string>();
            var process = Launch(cli, specPath, port, responses, errors, log);
            var server = new PrismServer(process, log, new Uri($"http://127.0.0.1:{port}/"));
            try
            {
                await server.WaitUntilAnsweringAsync();
                return server;
            }
            catch (PrismExitedException) when (attempt < PortAttempts && server.RecentLog().Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Prism's most recent output lines (requests, validation errors), for failure messages.</summary>
    public string RecentLog() => string.Join(Environment.NewLine, _log);

    /// <summary>Kills Prism and its children, and waits for them to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _killOnExit;
        KillTree();
        using var deadline = new CancellationTokenSource(StopDeadline);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"Prism (pid {_process.Id}) did not exit within {StopDeadline} of being killed.");
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static Process Launch(string cli, string specPath, int port, PrismResponses responses, bool errors, ConcurrentQueue<string> log)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.ContractNpmProject,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Prism exits when our end of its stdin closes: nothing outlives a test process that is killed outright.
        start.ArgumentList.Add("--require");
        start.ArgumentList.Add(Path.Combine(RepoPaths.ContractNpmProject, "exit-with-parent.cjs"));
        start.ArgumentList.Add(cli);
        foreach (var arg in new[] { "mock", specPath, "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        if (responses == PrismResponses.SchemaGenerated)
        {
            // Random data for every response, with random extra properties (no --seed: it repeats one response).
            start.ArgumentList.Add("-d");
            start.ArgumentList.Add("--json-schema-faker-fillProperties");
        }

        if (errors)
        {
            start.ArgumentList.Add("--errors");
        }

        // Plain log lines, and no install-analytics call (the tests may reach loopback only).
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        start.Environment["SCARF_ANALYTICS"] = "false";

        var process = new Process { StartInfo = start };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            log.Enqueue(e.Data);
            while (log.Count > MaxLogLines && log.TryDequeue(out string? _))
            {
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start node for Prism.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                // Also waits until its output is read to the end, so the reason is in the log.
                await _process.WaitForExitAsync();
                throw new PrismExitedException($"Prism exited with code {_process.ExitCode} before answering on {BaseUri}. Its output:\n{RecentLog()}");
            }

            try
            {
                // Any HTTP answer (Prism says 404 for an unknown path) means it is listening.
                using var response = await probe.GetAsync(BaseUri);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (deadline.Elapsed > StartDeadline)
                {
                    throw new TimeoutException($"Prism did not answer on {BaseUri} within {StartDeadline}. Its output:\n{RecentLog()}");
                }

                await Task.Delay(200);
            }
        }
    }

    private void KillTree()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited in the meantime.
        }
    }

    private sealed class PrismExitedException(string message) : Exception(message);
}
