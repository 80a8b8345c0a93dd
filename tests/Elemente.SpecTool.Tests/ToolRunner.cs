namespace Elemente.SpecTool.Tests;

/// <summary>What one in-process run of the tool returned and printed.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error);

/// <summary>Runs the tool's command line in-process, capturing its output.</summary>
internal static class ToolRunner
{
    public static Task<ToolResult> RunAsync(ProcessRunner? runner, params string[] args) => RunAsync(runner, null, args);

    /// <summary>Runs the tool with <paramref name="repositoryRoot"/> as the repository <c>update</c> builds in.</summary>
    public static async Task<ToolResult> RunAsync(ProcessRunner? runner, string? repositoryRoot, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = await new SpecToolCli(output, error, runner, repositoryRoot).InvokeAsync(args);
        return new ToolResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<ToolResult> RunAsync(params string[] args) => RunAsync(null, args);
}
