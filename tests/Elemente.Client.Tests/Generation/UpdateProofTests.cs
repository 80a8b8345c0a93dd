using Elemente.SpecTool;

namespace Elemente.Tests;

/// <summary>
/// Issue 20's acceptance: every change the README's drift-report table calls "not breaking" goes through `update` and
/// users' code still compiles. Each change is written as a docs site rendered from one spec publishes it: on every page
/// that carries the schema.
/// <list type="bullet">
/// <item><description>In every run (fast): all the changes at once. The drift report calls each one non-breaking, the
/// client generated from the changed pages compiles with the compatibility project's sources, and ApiCompat finds no
/// break between the client before and after: the report and ApiCompat agree.</description></item>
/// <item><description>In the scheduled workflow (slow, <c>ELEMENTE_UPDATE_PROOF=1</c>): each change alone, through the
/// real `update` in a temporary copy of the repository (the whole solution, the compatibility project, ApiCompat), then,
/// with the snapshot approved, every test of the copy passes.</description></item>
/// </list>
/// Two rows of the table have no instance in the committed pages: every response property is already required upstream,
/// and none is nullable. Their changes (<see cref="BaselineRows"/>) start from a baseline, a response property added as
/// optional and nullable on every page (<see cref="ResponseBaseline"/>), which the slow proof takes through `update` first.
/// </summary>
[Collection(SlowBuilds.Name)]
public class UpdateProofTests
{
    /// <summary>The environment variable that turns on the slow proofs (the scheduled workflow sets it).</summary>
    public const string SlowProofVariable = "ELEMENTE_UPDATE_PROOF";

    /// <summary>The non-breaking changes, each as edits applied to every page they match (each must match one at least).</summary>
    public static readonly IReadOnlyDictionary<string, (string Find, string Replace)[]> Rows = new Dictionary<string, (string, string)[]>
    {
        ["response property added"] =
        [
            ("        duration:\n          type: number\n", "        endedAt:\n          type: string\n          description: When the interaction ended\n        duration:\n          type: number\n"),
        ],
        ["request property added (optional)"] =
        [
            ("          example: customer@email.com\n      required:\n", "          example: customer@email.com\n        callbackUrl:\n          type: string\n          description: Where to send status updates\n      required:\n"),
        ],
        ["optional query parameter added"] =
        [
            ("      parameters: []\n", "      parameters:\n        - name: dryRun\n          in: query\n          required: false\n          schema:\n            type: boolean\n"),
        ],
        ["request property made optional"] = [("        - skillId\n        - customerOverride\n", "        - customerOverride\n")],
        ["request property made nullable"] =
        [
            ("          description: The customer's name to create a new customer\n", "          description: The customer's name to create a new customer\n          nullable: true\n"),
        ],
        ["request enum value added"] = [("            - webchat\n", "            - webchat\n            - voice\n")],
        ["error code added"] = [("        '500':\n", "        '409':\n          description: Conflict\n        '500':\n")],
        ["error code removed"] = [("        '404':\n          description: Call not found\n", "")],
        ["security removed"] = [("      security:\n        - basic: []\n", "")],
        ["example edited"] = [("          example: John Does\n", "          example: Jane Doe\n")],
        ["summary edited on every page"] = [("      summary: Create Call\n", "      summary: Create a call\n"), ("      summary: Get call\n", "      summary: Fetch a call transcript\n")],
    };

    /// <summary>A response property added as optional and nullable on every page that carries SanitisedFeedback: the state <see cref="BaselineRows"/> change.</summary>
    public static readonly (string Find, string Replace) ResponseBaseline =
        ("        duration:\n          type: number\n", "        hangupReason:\n          type: string\n          nullable: true\n          description: Why the interaction ended\n        duration:\n          type: number\n");

    /// <summary>The non-breaking changes the committed pages have no instance of, each made to <see cref="ResponseBaseline"/>'s property.</summary>
    public static readonly IReadOnlyDictionary<string, (string Find, string Replace)[]> BaselineRows = new Dictionary<string, (string, string)[]>
    {
        ["response property made required"] = [("        - messages\n        - duration\n", "        - messages\n        - duration\n        - hangupReason\n")],
        ["response property made non-nullable"] = [("          nullable: true\n          description: Why the interaction ended\n", "          description: Why the interaction ended\n")],
    };

    public static TheoryData<string> RowNames() => new(Rows.Keys.Concat(BaselineRows.Keys));

