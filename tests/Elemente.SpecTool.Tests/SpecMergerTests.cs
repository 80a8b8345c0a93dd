using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

public sealed class SpecMergerTests
{
    private static SpecPage CreateCall => new(Fixtures.CreateCallFile, Fixtures.CreateCallYaml);

    private static SpecPage GetCall(Action<JObject>? change = null) => new("calls/get-call.yaml", DocsPage.ExtractYaml(Fixtures.GetCallPage(change), "get-call.md"));

    [Fact]
    public void Merge_OnePage_IsThatPagesDocument()
    {
        var merged = SpecMerger.Merge([CreateCall]);

        Assert.True(JToken.DeepEquals(YamlJson.Parse(Fixtures.CreateCallYaml, "page"), merged));
    }

    [Fact]
    public void Merge_TwoPages_UnionOfPathsAndComponentsWhateverTheOrder()
    {
        var merged = SpecMerger.Merge([CreateCall, GetCall()]);

        Assert.True(JToken.DeepEquals(merged, SpecMerger.Merge([GetCall(), CreateCall])));
        var committed = (JObject)YamlJson.Parse(Fixtures.CreateCallYaml, "committed");
        Assert.Equal(["/api/v1/calls", "/api/v1/calls/{id}"], ((JObject)merged["paths"]!).Properties().Select(p => p.Name));
        Assert.True(JToken.DeepEquals(committed["paths"]!["/api/v1/calls"], merged["paths"]!["/api/v1/calls"]));
        Assert.True(JToken.DeepEquals(committed["components"]!["schemas"]!["SanitisedFeedback"], merged["components"]!["schemas"]!["SanitisedFeedback"]));
        Assert.True(JToken.DeepEquals(committed["info"], merged["info"]));
        Assert.Equal(
            ((JObject)committed["components"]!["schemas"]!).Properties().Select(p => p.Name).Order(StringComparer.Ordinal),
            ((JObject)merged["components"]!["schemas"]!).Properties().Select(p => p.Name));
    }

    [Fact]
    public void Merge_CapturedPages_AddsGetCallBesideCreateCall()
    {
        var pages = new[] { Fixtures.CreateCallPath, Fixtures.GetCallPath }
            .Select(path => new SpecPage(path, DocsPage.ExtractYaml(File.ReadAllText(Path.Combine(Fixtures.DocsFolder, path.TrimStart('/'))), path)))
            .ToList();

        var merged = SpecMerger.Merge(pages);

        Assert.Equal(["GET /api/v1/calls/{id}", "POST /api/v1/calls"], OpenApi.Operations(merged).Keys);
        Assert.Equal("Get call", (string?)merged["paths"]!["/api/v1/calls/{id}"]!["get"]!["summary"]);
    }

    [Fact]
    public void Merge_SchemaDefinedDifferently_FailsNamingBothPages()
    {
        var get = GetCall(document => document["components"]!["schemas"]!["SanitisedFeedback"]!["properties"]!["duration"]!["type"] = "integer");

        var error = Assert.Throws<SpecToolException>(() => SpecMerger.Merge([get, CreateCall]));

        Assert.Equal(
            "schema SanitisedFeedback is defined differently by calls/get-call.yaml and calls/initiate-call.yaml; " +
            "the docs contradict themselves, so no spec can be merged",
            error.Message);
    }

    [Fact]
    public void Merge_SameOperationOnTwoPages_FailsNamingBothPages()
    {
        var copy = new SpecPage("calls/create-call-again.yaml", Fixtures.CreateCallYaml);

        var error = Assert.Throws<SpecToolException>(() => SpecMerger.Merge([CreateCall, copy]));

        Assert.Equal(
            "operation POST /api/v1/calls is defined by both calls/create-call-again.yaml and calls/initiate-call.yaml; each operation must come from one page",
            error.Message);
    }

    [Fact]
    public void Merge_InfoDiffers_FailsNamingBothPages()
    {
        var get = GetCall(document => document["info"]!["version"] = "2.0");

        var error = Assert.Throws<SpecToolException>(() => SpecMerger.Merge([CreateCall, get]));

        Assert.StartsWith("'info' differs between calls/get-call.yaml and calls/initiate-call.yaml", error.Message);
    }

    [Fact]
    public void Merge_MalformedYaml_FailsNamingThePage()
    {
        var broken = Fixtures.Edit(Fixtures.CreateCallYaml, "paths:\n", "paths: [\n");

        var error = Assert.Throws<SpecToolException>(() => SpecMerger.Merge([new SpecPage("https://docs.example.test/api-reference/x.md", broken)]));

        Assert.StartsWith("https://docs.example.test/api-reference/x.md: not valid YAML", error.Message);
    }

    [Fact]
    public void Merge_NotOpenApi_FailsNamingThePage()
    {
        var error = Assert.Throws<SpecToolException>(() => SpecMerger.Merge([new SpecPage("page.md", "title: hello\n")]));

        Assert.Equal("page.md: the YAML block is not an OpenAPI document (no 'openapi' field)", error.Message);
    }

    [Fact]
    public void ToYaml_CreateCallPage_ReadsBackEqual()
    {
        var document = YamlJson.Parse(Fixtures.CreateCallYaml, "committed");

        var yaml = YamlJson.ToYaml(document);

        Assert.True(JToken.DeepEquals(document, YamlJson.Parse(yaml, "written")));
        Assert.Contains("version: '1.0'", yaml.Replace('"', '\''));
    }
}
