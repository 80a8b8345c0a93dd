using Newtonsoft.Json.Linq;

namespace Elemente.TestSupport;

/// <summary>
/// A command-line tool pinned in an npm project's package.json (tests/contract holds Prism and Redocly CLI), installed
/// by <c>npm ci --ignore-scripts</c> there when it is missing or at another version, so the tests also run on a clean
/// clone without a separate install step. No install scripts run: the tools need none (Prism's only one is an
/// analytics call, @scarf/scarf).
/// </summary>
public static class NpmTool
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    // One npm ci at a time: two tools of the same project asked for at once would otherwise install over each other.
    private static readonly SemaphoreSlim Installing = new(1, 1);

    /// <summary>The npm project that pins the tests' tools, tests/contract.</summary>
    public static string ContractProject => RepositoryRoot.File("tests", "contract");

    /// <summary>
    /// Installs <paramref name="package"/> as pinned in <paramref name="project"/>'s package.json when needed and returns
    /// the full path of its <paramref name="bin"/> script (run it with <c>node</c>).
    /// </summary>
    public static async Task<string> EnsureInstalledAsync(string project, string package, string bin)
    {
        var pinned = (string?)JObject.Parse(await File.ReadAllTextAsync(Path.Combine(project, "package.json")))["devDependencies"]?[package]
            ?? throw new InvalidOperationException($"{project}/package.json does not pin {package}.");
        var packageDir = Path.Combine([project, "node_modules", .. package.Split('/')]);

        await Installing.WaitAsync();
        try
        {
            if (InstalledVersion(packageDir) != pinned)
            {
                var npm = await ProcessRun.RunAsync(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], project, InstallTimeout);
                if (npm.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {project} failed (exit {npm.ExitCode}):\n{npm.Output}");
                }
            }
        }
        finally
        {
            Installing.Release();
        }

        var installed = InstalledVersion(packageDir);
        if (installed != pinned)
        {
            throw new InvalidOperationException($"npm ci in {project} left {package} at '{installed ?? "(missing)"}', not the pinned {pinned}.");
        }

        var script = (string?)JObject.Parse(await File.ReadAllTextAsync(Path.Combine(packageDir, "package.json")))["bin"]?[bin]
            ?? throw new InvalidOperationException($"{package} {installed} declares no '{bin}' bin.");
        return Path.GetFullPath(Path.Combine(packageDir, script));
    }

    private static string? InstalledVersion(string packageDir)
    {
        var manifest = Path.Combine(packageDir, "package.json");
        return File.Exists(manifest) ? (string?)JObject.Parse(File.ReadAllText(manifest))["version"] : null;
    }
}
