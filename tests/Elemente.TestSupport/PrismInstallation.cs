namespace Elemente.TestSupport;

/// <summary>The Prism CLI pinned in tests/contract/package.json, installed there when missing (<see cref="NpmTool"/>).</summary>
public static class PrismInstallation
{
    // One install per test run, however many fixtures ask for it at the same time.
    private static readonly Lazy<Task<string>> Cli = new(() => NpmTool.EnsureInstalledAsync(NpmTool.ContractProject, "@stoplight/prism-cli", "prism"));

    /// <summary>The path of Prism's CLI script (run it with <c>node</c>).</summary>
    public static Task<string> GetCliAsync() => Cli.Value;
}
