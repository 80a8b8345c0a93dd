using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

public sealed class SpecMergerTests
{
    [Fact]
    public void Merge_OnePage_ReturnsItsYamlByteForByte()
    {
        var yaml = DocsPage.ExtractYaml(Fixtures.CreateCallPage, "create-call.md");

        var merged = SpecMerger.Merge([new SpecPage("https://docs.example.test/api-reference/calls/create-call.md", yaml)]);

        Assert.Equal(Fixtures.CommittedSpec, merged);
    }

    [Fact]
    public void Merge_TwoPages_UnionOfPathsAndComponentsWhateverTheOrder()
    {
        var create = new SpecPage("https://docs.example.test/api-reference/calls/create-call.md", Fixtures.CommittedSpec);
        var get = new SpecPage("https://docs.example.test/api-reference/calls/get-call.md", DocsPage.ExtractYaml(Fixtures.GetCallPage(), "get-call.md"));

        var merged = SpecMerger.Merge([create, get]);

        Assert.Equal(merged, SpecMerger.Merge([get, create]));
        var document = (JObject)YamlJson.Parse(merged, "merged");
        var committed = (JObject)YamlJson.Parse(Fixtures.CommittedSpec, "committed");
        Assert.Equal(["/api/v1/calls", "/api/v1/calls/{id}"], ((JObject)document["paths"]!).Properties().Select(p => p.Name));
        Assert.True(JToken.DeepEquals(committed["paths"]!["/api/v1/calls"], document["paths"]!["/api/v1/calls"]));
        Assert.True(JToken.DeepEquals(committed["components"]!["schemas"]!["SanitisedFeedback"], document["components"]!["schemas"]!["SanitisedFeedback"]));
        Assert.True(JToken.DeepEquals(committed["info"], document["info"]));
        Assert.Equal(
            ((JObject)committed["components"]!["schemas"]!).Properties().Select(p => p.Name).Order(StringComparer.Ordinal),
            ((JObject)document["components"]!["schemas"]!).Properties().Select(p => p.Name));
        Assert.DoesNotContain('\r', merged);
    }

    [Fact]
    public void Merge_SchemaDefinedDifferently_FailsNamingBothPages()
    {
        var create = new SpecPage("https://docs.example.test/api-reference/calls/create-call.md", Fixtures.CommittedSpec);
        var getYaml = DocsPage.ExtractYaml(
            Fixtures.GetCallPage(document => document["components"]!["schemas"]!["SanitisedFeedback"]!["properties"]!["duration"]!["type"] = "integer"),
            "get-call.md");
        var get = new SpecPage("https://docs.example.test/api-reference/calls/get-call.md", getYaml);

        var error = Assert.Throws<SpecToolException>(() => SpecMerger.Merge([get, create]));

        Assert.Equal(
            "schema SanitisedFeedback is defined differently by https://docs.example.test/api-reference/calls/create-call.md and " +
            "https://docs.example.test/api-reference/calls/get-call.md; the docs contradict themselves, so no spec can be merged",
            error.Message);
    }

    [Fact]
    public void Merge_MalformedYaml_FailsNamingThePage()
    {
        var broken = Fixtures.Edit(Fixtures.CommittedSpec, "paths:\n", "paths: [\n");

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
    public void ToYaml_CommittedSpec_ReadsBackEqual()
    {
        var document = YamlJson.Parse(Fixtures.CommittedSpec, "committed");

        var yaml = YamlJson.ToYaml(document);

        Assert.True(JToken.DeepEquals(document, YamlJson.Parse(yaml, "written")));
        Assert.Contains("version: '1.0'", yaml.Replace('"', '\''));
    }
}
