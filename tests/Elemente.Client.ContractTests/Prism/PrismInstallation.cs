using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Elemente.ContractTests.Prism;

/// <summary>
/// Finds the Prism CLI pinned in tests/contract/package.json, running <c>npm ci</c> there first when it is missing or
/// another version is installed, so the tests also run on a clean clone without a separate install step.
/// </summary>
internal static class PrismInstallation
{
    private const string CliPackage = "@stoplight/prism-cli";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    // One install per test run, however many fixtures ask for it at the same time.
    private static readonly Lazy<Task<string>> Cli = new(EnsureInstalledAsync);

    /// <summary>The path of Prism's CLI script (run it with <c>node</c>).</summary>
    public static Task<string> GetCliAsync() => Cli.Value;

    private static async Task<string> EnsureInstalledAsync()
    {
        var project = RepoPaths.ContractNpmProject;
        var pinned = (string?)JObject.Parse(await File.ReadAllTextAsync(Path.Combine(project, "package.json")))["devDependencies"]?[CliPackage]
            ?? throw new InvalidOperationException($"{project}/package.json does not pin {CliPackage}.");
        var packageDir = Path.Combine(project, "node_modules", "@stoplight", "prism-cli");
        var bin = Path.Combine(project, "node_modules", ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism");

        if (!File.Exists(bin) || InstalledVersion(packageDir) != pinned)
        {
            await RunNpmCiAsync(project);
        }

        var installed = InstalledVersion(packageDir);
        if (installed != pinned)
        {
            throw new InvalidOperationException($"npm ci in {project} left {CliPackage} at '{installed ?? "(missing)"}', not the pinned {pinned}.");
        }

        var script = (string?)JObject.Parse(await File.ReadAllTextAsync(Path.Combine(packageDir, "package.json")))["bin"]?["prism"]
            ?? throw new InvalidOperationException($"{CliPackage} {installed} declares no 'prism' bin.");
        return Path.GetFullPath(Path.Combine(packageDir, script));
    }

    private static string? InstalledVersion(string packageDir)
    {
        var manifest = Path.Combine(packageDir, "package.json");
        return File.Exists(manifest) ? (string?)JObject.Parse(File.ReadAllText(manifest))["version"] : null;
    }

    private static async Task RunNpmCiAsync(string project)
    {
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No install scripts: Prism needs none, and the only one is an analytics call (@scarf/scarf).
        foreach (var arg in new[] { "ci", "--ignore-scripts", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(arg);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm.");
        var stdout = npm.StandardOutput.ReadToEndAsync();
        var stderr = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        try
        {
            await npm.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            await npm.WaitForExitAsync();
            throw new InvalidOperationException($"npm ci in {project} did not finish within {InstallTimeout}; it was stopped.");
        }

        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {project} failed (exit {npm.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }
}
