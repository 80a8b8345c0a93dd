using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

/// <summary>What Redocly CLI's <c>lint</c> found: totals and each problem as <c>severity ruleId: message (pointer)</c>.</summary>
internal sealed record LintResult(int Errors, int Warnings, IReadOnlyList<string> RuleIds, IReadOnlyList<string> Problems);

/// <summary>
/// Redocly CLI as pinned in tests/contract/package.json (beside Prism), found the way the contract tests find Prism:
/// installed by <c>npm ci --ignore-scripts</c> there when missing or at another version, then run with node. Every
/// process it starts is ended before it returns, also on timeout.
/// </summary>
internal static class RedoclyCli
{
    private const string Package = "@redocly/cli";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LintTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<Task<string>> Cli = new(EnsureInstalledAsync);

    private static string Project => Fixtures.Repo("tests", "contract");

    /// <summary>Lints <paramref name="spec"/> with the recommended rules.</summary>
    public static async Task<LintResult> LintAsync(string spec)
    {
        var cli = await Cli.Value;
        var (exitCode, stdout, stderr) = await RunAsync("node", [cli, "lint", "--extends=recommended", "--format=json", spec], LintTimeout);
        var start = stdout.IndexOf('{');
        if (start < 0)
        {
            throw new InvalidOperationException($"redocly lint exited {exitCode} without a JSON report.\n{stderr}");
        }

        var report = JObject.Parse(stdout.Substring(start));
        var problems = ((JArray)report["problems"]!).ToList();
        return new LintResult(
            report["totals"]!.Value<int>("errors"),
            report["totals"]!.Value<int>("warnings"),
            problems.Select(problem => problem.Value<string>("ruleId")!).ToList(),
            problems.Select(problem => $"{problem["severity"]} {problem["ruleId"]}: {problem["message"]} ({problem["location"]?[0]?["pointer"]})").ToList());
    }

    private static async Task<string> EnsureInstalledAsync()
    {
        var pinned = (string?)JObject.Parse(await File.ReadAllTextAsync(Path.Combine(Project, "package.json")))["devDependencies"]?[Package]
            ?? throw new InvalidOperationException($"{Project}/package.json does not pin {Package}.");
        var packageDir = Path.Combine(Project, "node_modules", "@redocly", "cli");
        if (InstalledVersion(packageDir) != pinned)
        {
            var (exitCode, _, stderr) = await RunAsync(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], InstallTimeout);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {Project} failed ({exitCode}):\n{stderr}");
            }
        }

        var installed = InstalledVersion(packageDir);
        if (installed != pinned)
        {
            throw new InvalidOperationException($"npm ci in {Project} left {Package} at '{installed ?? "(missing)"}', not the pinned {pinned}.");
        }

        var script = (string?)JObject.Parse(await File.ReadAllTextAsync(Path.Combine(packageDir, "package.json")))["bin"]?["redocly"]
            ?? throw new InvalidOperationException($"{Package} {installed} declares no 'redocly' bin.");
        return Path.GetFullPath(Path.Combine(packageDir, script));
    }

    private static string? InstalledVersion(string packageDir)
    {
        var manifest = Path.Combine(packageDir, "package.json");
        return File.Exists(manifest) ? (string?)JObject.Parse(File.ReadAllText(manifest))["version"] : null;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string fileName, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, no update check: the tests use no network beyond 127.0.0.1.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
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
            await process.WaitForExitAsync();
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}; it was stopped.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
