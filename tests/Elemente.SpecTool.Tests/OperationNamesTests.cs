using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

public sealed class OperationNamesTests
{
    private const string Overlay = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n";

    [Theory]
    [InlineData("Create call", "Create")]
    [InlineData("Create Call", "Create")]
    [InlineData("Initiate call", "Create")]
    [InlineData("Get call", "Get")]
    [InlineData("Get calls", "List")]
    [InlineData("List calls", "List")]
    [InlineData("Update call", "Update")]
    [InlineData("Delete call", "Delete")]
    [InlineData("End call", "End")]
    [InlineData("Get call transcript", "GetTranscript")]
    [InlineData("Retry failed calls", "RetryFailed")]
    public void FromSummary_CallsSummary_FollowsTheConvention(string summary, string name)
    {
        Assert.Equal(name, OperationNames.FromSummary(summary, "calls"));
    }

    [Theory]
    [InlineData("Get agents", "agents", "List")]
    [InlineData("Create knowledgebase", "knowledgebase", "Create")]
    [InlineData("Get knowledgebase", "knowledgebase", "Get")]
    [InlineData("Get categories", "categories", "List")]
    public void FromSummary_OtherResources_UseTheirNoun(string summary, string noun, string name)
    {
        Assert.Equal(name, OperationNames.FromSummary(summary, noun));
    }

    [Theory]
    [InlineData("InteractionController_createConversation", "CreateConversation")]
    [InlineData("listCalls", "ListCalls")]
    [InlineData(null, null)]
    public void FromOperationId_NestJsId_DropsTheControllerPrefix(string? operationId, string? name)
    {
        Assert.Equal(name, OperationNames.FromOperationId(operationId));
    }

    [Theory]
    [InlineData("GET", "/api/v1/calls/{id}", "GetById")]
    [InlineData("POST", "/api/v1/calls", "Post")]
    [InlineData("POST", "/api/v1/calls/{callId}/end", "PostByCallIdEnd")]
    public void FromMethodAndPath_NoSummaryNorId_UsesWhatFollowsTheResource(string method, string path, string name)
    {
        Assert.Equal(name, OperationNames.FromMethodAndPath(method, path));
    }

    [Fact]
    public void Apply_CommittedPages_NamesCreateAndGetCallAndKeepsUpstreamIds()
    {
        var effective = JObject.Parse(EffectiveSpec.FromFiles(Fixtures.PagesFolder, Fixtures.OverlayPath));

        var post = effective["paths"]!["/api/v1/calls"]!["post"]!;
        Assert.Equal("Calls_Create", (string?)post["operationId"]);
        Assert.Equal("Upstream operationId: InteractionController_createConversation.", (string?)post["description"]);
        var get = effective["paths"]!["/api/v1/calls/{id}"]!["get"]!;
        Assert.Equal("Calls_Get", (string?)get["operationId"]);
        Assert.Equal("Upstream operationId: InteractionController_getConversationTranscript.", (string?)get["description"]);
    }

    [Fact]
    public void Apply_NoTagsNoSummaryNoOperationId_FallsBackToPathAndMethod()
    {
        var document = Build(Operation("/api/v1/calls/{id}/recording", "get", new JObject()), Overlay + "  - target: $.info\n    update: {x-note: n}\n");

        Assert.Equal("Calls_GetByIdRecording", Id(document, "/api/v1/calls/{id}/recording", "get"));
        Assert.Null(document["paths"]!["/api/v1/calls/{id}/recording"]!["get"]!["description"]);
    }

    [Fact]
    public void Apply_OverlaySetsExtensionName_ItWinsOverTheConvention()
    {
        var document = Build(
            Operation("/api/v1/calls", "post", new JObject { ["tags"] = new JArray("Calls"), ["summary"] = "Create call", ["operationId"] = "InteractionController_createConversation" }),
            Overlay + "  - target: $.paths['/api/v1/calls'].post\n    update: {x-elemente-name: Start}\n");

        Assert.Equal("Calls_Start", Id(document, "/api/v1/calls", "post"));
        Assert.Equal("Upstream operationId: InteractionController_createConversation.", (string?)document["paths"]!["/api/v1/calls"]!["post"]!["description"]);
    }

    [Fact]
    public void Apply_OverlaySetsOperationId_ItIsKept()
    {
        var document = Build(
            Operation("/api/v1/calls", "post", new JObject { ["tags"] = new JArray("Calls"), ["summary"] = "Create call", ["operationId"] = "InteractionController_createConversation" }),
            Overlay + "  - target: $.paths['/api/v1/calls'].post\n    update: {operationId: Interactions_Start}\n");

        Assert.Equal("Interactions_Start", Id(document, "/api/v1/calls", "post"));
    }

    [Fact]
    public void Apply_TwoOperationsGetOneName_FailsNamingBoth()
    {
        var pages = new[]
        {
            Page("a.yaml", Operation("/api/v1/calls", "get", new JObject { ["tags"] = new JArray("Calls"), ["summary"] = "Get calls" })),
            Page("b.yaml", Operation("/api/v1/calls/search", "get", new JObject { ["tags"] = new JArray("Calls"), ["summary"] = "List calls" })),
        };

        var error = Assert.Throws<SpecToolException>(() => EffectiveSpec.Build(pages, Overlay + "  - target: $.info\n    update: {x-note: n}\n", "o.yaml"));

        Assert.Equal(
            "GET /api/v1/calls and GET /api/v1/calls/search are both named Calls_List; give one of them another name in openapi/names.yaml or with an overlay action setting x-elemente-name",
            error.Message);
    }

    private static JObject Operation(string path, string method, JObject operation)
    {
        operation["responses"] = JObject.Parse("{\"200\": {\"description\": \"ok\"}}");
        return new JObject { ["openapi"] = "3.0.0", ["info"] = new JObject { ["title"] = "t", ["version"] = "1" }, ["paths"] = new JObject { [path] = new JObject { [method] = operation } } };
    }

    private static SpecPage Page(string name, JObject document) => new(name, YamlJson.ToYaml(document));

    private static JObject Build(JObject document, string overlay) =>
        JObject.Parse(EffectiveSpec.Build([Page("page.yaml", document)], overlay, "overlay.yaml"));

    private static string? Id(JObject document, string path, string method) => (string?)document["paths"]![path]![method]!["operationId"];
}
