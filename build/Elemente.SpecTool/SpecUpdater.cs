using System.Diagnostics;

namespace Elemente.SpecTool;

/// <summary>Runs a process to completion and returns its exit code (its output goes where the runner sends it).</summary>
public delegate Task<int> ProcessRunner(string fileName, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken);

/// <summary>
/// Takes a new upstream spec and proves what it does to users' code: pulls it, shows the drift report (with the public
/// names section), builds the client as it is, writes the new and changed pages with their provenance (and deletes the
/// pages the docs no longer list), records the names of new operations and schemas in openapi/names.yaml, builds the
/// compatibility project (a user's code written against today's API) and the whole solution, compares the client
/// assembly before and after with ApiCompat, and runs the public API snapshot test, whose failure output is the
/// public API diff the change causes.
/// </summary>
public sealed class SpecUpdater
{
    /// <summary>The test that compares the client's public API with its committed snapshot.</summary>
    public const string PublicApiTestFilter = "FullyQualifiedName~PublicApiTests";

    /// <summary>The compatibility project, relative to the repository root.</summary>
    public static readonly string CompatibilityProject = Path.Combine("tests", "Elemente.Compatibility", "Elemente.Compatibility.csproj");

    /// <summary>The client project, relative to the repository root.</summary>
    public static readonly string ClientProject = Path.Combine("src", "Elemente.Client", "Elemente.Client.csproj");

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

    /// <summary>The client's net8.0 assembly, as <c>dotnet build</c> of <see cref="ClientProject"/> writes it: what ApiCompat compares.</summary>
    public string ClientAssembly => Path.Combine(_repositoryRoot, "src", "Elemente.Client", "bin", "Debug", "net8.0", "Elemente.Client.dll");

    // The net8.0 client's effective spec (build/Elemente.Generation.targets), which the build regenerates when it is missing.
    private string EffectiveSpecFile => Path.Combine(_repositoryRoot, "src", "Elemente.Client", "obj", "Debug", "net8.0", "elemente.effective.json");

    /// <summary>Updates the pages with the repository's names file (openapi/names.yaml).</summary>
    public Task<int> RunAsync(string pagesFolder, string overlayPath, CancellationToken cancellationToken) =>
        RunAsync(pagesFolder, overlayPath, Path.Combine(_repositoryRoot, "openapi", "names.yaml"), cancellationToken);

