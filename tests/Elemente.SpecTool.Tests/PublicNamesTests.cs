using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

/// <summary>Pinned names (openapi/names.yaml), scoped names for inline schemas, and refused collisions (issue 20).</summary>
public sealed class PublicNamesTests
{
    /// <summary>
    /// The list page of issue 20: no operationId, inline enum query parameters channel (the five channels) and status,
    /// an object query parameter dateRange. Its tags and info are those of the committed pages.
    /// </summary>
    public static string ListCallsPage => File.ReadAllText(Fixtures.Repo("tests", "fixtures", "names", "list-calls.yaml"));

    private const string ListCallsKey = "GET /api/v1/calls";
    private const string ListCallsPointer = "#/paths/~1api~1v1~1calls/get";

    [Fact]
    public void Name_CommittedPagesWithTheNamesFile_EveryOperationAndSchemaIsPinned()
    {
        var (_, naming) = Name(SpecPages.Load(Fixtures.PagesFolder), CommittedNames);

        Assert.Equal(naming.Used.Operations, CommittedNames.Operations);
        Assert.Equal(naming.Used.Schemas, CommittedNames.Schemas);
    }

    [Fact]
    public void Name_SummaryOfEveryCommittedPageEdited_KeepsEveryNameAndTheConventionSaysWhatItWouldGive()
    {
        var committed = SpecPages.Load(Fixtures.PagesFolder);
        var pages = committed
            .Select(page => page with { Yaml = page.Yaml.Replace("summary: Create Call", "summary: Create a call").Replace("summary: Get call", "summary: Fetch a call transcript") })
            .ToList();
        Assert.All(pages.Zip(committed), pair => Assert.NotEqual(pair.Second.Yaml, pair.First.Yaml));

        var (document, naming) = Name(pages, CommittedNames);

        Assert.Equal(CommittedNames.Operations, naming.Used.Operations);
        Assert.Equal(CommittedNames.Schemas, naming.Used.Schemas);
        Assert.Equal("Calls_Create", (string?)document["paths"]!["/api/v1/calls"]!["post"]!["operationId"]);
        Assert.Equal(new OperationName("Calls", "CreateA"), naming.Convention.Operations["POST /api/v1/calls"]);
        Assert.Equal(new OperationName("Calls", "FetchATranscript"), naming.Convention.Operations["GET /api/v1/calls/{id}"]);
    }

