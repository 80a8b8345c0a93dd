using Newtonsoft.Json.Linq;

namespace Elemente.TestSupport;

/// <summary>What Redocly CLI's <c>lint</c> found: totals and each problem as <c>severity ruleId: message (pointer)</c>.</summary>
public sealed record LintResult(int Errors, int Warnings, IReadOnlyList<string> RuleIds, IReadOnlyList<string> Problems);

/// <summary>
/// Redocly CLI as pinned in tests/contract/package.json (beside Prism), installed there when missing
/// (<see cref="NpmTool"/>), then run with node. Every process it starts is ended before it returns, also on timeout.
/// </summary>
public static class RedoclyCli
{
    private static readonly TimeSpan LintTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<Task<string>> Cli = new(() => NpmTool.EnsureInstalledAsync(NpmTool.ContractProject, "@redocly/cli", "redocly"));

    /// <summary>Lints <paramref name="spec"/> with the recommended rules.</summary>
    public static async Task<LintResult> LintAsync(string spec)
    {
        var cli = await Cli.Value;
        // No telemetry, no update check: the tests use no network beyond 127.0.0.1.
        var environment = new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" };
        var (exitCode, stdout, stderr) = await ProcessRun.RunAsync("node", [cli, "lint", "--extends=recommended", "--format=json", spec], NpmTool.ContractProject, LintTimeout, environment);
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
}