    [Fact]
    public async Task NonBreakingRows_AllAtOnce_ReportSaysNonBreakingCompatibilitySourcesCompileAndApiCompatAgrees()
    {
        using var temp = new TempFolder("elemente-proof-");
        var committed = Path.Combine(temp.Path, "committed");
        var changed = Path.Combine(temp.Path, "changed");
        GenerationShapesTests.CopyDirectory(Repository.File("openapi", "pages"), committed);
        GenerationShapesTests.CopyDirectory(Repository.File("openapi", "pages"), changed);
        // Both sides carry the baseline property, which the baseline rows change.
        Apply([ResponseBaseline], Directory.EnumerateFiles(committed, "*.yaml", SearchOption.AllDirectories));
        Apply([ResponseBaseline], Directory.EnumerateFiles(changed, "*.yaml", SearchOption.AllDirectories));
        foreach (var row in Rows.Keys.Concat(BaselineRows.Keys))
        {
            ApplyRow(row, Directory.EnumerateFiles(changed, "*.yaml", SearchOption.AllDirectories));
        }

        var changes = DriftDetector.Compare(SpecMerger.Merge(SpecPages.Load(committed)), SpecMerger.Merge(SpecPages.Load(changed)));
        Assert.NotEmpty(changes);
        Assert.All(changes, change => Assert.True(change.Impact == DriftImpact.NonBreaking, $"{change.Summary}: {change.Reason}"));

        var compatibility = Directory.EnumerateFiles(Repository.File("tests", "Elemente.Compatibility"), "*.cs").ToArray();
        var before = Path.Combine(temp.Path, "before", "Elemente.Client.dll");
        var after = Path.Combine(temp.Path, "after", "Elemente.Client.dll");
        foreach (var (pages, assembly) in new[] { (committed, before), (changed, after) })
        {
            var folder = Path.GetDirectoryName(assembly)!;
            Directory.CreateDirectory(folder);
            var code = await Generation.GenerateAsync(await Generation.EffectiveSpecAsync(pages, folder), folder);
            Generation.CompileToFile(assembly, code, compatibility);
        }

        var (apiCompat, log) = await ProcessRun.RunAsync("dotnet", new[] { "tool", "run", "apicompat", "-l", before, "-r", after }, Repository.Root, TimeSpan.FromMinutes(3));
        Assert.True(apiCompat == 0, "ApiCompat finds a break the drift report does not:\n" + log);
    }

    [SkippableSlowProofTheory]
    [MemberData(nameof(RowNames))]
    public async Task NonBreakingRow_ThroughUpdate_SolutionAndCompatibilityBuildAndWithTheSnapshotApprovedEveryTestPasses(string row)
    {
        using var temp = new TempFolder("elemente-proof-");
        var repository = Path.Combine(temp.Path, "repo");
        await EndToEndUpdateTests.CopyTrackedFilesAsync(repository);
        var prism = Repository.File("tests", "contract", "node_modules");
        if (Directory.Exists(prism))
        {
            // The contract tests' mock server, as installed for this checkout (no network in tests).
            Directory.CreateSymbolicLink(Path.Combine(repository, "tests", "contract", "node_modules"), prism);
        }

        // The docs as Elemente now publishes them, captured into the copy's mirror (tests/fixtures/docs) as a maintainer
        // refreshes it, so that the tests comparing the mirror with the committed pages see the same change.
        var docs = Path.Combine(repository, "tests", "fixtures", "docs");
        if (BaselineRows.ContainsKey(row))
        {
            // No instance in the committed pages: take the baseline (itself a non-breaking row) first, as a maintainer would have.
            Apply([ResponseBaseline], Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories));
            await UpdateAndApproveAsync(repository, docs, $"the baseline of '{row}'");
        }

