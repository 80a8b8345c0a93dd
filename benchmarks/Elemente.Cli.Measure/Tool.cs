using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

/// <summary>Runs the elemente tool as users do: <c>dotnet Elemente.Cli.dll</c>, a child process.</summary>
internal static class Tool
{
    /// <summary>The tool's Elemente.Cli.dll, built with this project.</summary>
    public static readonly string Cli = Path.GetFullPath(typeof(Tool).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ElementeCliDll").Value!);

    /// <summary>Runs the tool to its end; its JSON output (--output json) and the wall time. Throws unless it exits 0.</summary>
    public static async Task<(JsonElement Result, TimeSpan Wall)> RunAsync(string[] args, Dictionary<string, string>? env)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env ?? [])
        {
            start.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wall = watch.Elapsed;
        Check(process.ExitCode == 0, $"elemente exited {process.ExitCode}: {await error}");
        return (JsonDocument.Parse(await output).RootElement.Clone(), wall);
    }

    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