    [Fact]
    public void Name_ListPageWithInlineSchemas_ScopesTheirNamesAndReusesTheChannelEnum()
    {
        var (document, naming) = Name([.. SpecPages.Load(Fixtures.PagesFolder), new SpecPage("calls/list-calls.yaml", ListCallsPage)], CommittedNames);

        Assert.Equal(new OperationName("Calls", "List"), naming.Used.Operations[ListCallsKey]);
        var parameters = (JArray)document["paths"]!["/api/v1/calls"]!["get"]!["parameters"]!;
        Assert.Equal("#/components/schemas/InteractionChannel", (string?)parameters[0]["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/ListCallsStatus", (string?)parameters[1]["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/ListCallsDateRange", (string?)parameters[2]["schema"]!["$ref"]);
        Assert.Equal(new JArray("queued", "completed"), document["components"]!["schemas"]!["ListCallsStatus"]!["enum"]);
        var added = naming.Used.Schemas.Where(entry => !CommittedNames.Schemas.ContainsKey(entry.Key)).ToDictionary();
        Assert.Equal(
            new Dictionary<string, string>
            {
                [$"{ListCallsPointer}/parameters/dateRange/schema"] = "ListCallsDateRange",
                [$"{ListCallsPointer}/parameters/status/schema"] = "ListCallsStatus",
            },
            added);
    }

    [Fact]
    public void Name_InlineSchemaPinned_TakesThePinnedNameEvenWhenTheOperationIsRenamed()
    {
        var names = NamesFile.Parse(
            CommittedNames.ToYaml() + $"  '{ListCallsPointer}/parameters/status/schema': CallStatusFilter\n", "names.yaml")
            .With(new NamesFile(new Dictionary<string, OperationName> { [ListCallsKey] = new("Calls", "Search") }, new Dictionary<string, string>()));

        var (document, naming) = Name([.. SpecPages.Load(Fixtures.PagesFolder), new SpecPage("calls/list-calls.yaml", ListCallsPage)], names);

        Assert.Equal("Calls_Search", (string?)document["paths"]!["/api/v1/calls"]!["get"]!["operationId"]);
        Assert.NotNull(document["components"]!["schemas"]!["CallStatusFilter"]);
        Assert.Equal("SearchCallsDateRange", naming.Used.Schemas[$"{ListCallsPointer}/parameters/dateRange/schema"]);
        Assert.Equal("ListCallsDateRange", naming.Convention.Schemas[$"{ListCallsPointer}/parameters/dateRange/schema"]);
    }

    [Fact]
    public void Name_InlinePropertyAndResponseSchemas_AreNamedByTheirOwner()
    {
        var page = """
            openapi: 3.0.0
            info: {title: t, version: '1'}
            paths:
              /api/v1/agents:
                post:
                  tags: [Agents]
                  summary: Create agent
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            voice:
                              type: object
                              properties:
                                gender: {type: string, enum: [female, male]}
                  responses:
                    '201':
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Agent'
            components:
              schemas:
                Agent:
                  type: object
                  properties:
                    mode: {type: string, enum: [a, b], description: The mode, nullable: true}
            """;

        var (document, naming) = NameAlone([new SpecPage("agents/create-agent.yaml", page)], NamesFile.Empty);

        var schemas = (JObject)document["components"]!["schemas"]!;
        Assert.Equal(["Agent", "AgentMode", "CreateAgentsBody", "CreateAgentsBodyVoice", "CreateAgentsBodyVoiceGender"], schemas.Properties().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("#/components/schemas/AgentMode", (string?)schemas["Agent"]!["properties"]!["mode"]!["allOf"]![0]!["$ref"]);
        Assert.True((bool)schemas["Agent"]!["properties"]!["mode"]!["nullable"]!);
        Assert.Equal("AgentMode", naming.Used.Schemas["#/components/schemas/Agent/properties/mode"]);
        Assert.Equal("CreateAgentsBodyVoiceGender", naming.Used.Schemas["#/paths/~1api~1v1~1agents/post/requestBody/content/application~1json/schema/properties/voice/properties/gender"]);
    }

    [Fact]
    public void Name_SchemaRenamedInTheNamesFile_RenamesTheTypeAndEveryReference()
    {
        var names = NamesFile.Parse(CommittedNames.ToYaml().Replace("'#/components/schemas/PromptOverride': PromptOverride", "'#/components/schemas/PromptOverride': PromptSettings"), "names.yaml");

        var (document, _) = Name(SpecPages.Load(Fixtures.PagesFolder), names);

        var schemas = (JObject)document["components"]!["schemas"]!;
        Assert.Null(schemas["PromptOverride"]);
        Assert.NotNull(schemas["PromptSettings"]);
        Assert.Equal("#/components/schemas/PromptSettings", (string?)schemas["AgentOverrideInput"]!["properties"]!["prompt"]!["allOf"]![0]!["$ref"]);
        Assert.DoesNotContain("#/components/schemas/PromptOverride\"", document.ToString());
    }

    [Theory]
    [InlineData("Channel", "System.Threading.Channels.Channel")]
    [InlineData("Task", "System.Threading.Tasks.Task")]
    [InlineData("HttpClient", "System.Net.Http.HttpClient")]
    [InlineData("ElementeEmulator", "Elemente.Testing.ElementeEmulator")]
    public void Name_SchemaNamedAsACommonType_IsRefusedNamingTheFix(string schema, string clash)
    {
        var page = $$"""
            openapi: 3.0.0
            info: {title: t, version: '1'}
            paths:
              /api/v1/things:
                get:
                  tags: [Things]
                  summary: Get things
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/{{schema}}'
            components:
              schemas:
                {{schema}}:
                  type: object
                  properties:
                    id: {type: string}
            """;

        var error = Assert.Throws<SpecToolException>(() => NameAlone([new SpecPage("things/get-things.yaml", page)], NamesFile.Empty));

        Assert.Equal(
            $"schema #/components/schemas/{schema} would generate the public type Elemente.{schema}, which hides {clash} in code that imports both namespaces; " +
            $"name it in openapi/names.yaml (schemas: '#/components/schemas/{schema}': <another name>)",
            error.Message);

        var renamed = NamesFile.Parse($"schemas:\n  '#/components/schemas/{schema}': Thing\n", "names.yaml");
        var (document, _) = NameAlone([new SpecPage("things/get-things.yaml", page)], renamed);
        Assert.NotNull(document["components"]!["schemas"]!["Thing"]);
    }

    [Fact]
    public void Name_TagNamedAsACommonType_RefusesItsClientNamingTheOperation()
    {
        var page = """
            openapi: 3.0.0
            info: {title: t, version: '1'}
            paths:
              /api/v1/http:
                get:
                  tags: [Http]
                  summary: Get http
                  responses:
                    '204': {description: ok}
            """;

        var error = Assert.Throws<SpecToolException>(() => NameAlone([new SpecPage("http/get-http.yaml", page)], NamesFile.Empty));

        Assert.Contains("the resource client of GET /api/v1/http would generate the public type Elemente.HttpClient, which hides System.Net.Http.HttpClient", error.Message);
        Assert.Contains("(operations: 'GET /api/v1/http': client: <another name>)", error.Message);
    }

    [Fact]
    public void With_NewNames_AddsEntriesAndNeverChangesOne()
    {
        var pinned = new NamesFile(new Dictionary<string, OperationName> { ["POST /a"] = new("Calls", "Create") }, new Dictionary<string, string> { ["#/x"] = "X" });
        var convention = new NamesFile(
            new Dictionary<string, OperationName> { ["POST /a"] = new("Calls", "Start"), ["GET /b"] = new("Calls", "List") },
            new Dictionary<string, string> { ["#/x"] = "Y", ["#/z"] = "Z" });

        var merged = pinned.With(convention);

        Assert.Equal(new OperationName("Calls", "Create"), merged.Operations["POST /a"]);
        Assert.Equal(new OperationName("Calls", "List"), merged.Operations["GET /b"]);
        Assert.Equal("X", merged.Schemas["#/x"]);
        Assert.Equal("Z", merged.Schemas["#/z"]);
        var reread = NamesFile.Parse(merged.ToYaml(), "names.yaml");
        Assert.Equal(merged.Operations, reread.Operations);
        Assert.Equal(merged.Schemas, reread.Schemas);
    }

    [Fact]
    public async Task NamesCommand_NewPage_AddsItsEntriesOnlyAndThenHasNothingToAdd()
    {
        using var folder = new TempFolder();
        var pages = folder.File("pages");
        Fixtures.WritePage(pages, Fixtures.CreateCallFile, Fixtures.CreateCallYaml);
        Fixtures.WritePage(pages, "calls/list-calls.yaml", ListCallsPage);
        var names = folder.File("names.yaml");
        File.Copy(Fixtures.Repo("openapi", "names.yaml"), names);
        var before = File.ReadAllText(names);

        var first = await ToolRunner.RunAsync("names", "--pages", pages, "--overlay", Fixtures.OverlayPath, "--names", names);
        var second = await ToolRunner.RunAsync("names", "--pages", pages, "--overlay", Fixtures.OverlayPath, "--names", names);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(
            $"Added to {names}: {ListCallsKey}, {ListCallsPointer}/parameters/dateRange/schema, {ListCallsPointer}/parameters/status/schema.\n",
            first.Output);
        string[] added =
        [
            "  'GET /api/v1/calls':\n    client: Calls\n    method: List\n",
            $"  '{ListCallsPointer}/parameters/dateRange/schema': ListCallsDateRange\n",
            $"  '{ListCallsPointer}/parameters/status/schema': ListCallsStatus\n",
        ];
        var after = File.ReadAllText(names);
        Assert.All(added, entry => Assert.Contains(entry, after));
        Assert.Equal(before, added.Aggregate(after, (text, entry) => text.Replace(entry, string.Empty, StringComparison.Ordinal)));
        Assert.Equal($"{names} already names everything.\n", second.Output);
    }

    [Theory]
    [InlineData("operations:\n  'GET /a': {client: Calls}\n", "names.yaml: operations.'GET /a' needs 'client' and 'method', each a C# identifier")]
    [InlineData("schemas:\n  '#/a': 'Not a name'\n", "names.yaml: schemas.'#/a' must be a C# identifier (the type's name)")]
    [InlineData("- a\n", "names.yaml: a names file is a mapping with 'operations' and 'schemas'")]
    public void Parse_InvalidNamesFile_SaysWhatIsWrong(string yaml, string message)
    {
        Assert.Equal(message, Assert.Throws<SpecToolException>(() => NamesFile.Parse(yaml, "names.yaml")).Message);
    }

    internal static NamesFile CommittedNames => NamesFile.Load(Fixtures.Repo("openapi", "names.yaml"));

    internal static (JObject Document, PublicNaming Naming) Name(IReadOnlyList<SpecPage> pages, NamesFile names) =>
        EffectiveSpec.Name(SpecMerger.Merge(pages), File.ReadAllText(Fixtures.OverlayPath), "elemente.overlay.yaml", names);

    // Pages of their own, under an overlay that changes nothing the names depend on.
    private static (JObject Document, PublicNaming Naming) NameAlone(IReadOnlyList<SpecPage> pages, NamesFile names) =>
        EffectiveSpec.Name(SpecMerger.Merge(pages), "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: {x-note: n}\n", "overlay.yaml", names);
}
