using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

/// <summary>The acceptance cases: drift (and pull) against fixture docs served on 127.0.0.1.</summary>
public sealed class DriftCommandTests : DocsTestBase
{
    [Fact]
    public async Task Drift_Unchanged_ExitsZeroAndPullReproducesTheCommittedPage()
    {
        ServeCreateCall(Fixtures.CreateCallPage);

        var drift = await DriftAsync();
        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--pages", Folder.File("pulled"));

        Assert.Equal(0, drift.ExitCode);
        Assert.Contains("**No drift**", drift.Output);
        Assert.Equal(0, pull.ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Fixtures.PagesFolder, Fixtures.CreateCallFile)), File.ReadAllBytes(Path.Combine(Folder.File("pulled"), Fixtures.CreateCallFile)));
        Assert.Equal(["/llms.txt", Fixtures.CreateCallPath, "/llms.txt", Fixtures.CreateCallPath], Server.Requests);
    }

    [Fact]
    public async Task Drift_CapturedMirrorAgainstCommittedPages_ReportsNoDrift()
    {
        // The committed pages are what the captured docs publish: drift per page, whatever the number of pages.
        Server.ServeFolder(Fixtures.DocsFolder);
        var committed = SpecPages.Load(Fixtures.PagesFolder).Select(page => page.Source).ToHashSet();
        var captured = new[] { "calls/initiate-call.yaml", "calls/get-call.yaml" };

        var drift = await ToolRunner.RunAsync(
            "drift", "--docs-url", Server.Root.AbsoluteUri, "--canonical-url", "https://docs.elemente.ai", "--pages", Fixtures.PagesFolder,
            "--overlay", Fixtures.OverlayPath, "--timeout", "10");

        Assert.Equal(committed.SetEquals(captured) ? 0 : 1, drift.ExitCode);
        Assert.Contains("Upstream: https://docs.elemente.ai/llms.txt (2 API reference pages)", drift.Output);
        Assert.DoesNotContain("BREAKING", drift.Output);
    }

    [Theory]
    [InlineData("response property added", "non-breaking: added optional response property SanitisedFeedback.cost (POST /api/v1/calls)")]
    [InlineData("response property removed", "**BREAKING**: removed response property SanitisedFeedback.transcription (POST /api/v1/calls)")]
    [InlineData("response property retyped", "**BREAKING**: changed the type of response property SanitisedFeedback.duration: number → string (POST /api/v1/calls)")]
    [InlineData("request property made required", "**BREAKING**: made request property CreateInteractionInput.customerName required (POST /api/v1/calls)")]
    public async Task Drift_OneSchemaChange_ExitsOneNamingAndClassifyingIt(string scenario, string expected)
    {
        ServeCreateCall(ChangePage(scenario));

        var drift = await DriftAsync();

        Assert.Equal(1, drift.ExitCode);
        var changes = drift.Output.Split('\n').Where(line => line.StartsWith("- **BREAKING**", StringComparison.Ordinal) || line.StartsWith("- non-breaking", StringComparison.Ordinal)).ToList();
        var change = Assert.Single(changes);
        Assert.StartsWith("- " + expected + ": ", change);
        Assert.Equal(Fixtures.CreateCallYaml, File.ReadAllText(CreateCallFilePath));
        Assert.Equal(["calls/initiate-call.provenance.json", "calls/initiate-call.yaml"], PageFolderFiles());
    }

    [Fact]
    public async Task Drift_NamesFileEditedSinceTheCommit_ListsTheRenameUnderBreakingChanges()
    {
        var names = Folder.File(Path.Combine("names", "names.yaml"));
        Directory.CreateDirectory(Path.GetDirectoryName(names)!);
        File.Copy(Fixtures.Repo("openapi", "names.yaml"), names);
        await CommitAsync(Path.GetDirectoryName(names)!);
        File.WriteAllText(names, Fixtures.Edit(File.ReadAllText(names), ": Interaction\n", ": CallRecord\n"));
        ServeCreateCall(Fixtures.CreateCallPage);

        var drift = await DriftAsync("--names", names);

        Assert.Equal(1, drift.ExitCode);
        Assert.Contains("## Breaking changes (1)\n", drift.Output);
        Assert.Contains(
            "- **BREAKING**: renamed the type `Interaction` to `CallRecord` in openapi/names.yaml (`#/components/schemas/SanitisedFeedback`): code that names `Interaction` changes it to `CallRecord`",
            drift.Output);
        var json = JObject.Parse((await DriftAsync("--names", names, "--json")).Output);
        Assert.Equal(1, json["breaking"]!.Value<int>());
        Assert.Equal("renamed", json["changes"]![0]!["kind"]!.ToString());
    }

    [Fact]
    public async Task Drift_SummaryEdited_ReportsTheConventionsNameAndThatThePinnedOneIsKept()
    {
        ServeCreateCall(Fixtures.Edit(Fixtures.CreateCallPage, "summary: Create Call", "summary: Create a call"));

        var drift = await DriftAsync("--names", Fixtures.Repo("openapi", "names.yaml"));

        Assert.Equal(1, drift.ExitCode);
        Assert.Contains("## Public names\n", drift.Output);
        Assert.Contains("- the convention would rename `Calls.CreateAsync` to `Calls.CreateAAsync` (`POST /api/v1/calls`); kept `Calls.CreateAsync`\n", drift.Output);
        var json = JObject.Parse((await DriftAsync("--names", Fixtures.Repo("openapi", "names.yaml"), "--json")).Output);
        Assert.Equal(
            ["the convention would rename `Calls.CreateAsync` to `Calls.CreateAAsync` (`POST /api/v1/calls`); kept `Calls.CreateAsync`"],
            json["names"]!["wouldRename"]!.Values<string>());
    }

    [Fact]
    public async Task Drift_OnlyDocumentationChanged_ExitsOneListingWhatDiffers()
    {
        ServeCreateCall(Fixtures.Edit(Fixtures.CreateCallPage, "      summary: Create Call\n", "      summary: Start a call\n"));

        var drift = await DriftAsync();

        Assert.Equal(1, drift.ExitCode);
        Assert.Contains("**Drift: 0 changes (0 breaking, 0 changing code), 0 overlay actions to review.**", drift.Output);
        Assert.Contains("- `calls/initiate-call.yaml`: changed\n", drift.Output);
        Assert.Contains("## Other differences", drift.Output);
        Assert.Contains("- `$.paths['/api/v1/calls'].post.summary`\n", drift.Output);
        Assert.DoesNotContain("BREAKING", drift.Output);
    }

    [Fact]
    public async Task Drift_Json_ReportsEachChangeWithItsClass()
    {
        ServeCreateCall(ChangePage("response property removed"));

        var drift = await DriftAsync("--json");

        Assert.Equal(1, drift.ExitCode);
        var report = JObject.Parse(drift.Output);
        Assert.True(report.Value<bool>("drift"));
        var change = Assert.Single((JArray)report["changes"]!);
        Assert.Equal("property-removed", change.Value<string>("kind"));
        Assert.Equal("removed response property SanitisedFeedback.transcription", change.Value<string>("summary"));
        Assert.True(change.Value<bool>("breaking"));
        Assert.Equal("response", change.Value<string>("direction"));
        Assert.Equal(["POST /api/v1/calls"], change["operations"]!.Values<string>());
        Assert.NotEmpty((JArray)report["rules"]!);
    }

    [Fact]
    public async Task Drift_NewPageWithNewOperation_ExitsOneReportingItAdded()
    {
        Server.Serve("/llms.txt", Fixtures.Index(Server.Root + "api-reference/endpoint/calls/initiate-call", "/api-reference/endpoint/calls/get-call.md"));
        Server.Serve(Fixtures.CreateCallPath, Fixtures.CreateCallPage);
        Server.Serve(Fixtures.GetCallPath, Fixtures.GetCallPage());

        var drift = await DriftAsync();

        Assert.Equal(1, drift.ExitCode);
        Assert.Contains("- non-breaking: added GET /api/v1/calls/{id}: ", drift.Output);
        Assert.Contains("Upstream: " + Server.Root + "llms.txt (2 API reference pages)", drift.Output);
        Assert.DoesNotContain("BREAKING", drift.Output);
    }

    [Fact]
    public async Task Drift_PageRemoved_ExitsOneReportingTheOperationRemoved()
    {
        // The committed pages were pulled when the docs had two pages; now they list one.
        ServeCreateAndGetCall(Fixtures.GetCallPage());
        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--pages", PagesPath);
        Assert.Equal(0, pull.ExitCode);
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/endpoint/calls/initiate-call"));

        var drift = await DriftAsync();

        Assert.Equal(1, drift.ExitCode);
        Assert.Contains("- **BREAKING**: removed GET /api/v1/calls/{id}: ", drift.Output);
        Assert.Contains("- `calls/get-call.yaml`: no longer listed\n", drift.Output);
    }

    [Fact]
    public async Task Drift_TwoPagesDefineOneSchemaDifferently_ExitsTwoNamingBothPages()
    {
        ServeCreateAndGetCall(Fixtures.GetCallPage(document => ((JArray)document["components"]!["schemas"]!["SanitisedFeedback"]!["required"]!).RemoveAt(0)));

        var drift = await DriftAsync();

        Assert.Equal(2, drift.ExitCode);
        Assert.Equal("", drift.Output);
        Assert.Equal(
            $"error: upstream unreachable or unparseable: schema SanitisedFeedback is defined differently by {Server.Root}api-reference/endpoint/calls/get-call.md " +
            $"and {Server.Root}api-reference/endpoint/calls/initiate-call.md; the docs contradict themselves, so no spec can be merged\n",
            drift.Error);
    }

    [Fact]
    public async Task Drift_MalformedYaml_ExitsTwoNamingThePage()
    {
        ServeCreateCall(Fixtures.Edit(Fixtures.CreateCallPage, "  schemas:\n", "  schemas: {\n"));

        var drift = await DriftAsync();

        Assert.Equal(2, drift.ExitCode);
        Assert.StartsWith($"error: upstream unreachable or unparseable: {Server.Root}api-reference/endpoint/calls/initiate-call.md: not valid YAML", drift.Error);
    }

    [Fact]
    public async Task Drift_PageAnswers404_ExitsTwoNamingThePage()
    {
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/endpoint/calls/initiate-call", "/api-reference/endpoint/calls/get-call"));
        Server.Serve(Fixtures.CreateCallPath, Fixtures.CreateCallPage);

        var drift = await DriftAsync();

        Assert.Equal(2, drift.ExitCode);
        Assert.Equal($"error: upstream unreachable or unparseable: {Server.Root}api-reference/endpoint/calls/get-call.md: HTTP 404 Not Found\n", drift.Error);
    }

    [Fact]
    public async Task Drift_ServerNeverAnswers_ExitsTwoAfterTheTimeout()
    {
        using var silent = new SilentServer();

        var drift = await ToolRunner.RunAsync("drift", "--docs-url", silent.Root.AbsoluteUri, "--pages", PagesPath, "--overlay", Fixtures.OverlayPath, "--timeout", "1");

        Assert.Equal(2, drift.ExitCode);
        Assert.Equal($"error: upstream unreachable or unparseable: {silent.Root}llms.txt: no answer within 1 s (timeout)\n", drift.Error);
    }

    [Fact]
    public async Task Drift_UpstreamFixedQuirks_ReportsOverlayActionsNoLongerMatchingOrNeeded()
    {
        // Upstream drops AgentOverrideInput's required list and documents CreateInteractionInput as the overlay does.
        var page = Fixtures.Edit(
            Fixtures.CreateCallPage,
            "      required:\n        - imageURL\n        - language\n        - voiceStability\n        - voiceSpeed\n        - actions\n        - knowledgebases\n        - phone\n        - email\n",
            "");
        page = Fixtures.Edit(
            page,
            "    CreateInteractionInput:\n      type: object\n",
            "    CreateInteractionInput:\n      type: object\n      description: 'What to start: which agent and skill reach which customer, on which channel, with optional overrides.'\n");
        ServeCreateCall(page);

        var drift = await DriftAsync("--json");

        Assert.Equal(1, drift.ExitCode);
        var overlay = ((JArray)JObject.Parse(drift.Output)["overlay"]!).Select(finding => (finding.Value<int>("action"), finding.Value<string>("problem"))).ToList();
        Assert.Equal([(7, "matches-nothing"), (21, "changes-nothing")], overlay);
        var changes = ((JArray)JObject.Parse(drift.Output)["changes"]!).Select(change => (change.Value<string>("summary"), change.Value<bool>("breaking"))).ToList();
        Assert.Contains(("made request property AgentOverrideInput.imageURL optional", false), changes);
    }

    private static string ChangePage(string scenario) => scenario switch
    {
        "response property added" => Fixtures.Edit(
            Fixtures.CreateCallPage,
            "          example: https://example.com/recording.wav\n",
            "          example: https://example.com/recording.wav\n        cost:\n          type: number\n          description: Call cost\n"),
        "response property removed" => Fixtures.Edit(
            Fixtures.Edit(
                Fixtures.CreateCallPage,
                "        transcription:\n          type: string\n          description: Transcription\n          example: Hello, how can I help you?\n",
                ""),
            "        - transcription\n",
            ""),
        "response property retyped" => Fixtures.Edit(Fixtures.CreateCallPage, "        duration:\n          type: number\n", "        duration:\n          type: string\n"),
        "request property made required" => Fixtures.Edit(Fixtures.CreateCallPage, "        - customerOverride\n", "        - customerOverride\n        - customerName\n"),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
    };

    private Task<ToolResult> DriftAsync(params string[] extra) =>
        ToolRunner.RunAsync(["drift", "--docs-url", Server.Root.AbsoluteUri, "--pages", PagesPath, "--overlay", Fixtures.OverlayPath, "--timeout", "10", .. extra]);
}
