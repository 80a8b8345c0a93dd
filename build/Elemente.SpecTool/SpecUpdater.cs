using System.Diagnostics;

namespace Elemente.SpecTool;

/// <summary>Runs a process to completion and returns its exit code (its output goes where the runner sends it).</summary>
public delegate Task<int> ProcessRunner(string fileName, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken);

/// <summary>
/// Takes a new upstream spec: pulls it, shows the drift report, writes the new and changed pages with their provenance
/// (and deletes the pages the docs no longer list), rebuilds the client and runs the public API snapshot test, whose
/// failure output is the public API diff the change causes.
/// </summary>
public sealed class SpecUpdater
{
    /// <summary>The test that compares the client's public API with its committed snapshot.</summary>
    public const string PublicApiTestFilter = "FullyQualifiedName~PublicApiTests";

    private readonly SpecPuller _puller;
    private readonly string _repositoryRoot;
    private readonly TextWriter _output;
    private readonly ProcessRunner _run;

    /// <summary>Creates an updater.</summary>
    /// <param name="puller">Pulls the spec from the docs.</param>
    /// <param name="repositoryRoot">The repository root, where dotnet runs.</param>
    /// <param name="output">Where progress and the drift report go.</param>
    /// <param name="run">Runs dotnet; by default a child process sharing this one's console.</param>
    public SpecUpdater(SpecPuller puller, string repositoryRoot, TextWriter output, ProcessRunner? run = null)
    {
        _puller = puller;
        _repositoryRoot = repositoryRoot;
        _output = output;
        _run = run ?? RunProcessAsync;
    }

    /// <summary>
    /// Updates the page files under <paramref name="pagesFolder"/>. Returns 0 when they were already current or the
    /// public API did not change, 1 when it changed (the diff is shown, and the new snapshot is left as <c>*.received.txt</c>).
    /// </summary>
    /// <exception cref="SpecToolException">The pull failed, or the client no longer builds.</exception>
    public async Task<int> RunAsync(string pagesFolder, string overlayPath, CancellationToken cancellationToken)
    {
        var pulled = await _puller.PullAsync(cancellationToken).ConfigureAwait(false);
        var committed = SpecPages.LoadIfAny(pagesFolder);
        if (!SpecPages.Compare(committed, pulled).Any)
        {
            await _output.WriteLineAsync($"{pagesFolder} already holds what {pulled.Index} publishes: nothing to update.").ConfigureAwait(false);
            return 0;
        }

        if (committed.Count > 0)
        {
            var overlay = Overlay.Parse(await File.ReadAllTextAsync(overlayPath, cancellationToken).ConfigureAwait(false), Path.GetFileName(overlayPath));
            await _output.WriteAsync(DriftReport.Create(pulled, committed, Path.GetRelativePath(_repositoryRoot, pagesFolder).Replace('\\', '/'), overlay).ToMarkdown()).ConfigureAwait(false);
            await _output.WriteLineAsync().ConfigureAwait(false);
        }

        var written = SpecPages.Write(pulled, pagesFolder);
        foreach (var (files, what) in new[] { (written.Added, "Added"), (written.Changed, "Updated"), (written.Removed, "Deleted") })
        {
            foreach (var file in files)
            {
                await _output.WriteLineAsync($"{what} {Path.Combine(pagesFolder, file)} and its provenance.").ConfigureAwait(false);
            }
        }

        var project = Path.Combine("src", "Elemente.Client", "Elemente.Client.csproj");
        await _output.WriteLineAsync($"Rebuilding {project}...").ConfigureAwait(false);
        if (await _run("dotnet", ["build", project], _repositoryRoot, cancellationToken).ConfigureAwait(false) != 0)
        {
            throw new SpecToolException(
                $"{project} no longer builds from the new spec (errors above). Fix openapi/elemente.overlay.yaml (see the overlay actions " +
                "in the report) or the hand-written code the errors point to, then run `dotnet build` again.");
        }

        var tests = Path.Combine("tests", "Elemente.Client.Tests");
        await _output.WriteLineAsync($"Comparing the public API with its snapshot ({tests}, {PublicApiTestFilter})...").ConfigureAwait(false);
        if (await _run("dotnet", ["test", tests, "--filter", PublicApiTestFilter], _repositoryRoot, cancellationToken).ConfigureAwait(false) == 0)
        {
            await _output.WriteLineAsync("The public API is unchanged. Review and commit the pages and their provenance.").ConfigureAwait(false);
            return 0;
        }

        await _output.WriteLineAsync(
            "The public API snapshot test failed. If its output above shows a diff, the public API changed: the new snapshot was " +
            "written beside the old one as *.received.txt; if the change is right, replace the *.verified.txt file with it and commit " +
            "(breaking changes need a major version). Otherwise the output above says what went wrong.").ConfigureAwait(false);
        return 1;
    }

    private static async Task<int> RunProcessAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new SpecToolException($"Could not start {fileName}");
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }
}
