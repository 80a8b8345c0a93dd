using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

/// <summary>The spec tool takes in the shapes of every documented operation (synthetic pages under tests/fixtures/synthetic-docs).</summary>
public sealed class SyntheticDocsTests : DocsTestBase
{
    private static readonly string[] AllPages =
    [
        "agents/create-agent.yaml", "agents/get-agent.yaml", "agents/update-agent.yaml",
        "calls/get-call.yaml", "calls/initiate-call.yaml", "calls/list-calls.yaml", "calls/update-call.yaml",
        "knowledgebase/create-knowledgebase.yaml",
    ];

    [Fact]
    public async Task Pull_SyntheticDocs_WritesOneFileAndProvenancePerPage()
    {
        SyntheticDocs.Serve(Server);

        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--canonical-url", "https://docs.elemente.ai", "--pages", PagesPath);

        Assert.Equal(0, pull.ExitCode);
        Assert.Contains("7 new, 0 changed, 0 deleted, 1 unchanged", pull.Output);
        Assert.Equal(AllPages, SpecPages.Load(PagesPath).Select(page => page.Source));
        Assert.All(AllPages, file => Assert.True(File.Exists(Provenance.PathFor(Path.Combine(PagesPath, file))), $"{file} has no provenance"));
    }

    [Fact]
    public void Merge_SyntheticDocs_KeepsEveryOperationShape()
    {
        var merged = SpecMerger.Merge(SyntheticDocs.Pages());

        Assert.Equal(
            [
                "GET /api/v1/agents/{id}", "GET /api/v1/calls", "GET /api/v1/calls/{id}", "PATCH /api/v1/calls/{id}",
                "POST /api/v1/agents", "POST /api/v1/calls", "POST /api/v1/knowledgebase", "PUT /api/v1/agents/{id}",
            ],
            OpenApi.Operations(merged).Keys);
        var list = merged["paths"]!["/api/v1/calls"]!["get"]!;
        Assert.Equal(["page", "limit", "status", "filter"], list["parameters"]!.Select(parameter => (string)parameter["name"]!));
        Assert.Equal("object", (string?)list["parameters"]![3]!["schema"]!["type"]);
        Assert.Equal(4, list["parameters"]![2]!["schema"]!["enum"]!.Count());
        Assert.Equal("#/components/schemas/SanitisedFeedback", (string?)merged["components"]!["schemas"]!["PaginatedInteractions"]!["properties"]!["data"]!["items"]!["$ref"]);
        Assert.Equal("path", (string?)merged["paths"]!["/api/v1/calls/{id}"]!["patch"]!["parameters"]![0]!["in"]);
        Assert.NotNull(merged["paths"]!["/api/v1/agents/{id}"]!["put"]!["requestBody"]);
        Assert.Null(merged["paths"]!["/api/v1/knowledgebase"]!["post"]!["operationId"]);
        Assert.Contains("Agents", merged["tags"]!.Select(tag => (string?)tag["name"]));
    }

    [Fact]
    public void EffectiveSpec_SyntheticDocs_NamesEveryOperationByConvention()
    {
        var effective = JObject.Parse(EffectiveSpec.Build(SyntheticDocs.Pages(), File.ReadAllText(Fixtures.OverlayPath), "elemente.overlay.yaml"));

        var names = OpenApi.Operations(effective).ToDictionary(pair => pair.Key, pair => (string?)pair.Value.Operation["operationId"]);

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["GET /api/v1/agents/{id}"] = "Agents_Get",
                ["GET /api/v1/calls"] = "Calls_List",
                ["GET /api/v1/calls/{id}"] = "Calls_Get",
                ["PATCH /api/v1/calls/{id}"] = "Calls_Update",
                ["POST /api/v1/agents"] = "Agents_Create",
                ["POST /api/v1/calls"] = "Calls_Create",
                ["POST /api/v1/knowledgebase"] = "Knowledgebase_Create",
                ["PUT /api/v1/agents/{id}"] = "Agents_Update",
            },
            names);
        Assert.Equal("Upstream operationId: AgentController_updateAgent.", (string?)effective["paths"]!["/api/v1/agents/{id}"]!["put"]!["description"]);
        Assert.Null(effective["paths"]!["/api/v1/knowledgebase"]!["post"]!["description"]);
    }
}
