using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Elemente.Testing;

namespace Elemente.Cli.Tests;

/// <summary>Runs the CLI in this process (fast) or as a child process (for kills and signals), and makes test files.</summary>
internal static class Cli
{
    static Cli()
    {
        // In-process runs read the credentials from the environment, as the tool does; every test uses the same ones.
        Environment.SetEnvironmentVariable("ELEMENTE_USERNAME", ElementeEmulatorOptions.DefaultUsername);
        Environment.SetEnvironmentVariable("ELEMENTE_PASSWORD", ElementeEmulatorOptions.DefaultPassword);
    }

    public static string DllPath { get; } = Path.GetFullPath(typeof(Cli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ElementeCliDll").Value!);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ElementeCli.RunAsync(args, output, error, new StringReader(string.Empty));
        return (code, output.ToString(), error.ToString());
    }

    public static JsonElement Json(string output) => JsonDocument.Parse(output).RootElement;

    /// <summary>Starts the CLI as a child process (dotnet Elemente.Cli.dll ...), with the emulator's credentials.</summary>
    public static Process Start(IEnumerable<string> args, IDictionary<string, string?>? environment = null) => StartThrough([], args, environment);

    /// <summary>Starts the CLI as a child of <paramref name="wrapper"/> (a command that runs its remaining arguments).</summary>
    public static Process StartThrough(IEnumerable<string> wrapper, IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var through = wrapper.ToList();
        // Through env(1), which restores SIGINT's and SIGTERM's default handling: a test host may start its children with
        // them ignored, and .NET keeps a signal ignored that was ignored when the process started.
        var start = new ProcessStartInfo(through.Count > 0 ? through[0] : "env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var part in through.Skip(1).Concat(through.Count > 0 ? ["env"] : []))
        {
            start.ArgumentList.Add(part);
        }

        start.ArgumentList.Add("--default-signal=INT,TERM");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ELEMENTE_USERNAME"] = ElementeEmulatorOptions.DefaultUsername;
        start.Environment["ELEMENTE_PASSWORD"] = ElementeEmulatorOptions.DefaultPassword;
        start.Environment["DOTNET_TieredPGO"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs the CLI as a child to its end (killed if it takes longer than the timeout).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunChildAsync(IEnumerable<string> args, IDictionary<string, string?>? environment = null, string? stdin = null, TimeSpan? timeout = null)
    {
        using var process = Start(args, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the CLI did not finish: " + string.Join(' ', args));
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>A CSV of <paramref name="rows"/> contacts with distinct US phone numbers in national format.</summary>
    public static string Contacts(TempDir dir, int rows, string name = "contacts.csv", int firstNumber = 0)
    {
        var text = new StringBuilder("Phone,First name,Order\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(FormattableString.Invariant($"(215) 555-{firstNumber + i:0000},Customer {i},{10000 + i}\n"));
        }

        return dir.Write(name, text.ToString());
    }

    /// <summary>A loopback port nothing listens on.</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string E164(int i) => FormattableString.Invariant($"+1215555{i:0000}");

    /// <summary>An emulator served on 127.0.0.1, whose calls end quickly.</summary>
    public static async Task<(ElementeEmulator Emulator, Uri Url)> EmulatorAsync()
    {
        var emulator = new ElementeEmulator(new ElementeEmulatorOptions
        {
            QueuedFor = TimeSpan.FromMilliseconds(100),
            RingingFor = TimeSpan.FromMilliseconds(100),
            ConversationFor = TimeSpan.FromMilliseconds(100),
        });
        return (emulator, await emulator.StartServerAsync());
    }

    /// <summary>How many interactions the emulator created for each phone number.</summary>
    public static Dictionary<string, int> CreatesPerPhone(ElementeEmulator emulator) =>
        emulator.Interactions.GroupBy(i => i.PhoneNumber ?? i.Email ?? "").ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The creates the emulator received (answered or not).</summary>
    public static int Posts(ElementeEmulator emulator) => emulator.Requests.Count(r => r.Method == "POST");

    /// <summary>The arguments of a campaign run against the emulator's server.</summary>
    public static string[] Campaign(string csv, Uri url, string journal, params string[] more) =>
    [
        "campaign", "run", csv, "--agent", "agent-1", "--skill", "skill-1", "--channel", "call",
        .. more.Contains("--map") ? Array.Empty<string>() : ["--map", "phoneNumber=Phone,firstName=First name,field:Order ID=Order"],
        "--region", "US", "--journal", journal, "--base-url", url.ToString(), "--output", "json", .. more,
    ];
}

/// <summary>A temporary folder, removed at the end.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("elemente-cli-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The events of a journal file, as the tests read them (independently of the CLI's reader).</summary>
internal static class JournalFile
{
    public static List<JsonElement> Events(string path) =>
        System.IO.File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    /// <summary>Each row's last state, id and the run of its last sending mark.</summary>
    public static Dictionary<int, (string State, string? Id, int SendingRun)> Rows(string path)
    {
        var rows = new Dictionary<int, (string State, string? Id, int SendingRun)>();
        foreach (var e in Events(path))
        {
            if (!e.TryGetProperty("line", out var line))
            {
                continue;
            }

            var state = e.GetProperty("state").GetString()!;
            var previous = rows.GetValueOrDefault(line.GetInt32());
            var run = state == "sending" ? e.GetProperty("run").GetInt32() : previous.SendingRun;
            rows[line.GetInt32()] = (state, e.TryGetProperty("id", out var id) ? id.GetString() : null, run);
        }

        return rows;
    }
}

/// <summary>A test class with a temporary folder and an emulator served on 127.0.0.1, both new for each test.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    internal TempDir Dir { get; } = new();

    internal ElementeEmulator Emulator { get; private set; } = null!;

    internal Uri Url { get; private set; } = null!;

    public async Task InitializeAsync() => (Emulator, Url) = await Cli.EmulatorAsync();

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Dir.Dispose();
    }
}