        ApplyRow(row, Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories));
        await UpdateAndApproveAsync(repository, docs, row);

        // The copy is a repository too, with what update wrote committed, as the maintainer commits it: tests that copy the
        // repository read `git ls-files`, and the spec tool's tests of a names-file edit compare with the file at HEAD.
        string[] commit = ["-c", "user.name=update proof", "-c", "user.email=proof@localhost", "-c", "commit.gpgsign=false", "commit", "-q", "-m", row];
        foreach (var git in new[] { ["init", "-q"], ["add", "-A"], commit })
        {
            var (gitExit, gitLog) = await ProcessRun.RunAsync("git", git, repository, TimeSpan.FromMinutes(2));
            Assert.True(gitExit == 0, gitLog);
        }

        var (testExit, log) = await ProcessRun.RunAsync(
            "dotnet",
            // Every test of the solution: the client, its packages, the CLI, the contract tests and the spec tool's (which build
            // their cases on a frozen copy of the pages, tests/fixtures/scenario, so an update leaves them be).
            // Not these proofs themselves, nor the end-to-end update test: each copies the repository and runs update again.
            // --no-build: the binaries are those update built from these very sources (the whole solution, its step 4);
            // approving changed no compiled file (src/*/api/** is not compiled, Verify reads *.verified.* at run time).
            new[] { "test", "Elemente.Generated.sln", "--no-build", "--filter", "FullyQualifiedName!~UpdateProofTests&FullyQualifiedName!~EndToEndUpdateTests" },
            repository,
            TimeSpan.FromMinutes(60));
        Assert.True(testExit == 0, $"with the snapshot approved, the copy's tests fail after '{row}':\n{log[Math.Max(0, log.Length - 20000)..]}");
    }

    [SkippableSlowProofFact]
    public async Task ListPage_ThroughUpdate_AddsExactlyItsPageFilesAndNamesAndTheSolutionBuilds()
    {
        // Issue 20's list page: no operationId, inline enums channel and status, an object dateRange. Before pinned and
        // scoped names, the generated Elemente.Channel hid System.Threading.Channels.Channel in src/Elemente.Cli.
        using var temp = new TempFolder("elemente-proof-");
        var repository = Path.Combine(temp.Path, "repo");
        await EndToEndUpdateTests.CopyTrackedFilesAsync(repository);
        var before = Snapshot(repository);
        var docs = Path.Combine(temp.Path, "docs");
        GenerationShapesTests.CopyDirectory(Repository.File("tests", "fixtures", "docs"), docs);
        var yaml = string.Concat(File.ReadAllLines(Repository.File("tests", "fixtures", "names", "list-calls.yaml")).Where(line => !line.StartsWith('#')).Select(line => line + "\n"));
        File.WriteAllText(Path.Combine(docs, "api-reference", "endpoint", "calls", "list-calls.md"), $"# Get calls\n\n## OpenAPI\n\n````yaml get /api/v1/calls\n{yaml}````\n");
        File.AppendAllText(Path.Combine(docs, "llms.txt"), "- [Get calls](https://docs.elemente.ai/api-reference/endpoint/calls/list-calls.md)\n");
        await using var site = await EndToEndUpdateTests.StaticSite.StartAsync(docs);
        using var docsSite = new DocsSite(site.Root, TimeSpan.FromSeconds(30), new Uri("https://docs.elemente.ai/"));
        using var output = new StringWriter();

        var exit = await new SpecUpdater(new SpecPuller(docsSite), repository, output)
            .RunAsync(Path.Combine(repository, "openapi", "pages"), Path.Combine(repository, "openapi", "elemente.overlay.yaml"), CancellationToken.None);

        Assert.True(exit == 1, $"update exited {exit} (1: the public API grew):\n{output}");
        var after = Snapshot(repository);
        var changed = after.Keys.Union(before.Keys).Where(file => before.GetValueOrDefault(file) != after.GetValueOrDefault(file)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "openapi/names.yaml", "openapi/pages/calls/list-calls.provenance.json", "openapi/pages/calls/list-calls.yaml" }, changed.Where(file => !file.Contains(".received.", StringComparison.Ordinal)));
        var names = NamesFile.Load(Path.Combine(repository, "openapi", "names.yaml"));
        Assert.Equal(new OperationName("Calls", "List"), names.Operations["GET /api/v1/calls"]);
        Assert.Equal("ListCallsStatus", names.Schemas["#/paths/~1api~1v1~1calls/get/parameters/status/schema"]);
        Assert.Equal("ListCallsDateRange", names.Schemas["#/paths/~1api~1v1~1calls/get/parameters/dateRange/schema"]);
    }

    [SkippableSlowProofFact]
    public async Task BreakingChange_ThroughUpdate_ExitsNonZeroNamingTheMemberTheCompatibilityProjectUses()
    {
        // transcription removed from the response on every page: the compatibility project reads call.Transcription.
        using var temp = new TempFolder("elemente-proof-");
        var repository = Path.Combine(temp.Path, "repo");
        await EndToEndUpdateTests.CopyTrackedFilesAsync(repository);
        var docs = Path.Combine(temp.Path, "docs");
        GenerationShapesTests.CopyDirectory(Repository.File("tests", "fixtures", "docs"), docs);
        foreach (var page in Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(page);
            Assert.Contains("        transcription:\n          type: string\n          description: Transcription\n", text);
            File.WriteAllText(page, text.Replace("        transcription:\n          type: string\n          description: Transcription\n          example: Hello, how can I help you?\n", string.Empty, StringComparison.Ordinal).Replace("        - transcription\n", string.Empty, StringComparison.Ordinal));
        }

        await using var site = await EndToEndUpdateTests.StaticSite.StartAsync(docs);
        using var docsSite = new DocsSite(site.Root, TimeSpan.FromSeconds(30), new Uri("https://docs.elemente.ai/"));
        using var output = new StringWriter();

        var error = await Assert.ThrowsAsync<SpecToolException>(() => new SpecUpdater(new SpecPuller(docsSite), repository, output)
            .RunAsync(Path.Combine(repository, "openapi", "pages"), Path.Combine(repository, "openapi", "elemente.overlay.yaml"), CancellationToken.None));

        Assert.Contains("- **BREAKING**: removed response property SanitisedFeedback.transcription", output.ToString());
        Assert.StartsWith($"{SpecUpdater.CompatibilityProject} no longer compiles against the regenerated client, so the change breaks users' code: ", error.Message);
        Assert.Contains("does not contain a definition for 'Transcription'", error.Message);
    }

    // Every file's content hash, by path relative to the repository, leaving out build output.
    private static Dictionary<string, string> Snapshot(string repository) =>
        Directory.EnumerateFiles(repository, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(repository, file).Replace('\\', '/'))
            .Where(file => !file.Split('/').Any(part => part is "bin" or "obj" or "node_modules" or "TestResults"))
            .ToDictionary(file => file, file => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(repository, file)))), StringComparer.Ordinal);

    // Runs update over the copy's mirror and approves the public API listings and snapshots it changes.
    private static async Task UpdateAndApproveAsync(string repository, string docs, string what)
    {
        await using var site = await EndToEndUpdateTests.StaticSite.StartAsync(docs);
        using var docsSite = new DocsSite(site.Root, TimeSpan.FromSeconds(30), new Uri("https://docs.elemente.ai/"));
        using var output = new StringWriter();

        var exit = await new SpecUpdater(new SpecPuller(docsSite), repository, output)
            .RunAsync(Path.Combine(repository, "openapi", "pages"), Path.Combine(repository, "openapi", "elemente.overlay.yaml"), CancellationToken.None);

        Assert.True(exit is 0 or 1, $"update exited {exit} after {what}:\n{output}");
        Assert.Contains(exit == 0 ? "The public API is unchanged." : "The public API snapshot test failed.", output.ToString());
        // Approve: a public API listing (src/<Package>/api/<Package>.<tfm>.received.cs) replaces <Package>.<tfm>.cs.
        foreach (var received in Directory.EnumerateFiles(Path.Combine(repository, "src"), "*.received.cs", SearchOption.AllDirectories))
        {
            File.Move(received, received.Replace(".received.", ".", StringComparison.Ordinal), overwrite: true);
        }

        foreach (var received in Directory.EnumerateFiles(Path.Combine(repository, "tests", "Elemente.Client.Tests"), "*.received.*", SearchOption.AllDirectories))
        {
            File.Move(received, received.Replace(".received.", ".verified.", StringComparison.Ordinal), overwrite: true);
        }
    }

    // Applies a row's edits to every file they match; each edit must match one file at least.
    private static void ApplyRow(string row, IEnumerable<string> files) =>
        Apply(Rows.TryGetValue(row, out var edits) ? edits : BaselineRows[row], files, row);

    private static void Apply((string Find, string Replace)[] edits, IEnumerable<string> files, string row = "baseline")
    {
        var texts = files.ToDictionary(file => file, File.ReadAllText);
        foreach (var (find, replace) in edits)
        {
            var matched = texts.Keys.Where(file => texts[file].Contains(find, StringComparison.Ordinal)).ToList();
            Assert.True(matched.Count > 0, $"'{row}': '{find.Trim()}' is on no page");
            foreach (var file in matched)
            {
                texts[file] = texts[file].Replace(find, replace, StringComparison.Ordinal);
            }
        }

        foreach (var (file, text) in texts)
        {
            File.WriteAllText(file, text);
        }
    }
}

/// <summary>A fact that runs only when <see cref="UpdateProofTests.SlowProofVariable"/> is 1 (the scheduled workflow); skipped otherwise.</summary>
public sealed class SkippableSlowProofFactAttribute : FactAttribute
{
    public SkippableSlowProofFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(UpdateProofTests.SlowProofVariable) != "1")
        {
            Skip = SkippableSlowProofTheoryAttribute.Reason;
        }
    }
}

/// <summary>A theory that runs only when <see cref="UpdateProofTests.SlowProofVariable"/> is 1 (the scheduled workflow); skipped otherwise.</summary>
public sealed class SkippableSlowProofTheoryAttribute : TheoryAttribute
{
    internal static readonly string Reason =
        $"Slow: a full update and solution build in a copy of the repository. Set {UpdateProofTests.SlowProofVariable}=1 (.github/workflows/update-proof.yml does).";

    public SkippableSlowProofTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable(UpdateProofTests.SlowProofVariable) != "1")
        {
            Skip = Reason;
        }
    }
}
