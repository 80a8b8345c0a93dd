namespace Elemente.SpecTool.Tests;

/// <summary>
/// <c>update</c>'s steps, with dotnet replaced by a recorder that plays the builds, ApiCompat and the snapshot test, in
/// a temporary repository root (the real proof, with real builds, is in tests/Elemente.Client.Tests: UpdateProofTests).
/// </summary>
public sealed class UpdateCommandTests : DocsTestBase
{
    private const string ListCallsPath = "/api-reference/endpoint/calls/list-calls.md";

    private readonly List<(string FileName, string[] Arguments, string WorkingDirectory)> _runs = [];

    public UpdateCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(Root, "openapi"));
        File.WriteAllText(Path.Combine(Root, "Elemente.Generated.sln"), string.Empty);
        File.Copy(Fixtures.Repo("openapi", "names.yaml"), NamesPath);
    }

    private string Root => Folder.File("repo");

    private string NamesPath => Path.Combine(Root, "openapi", "names.yaml");

    private string ClientAssembly => Path.Combine(Root, "src", "Elemente.Client", "bin", "Debug", "net8.0", "Elemente.Client.dll");

    /// <summary>What the recorded dotnet answers: exit codes by step, and the compatibility project's errors.</summary>
    private (int Test, int ApiCompat, int Compatibility, int Solution, string[] CompatibilityErrors) Answers { get; set; } = (0, 0, 0, 0, []);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    public async Task Update_ChangedPage_WritesItBuildsComparesAndRunsThePublicApiTest(int testExitCode, int expectedExitCode)
    {
        var page = Fixtures.Edit(Fixtures.CreateCallPage, "        duration:\n          type: number\n", "        duration:\n          type: integer\n");
        ServeCreateCall(page);
        Answers = Answers with { Test = testExitCode, ApiCompat = 1 };

        var update = await UpdateAsync();

        Assert.Equal(expectedExitCode, update.ExitCode);
        Assert.Equal(DocsPage.ExtractYaml(page, "page"), File.ReadAllText(CreateCallFilePath));
        var provenance = Provenance.Parse(File.ReadAllText(Provenance.PathFor(CreateCallFilePath)), "provenance");
        Assert.Equal(Provenance.Sha256Hex(File.ReadAllText(CreateCallFilePath)), provenance.Sha256);
        Assert.Contains("changed the type of response property SanitisedFeedback.duration: number → integer", update.Output);
        var client = Path.Combine("src", "Elemente.Client", "Elemente.Client.csproj");
        var compatibility = Path.Combine("tests", "Elemente.Compatibility", "Elemente.Compatibility.csproj");
        Assert.Equal(
            [
                $"dotnet build {client} -f net8.0",
                $"dotnet build {compatibility} -flp:LogFile=<work>/compatibility-errors.log;ErrorsOnly",
                "dotnet build Elemente.Generated.sln",
                "dotnet tool restore",
                "dotnet tool run apicompat --strict-mode -l <work>/before/Elemente.Client.dll -r <client>",
                "dotnet tool run apicompat -l <work>/before/Elemente.Client.dll -r <client>",
                $"dotnet test {Path.Combine("tests", "Elemente.Client.Tests")} --filter FullyQualifiedName~PublicApiTests",
            ],
            Steps());
        Assert.All(_runs, run => Assert.Equal(Root, run.WorkingDirectory));
        Assert.Contains("ApiCompat and the drift report agree: the change breaks callers", update.Output);
        Assert.Contains(expectedExitCode == 0 ? "The public API is unchanged." : "The public API snapshot test failed.", update.Output);
        if (expectedExitCode == 1)
        {
            // Where PublicApiTests keeps the listings and writes the received one.
            Assert.Contains("src/<Package>/api/<Package>.<tfm>.received.cs", update.Output);
        }
    }

    [Fact]
    public async Task Update_NewPage_AddsItsFilesAndChangesNoExistingFile()
    {
        ServeCreateAndGetCall(Fixtures.GetCallPage());
        var before = File.ReadAllBytes(CreateCallFilePath);
        var names = File.ReadAllBytes(NamesPath);
        Answers = Answers with { Test = 1 };

        var update = await UpdateAsync();

        Assert.Equal(1, update.ExitCode);
        Assert.Equal(["calls/get-call.provenance.json", "calls/get-call.yaml", "calls/initiate-call.provenance.json", "calls/initiate-call.yaml"], PageFolderFiles());
        Assert.Equal(before, File.ReadAllBytes(CreateCallFilePath));
        Assert.Equal(names, File.ReadAllBytes(NamesPath));
        Assert.Contains("- `calls/get-call.yaml`: new\n", update.Output);
        Assert.Contains("- non-breaking: added GET /api/v1/calls/{id}: ", update.Output);
        Assert.Contains($"Added {Path.Combine(PagesPath, "calls/get-call.yaml")} and its provenance.", update.Output);
        Assert.Contains("openapi/names.yaml: no new name.", update.Output);
        Assert.Contains("ApiCompat and the drift report agree: no breaking C#-level difference.", update.Output);
    }

    [Fact]
    public async Task Update_ListPage_AddsExactlyItsPageFilesAndNamesEntries()
    {
        var listPage = string.Concat(File.ReadAllLines(Fixtures.Repo("tests", "fixtures", "names", "list-calls.yaml")).Where(line => !line.StartsWith('#')).Select(line => line + "\n"));
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/endpoint/calls/initiate-call", "/api-reference/endpoint/calls/list-calls"));
        Server.Serve(Fixtures.CreateCallPath, Fixtures.CreateCallPage);
        Server.Serve(ListCallsPath, Fixtures.Page("Get calls", "get", "/api/v1/calls", listPage));
        var names = NamesFile.Load(NamesPath);

        var update = await UpdateAsync();

        Assert.Equal(0, update.ExitCode);
        Assert.Equal(["calls/initiate-call.provenance.json", "calls/initiate-call.yaml", "calls/list-calls.provenance.json", "calls/list-calls.yaml"], PageFolderFiles());
        var after = NamesFile.Load(NamesPath);
        Assert.Equal(names.Operations.Append(new("GET /api/v1/calls", new OperationName("Calls", "List"))).OrderBy(e => e.Key, StringComparer.Ordinal), after.Operations);
        Assert.Equal(
            names.Schemas
                .Append(new("#/paths/~1api~1v1~1calls/get/parameters/dateRange/schema", "ListCallsDateRange"))
                .Append(new("#/paths/~1api~1v1~1calls/get/parameters/status/schema", "ListCallsStatus"))
                .OrderBy(e => e.Key, StringComparer.Ordinal),
            after.Schemas);
        Assert.Contains("- new: `GET /api/v1/calls` is `Calls.ListAsync`\n", update.Output);
        Assert.Contains("- new: `#/paths/~1api~1v1~1calls/get/parameters/status/schema` is the type `ListCallsStatus`\n", update.Output);
    }

    [Fact]
    public async Task Update_SummaryEdited_KeepsTheNameAndTheReportShowsTheConventionsName()
    {
        ServeCreateCall(Fixtures.Edit(Fixtures.CreateCallPage, "summary: Create Call", "summary: Create a call"));
        var names = File.ReadAllBytes(NamesPath);

        var update = await UpdateAsync();

        Assert.Equal(0, update.ExitCode);
        Assert.Equal(names, File.ReadAllBytes(NamesPath));
        Assert.Contains("## Public names", update.Output);
        Assert.Contains("- the convention would rename `Calls.CreateAsync` to `Calls.CreateAAsync` (`POST /api/v1/calls`); kept `Calls.CreateAsync`\n", update.Output);
    }

    [Fact]
    public async Task Update_CompatibilityProjectNoLongerCompiles_ExitsTwoNamingTheMember()
    {
        ServeCreateCall(Fixtures.Edit(Fixtures.CreateCallPage, "summary: Create Call", "summary: Create a call"));
        Answers = Answers with
        {
            Compatibility = 1,
            CompatibilityErrors =
            [
                "/repo/tests/Elemente.Compatibility/Usage.cs(42,31): error CS1061: 'CallsClient' does not contain a definition for 'CreateAsync' [/repo/tests/Elemente.Compatibility/Elemente.Compatibility.csproj]",
                "/repo/tests/Elemente.Compatibility/Usage.cs(42,31): error CS1061: 'CallsClient' does not contain a definition for 'CreateAsync' [/repo/tests/Elemente.Compatibility/Elemente.Compatibility.csproj]",
            ],
        };

        var update = await UpdateAsync();

        Assert.Equal(2, update.ExitCode);
        Assert.StartsWith(
            $"error: {Path.Combine("tests", "Elemente.Compatibility", "Elemente.Compatibility.csproj")} no longer compiles against the regenerated client, so the change breaks users' code: " +
            "Usage.cs(42,31): error CS1061: 'CallsClient' does not contain a definition for 'CreateAsync'. ",
            update.Error);
        Assert.DoesNotContain(_runs, run => run.Arguments.Contains("Elemente.Generated.sln"));
    }

    [Fact]
    public async Task Update_ApiCompatFindsABreakTheReportDoesNot_ExitsTwoSayingTheyDisagree()
    {
        ServeCreateCall(Fixtures.Edit(Fixtures.CreateCallPage, "summary: Create Call", "summary: Create a call"));
        Answers = Answers with { ApiCompat = 1 };

        var update = await UpdateAsync();

        Assert.Equal(2, update.ExitCode);
        Assert.StartsWith("error: ApiCompat finds a breaking C#-level difference (above) in a change the drift report calls non-breaking.", update.Error);
        Assert.DoesNotContain(_runs, run => run.Arguments[0] == "test");
    }

    [Fact]
    public async Task Update_NamesFileEditedSinceTheCommit_ReportsTheRenameAsBreakingBuildsTheClientAsCommittedAndAgreesWithApiCompat()
    {
        await CommitAsync(Root);
        File.WriteAllText(NamesPath, Fixtures.Edit(File.ReadAllText(NamesPath), "    method: Create\n", "    method: Start\n"));
        ServeCreateCall(Fixtures.Edit(Fixtures.CreateCallPage, "summary: Create Call", "summary: Create a call"));
        Answers = Answers with { ApiCompat = 1 };

        var update = await UpdateAsync();

        Assert.True(update.ExitCode == 0, update.Output + update.Error);
        Assert.Contains("- **BREAKING**: renamed `Calls.CreateAsync` to `Calls.StartAsync` in openapi/names.yaml (POST /api/v1/calls): callers change", update.Output);
        Assert.Contains("ApiCompat and the drift report agree: the change breaks callers", update.Output);
        // The left side of ApiCompat is the client as committed: built with the committed names file and overlay.
        Assert.Equal(
            $"dotnet build {Path.Combine("src", "Elemente.Client", "Elemente.Client.csproj")} -f net8.0 -p:ElementeNames=<work>/committed/names.yaml -p:ElementeOverlay=<work>/committed/elemente.overlay.yaml",
            Steps()[0]);
        Assert.Contains("    method: Start\n", File.ReadAllText(NamesPath));
    }

    [Fact]
    public async Task Update_PagesCurrentButNamesFileEditedSinceTheCommit_ProvesTheRename()
    {
        await CommitAsync(Root);
        File.WriteAllText(NamesPath, Fixtures.Edit(File.ReadAllText(NamesPath), ": Interaction\n", ": CallRecord\n"));
        ServeCreateCall(Fixtures.CreateCallPage);
        Answers = Answers with { ApiCompat = 1, Test = 1 };

        var update = await UpdateAsync();

        Assert.True(update.ExitCode == 1, update.Output + update.Error);
        Assert.Contains("- **BREAKING**: renamed the type `Interaction` to `CallRecord` in openapi/names.yaml", update.Output);
        Assert.Contains("ApiCompat and the drift report agree: the change breaks callers", update.Output);
        Assert.Equal(["calls/initiate-call.provenance.json", "calls/initiate-call.yaml"], PageFolderFiles());
    }

    [Fact]
    public async Task Update_PagesAlreadyCurrent_RunsNothing()
    {
        ServeCreateCall(Fixtures.CreateCallPage);

        var update = await UpdateAsync();

        Assert.Equal(0, update.ExitCode);
        Assert.Empty(_runs);
        Assert.Contains("nothing to update", update.Output);
        Assert.Equal(["calls/initiate-call.provenance.json", "calls/initiate-call.yaml"], PageFolderFiles());
    }

    [Fact]
    public async Task Update_SolutionNoLongerBuilds_ExitsTwoAfterWritingThePages()
    {
        ServeCreateCall(Fixtures.Edit(Fixtures.CreateCallPage, "        duration:\n          type: number\n", "        duration:\n          type: integer\n"));
        Answers = Answers with { Solution = 1 };

        var update = await UpdateAsync();

        Assert.Equal(2, update.ExitCode);
        Assert.Equal("dotnet build Elemente.Generated.sln", Steps()[^1]);
        Assert.Contains("type: integer", File.ReadAllText(CreateCallFilePath));
        Assert.StartsWith("error: The solution no longer builds from the new spec (errors above).", update.Error);
    }

    [Fact]
    public async Task Update_UpstreamUnreachable_TouchesNothing()
    {
        using var silent = new SilentServer();

        var update = await ToolRunner.RunAsync(Record, Root, "update", "--docs-url", silent.Root.AbsoluteUri, "--pages", PagesPath, "--overlay", Fixtures.OverlayPath, "--names", NamesPath, "--timeout", "1");

        Assert.Equal(2, update.ExitCode);
        Assert.Empty(_runs);
        Assert.Equal(Fixtures.CreateCallYaml, File.ReadAllText(CreateCallFilePath));
        Assert.Equal(["calls/initiate-call.provenance.json", "calls/initiate-call.yaml"], PageFolderFiles());
    }

    private Task<ToolResult> UpdateAsync() =>
        ToolRunner.RunAsync(Record, Root, "update", "--docs-url", Server.Root.AbsoluteUri, "--pages", PagesPath, "--overlay", Fixtures.OverlayPath, "--names", NamesPath, "--timeout", "10");

    // The steps, with the temporary work folder and the client assembly's path named.
    private List<string> Steps() => _runs
        .Select(run => $"{run.FileName} {string.Join(' ', run.Arguments)}")
        .Select(step => step.Replace(ClientAssembly, "<client>", StringComparison.Ordinal))
        .Select(step => System.Text.RegularExpressions.Regex.Replace(step, @"(/|\\)[^ =]*elemente-update-[^/\\ ]*", "<work>").Replace('\\', '/'))
        .ToList();

    private Task<int> Record(string fileName, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        _runs.Add((fileName, arguments.ToArray(), workingDirectory));
        var step = string.Join(' ', arguments);
        var exitCode = 0;
        if (step.StartsWith("build " + Path.Combine("src", "Elemente.Client"), StringComparison.Ordinal) || step == "build Elemente.Generated.sln")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(ClientAssembly)!);
            File.WriteAllText(ClientAssembly, step);
            exitCode = step.Contains(".sln", StringComparison.Ordinal) ? Answers.Solution : 0;
        }
        else if (step.Contains("Elemente.Compatibility", StringComparison.Ordinal))
        {
            var log = arguments.Single(argument => argument.StartsWith("-flp:LogFile=", StringComparison.Ordinal))["-flp:LogFile=".Length..].Split(';')[0];
            File.WriteAllLines(log, Answers.CompatibilityErrors);
            exitCode = Answers.Compatibility;
        }
        else if (step.StartsWith("tool run apicompat -l", StringComparison.Ordinal))
        {
            exitCode = Answers.ApiCompat;
        }
        else if (arguments[0] == "test")
        {
            exitCode = Answers.Test;
        }

        return Task.FromResult(exitCode);
    }
}