    /// <summary>
    /// Updates the page files under <paramref name="pagesFolder"/> and the names file. Returns 0 when they were already
    /// current or the public API did not change, 1 when it changed (the diff is shown, and the new listing is left beside
    /// the old one as <c>src/&lt;Package&gt;/api/&lt;Package&gt;.&lt;tfm&gt;.received.cs</c>).
    /// </summary>
    /// <exception cref="SpecToolException">
    /// The pull failed; the new spec's names collide; the compatibility project (naming the members) or the solution no
    /// longer builds; or ApiCompat and the drift report disagree.
    /// </exception>
    public async Task<int> RunAsync(string pagesFolder, string overlayPath, string namesPath, CancellationToken cancellationToken)
    {
        var pulled = await _puller.PullAsync(cancellationToken).ConfigureAwait(false);
        var committed = SpecPages.LoadIfAny(pagesFolder);
        var overlayText = await File.ReadAllTextAsync(overlayPath, cancellationToken).ConfigureAwait(false);

        // The names file and overlay as committed: an edit of either since then renames, and the client as committed is
        // what ApiCompat compares with.
        var committedFiles = (Overlay: CommittedNaming.CommittedText(overlayPath), Names: CommittedNaming.CommittedText(namesPath));
        var committedNaming = CommittedNaming.Parse(committedFiles.Overlay, Path.GetFileName(overlayPath), committedFiles.Names, Path.GetFileName(namesPath));
        var namingEdited = committedNaming is not null &&
            (committedFiles.Overlay != overlayText || committedFiles.Names != (File.Exists(namesPath) ? await File.ReadAllTextAsync(namesPath, cancellationToken).ConfigureAwait(false) : null));
        if (!SpecPages.Compare(committed, pulled).Any && !namingEdited)
        {
            await _output.WriteLineAsync($"{pagesFolder} already holds what {pulled.Index} publishes: nothing to update.").ConfigureAwait(false);
            return 0;
        }

        DriftReport? report = null;
        if (committed.Count > 0)
        {
            var overlay = Overlay.Parse(overlayText, Path.GetFileName(overlayPath));
            report = DriftReport.Create(
                pulled, committed, Path.GetRelativePath(_repositoryRoot, pagesFolder).Replace('\\', '/'), overlay, NamesFile.Load(namesPath), committedNaming);
            await _output.WriteAsync(report.ToMarkdown()).ConfigureAwait(false);
            await _output.WriteLineAsync().ConfigureAwait(false);
        }

        var work = Directory.CreateTempSubdirectory("elemente-update-").FullName;
        try
        {
            var asCommitted = namingEdited ? (Path.GetFileName(overlayPath), committedFiles.Overlay!, committedFiles.Names!) : default((string, string, string)?);
            var before = report is null ? null : await BuildClientBeforeAsync(work, asCommitted, cancellationToken).ConfigureAwait(false);
            var written = SpecPages.Write(pulled, pagesFolder);
            foreach (var (files, what) in new[] { (written.Added, "Added"), (written.Changed, "Updated"), (written.Removed, "Deleted") })
            {
                foreach (var file in files)
                {
                    await _output.WriteLineAsync($"{what} {Path.Combine(pagesFolder, file)} and its provenance.").ConfigureAwait(false);
                }
            }

            var added = NamesRecorder.Record(SpecPages.Load(pagesFolder), overlayText, Path.GetFileName(overlayPath), namesPath);
            await _output.WriteLineAsync(added.Count == 0
                ? $"{NamesFile.RelativePath}: no new name."
                : $"Added to {NamesFile.RelativePath}, named by the convention: {string.Join(", ", added)}.").ConfigureAwait(false);

            await BuildCompatibilityProjectAsync(work, cancellationToken).ConfigureAwait(false);
            await _output.WriteLineAsync("Building the whole solution (Elemente.Generated.sln: src/, tests/, benchmarks/, the sample)...").ConfigureAwait(false);
            if (await _run("dotnet", ["build", "Elemente.Generated.sln"], _repositoryRoot, cancellationToken).ConfigureAwait(false) != 0)
            {
                throw new SpecToolException(
                    "The solution no longer builds from the new spec (errors above). Fix openapi/elemente.overlay.yaml (see the overlay actions " +
                    "in the report) or the hand-written code the errors point to, then run `dotnet build` again.");
            }

            if (before is not null)
            {
                await CompareAssembliesAsync(before, report!, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        var tests = Path.Combine("tests", "Elemente.Client.Tests");
        await _output.WriteLineAsync($"Comparing the public API with its snapshot ({tests}, {PublicApiTestFilter})...").ConfigureAwait(false);
        if (await _run("dotnet", ["test", tests, "--filter", PublicApiTestFilter], _repositoryRoot, cancellationToken).ConfigureAwait(false) == 0)
        {
            await _output.WriteLineAsync("The public API is unchanged. Review and commit the pages, their provenance and openapi/names.yaml.").ConfigureAwait(false);
            return 0;
        }

        await _output.WriteLineAsync(
            "The public API snapshot test failed. If its output above shows a diff, the public API changed: the new listing was " +
            "written beside the old one as src/<Package>/api/<Package>.<tfm>.received.cs; if the change is right, replace " +
            "src/<Package>/api/<Package>.<tfm>.cs with it and commit " +
            "(breaking changes need a major version). Otherwise the output above says what went wrong.").ConfigureAwait(false);
        return 1;
    }

    // The client before the pages change, the left side of ApiCompat's comparison: as it is, or, when the overlay or the
    // names file was edited since the commit, with them as committed (so that ApiCompat sees the rename the report lists).
    private async Task<string> BuildClientBeforeAsync(string work, (string OverlayName, string Overlay, string Names)? asCommitted, CancellationToken cancellationToken)
    {
        await _output.WriteLineAsync(asCommitted is null
            ? $"Building {ClientProject} as it is, to compare with after the change..."
            : $"Building {ClientProject} with the overlay and {NamesFile.RelativePath} as committed, to compare with after the change...").ConfigureAwait(false);
        List<string> arguments = ["build", ClientProject, "-f", "net8.0"];
        if (asCommitted is var (overlayName, overlay, names))
        {
            var folder = Path.Combine(work, "committed");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "names.yaml"), names);
            File.WriteAllText(Path.Combine(folder, overlayName), overlay);
            arguments.Add($"-p:ElementeNames={Path.Combine(folder, "names.yaml")}");
            arguments.Add($"-p:ElementeOverlay={Path.Combine(folder, overlayName)}");
        }

        if (await _run("dotnet", arguments, _repositoryRoot, cancellationToken).ConfigureAwait(false) != 0 || !File.Exists(ClientAssembly))
        {
            throw new SpecToolException($"{ClientProject} does not build before the change (errors above): fix that first, then run update again.");
        }

        var before = Path.Combine(work, "before", "Elemente.Client.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(before)!);
        File.Copy(ClientAssembly, before);
        if (asCommitted is not null && File.Exists(EffectiveSpecFile))
        {
            // Generated from the committed files, which are older than its output: the next build must generate it again.
            File.Delete(EffectiveSpecFile);
        }

        return before;
    }

    private async Task BuildCompatibilityProjectAsync(string work, CancellationToken cancellationToken)
    {
        await _output.WriteLineAsync($"Building {CompatibilityProject}: a user's code and test double written against today's public API...").ConfigureAwait(false);
        var log = Path.Combine(work, "compatibility-errors.log");
        if (await _run("dotnet", ["build", CompatibilityProject, $"-flp:LogFile={log};ErrorsOnly"], _repositoryRoot, cancellationToken).ConfigureAwait(false) == 0)
        {
            return;
        }

        var errors = File.Exists(log)
            ? File.ReadAllLines(log).Select(CompilerError).Where(error => error is not null).Distinct(StringComparer.Ordinal).ToList()
            : [];
        throw new SpecToolException(
            $"{CompatibilityProject} no longer compiles against the regenerated client, so the change breaks users' code" +
            (errors.Count == 0 ? " (errors above)" : ": " + string.Join("; ", errors)) +
            ". The drift report's verdict does not hold: fix the overlay or the names file so that the public API keeps these members, " +
            "or make it a breaking change (CHANGELOG.md, a major version) and change the compatibility project with it.");
    }

    // "/x/Usage.cs(42,31): error CS1061: 'CallsClient' does not contain ... [/x/p.csproj]" -> "Usage.cs(42,31): error CS1061: 'CallsClient' does not contain ..."
    private static string? CompilerError(string line)
    {
        var at = line.IndexOf(": error ", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var project = line.LastIndexOf(" [", StringComparison.Ordinal);
        var text = project > at ? line[..project] : line;
        var file = text.LastIndexOfAny(['/', '\\'], at);
        return text[(file + 1)..].Trim();
    }

    private async Task CompareAssembliesAsync(string before, DriftReport report, CancellationToken cancellationToken)
    {
        if (await _run("dotnet", ["tool", "restore"], _repositoryRoot, cancellationToken).ConfigureAwait(false) != 0)
        {
            throw new SpecToolException("`dotnet tool restore` failed (output above): ApiCompat (.config/dotnet-tools.json) is needed to compare the client before and after.");
        }

        await _output.WriteLineAsync("C#-level differences of the client assembly, before and after (ApiCompat, strict: additions too):").ConfigureAwait(false);
        await _run("dotnet", ["tool", "run", "apicompat", "--strict-mode", "-l", before, "-r", ClientAssembly], _repositoryRoot, cancellationToken).ConfigureAwait(false);
        await _output.WriteLineAsync("Breaking C#-level differences (ApiCompat):").ConfigureAwait(false);
        var breaks = await _run("dotnet", ["tool", "run", "apicompat", "-l", before, "-r", ClientAssembly], _repositoryRoot, cancellationToken).ConfigureAwait(false) != 0;
        var reportBreaks = report.BreakingCount + report.CodeChangeCount > 0;
        if (breaks && !reportBreaks)
        {
            throw new SpecToolException(
                "ApiCompat finds a breaking C#-level difference (above) in a change the drift report calls non-breaking. That disagreement " +
                "is a bug in the report's classifier or in the generator: do not take the change as non-breaking; report it.");
        }

        if (!breaks && report.CodeChangeCount > 0)
        {
            throw new SpecToolException(
                $"The drift report says code has to change ({report.CodeChangeCount} code change(s)), but ApiCompat finds no breaking C#-level " +
                "difference. That disagreement is a bug in the report's classifier or in the generator: report it.");
        }

        await _output.WriteLineAsync(breaks
            ? "ApiCompat and the drift report agree: the change breaks callers (a major version, and CHANGELOG.md says what callers change)."
            : "ApiCompat and the drift report agree: no breaking C#-level difference.").ConfigureAwait(false);
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
