using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

/// <summary>
/// The files the tests start from: the scenario pages and captured docs (<see cref="ScenarioFolder"/>, a frozen copy of
/// openapi/pages and tests/fixtures/docs, which the tests edit by exact text to build their cases), the committed
/// overlay and names file (openapi/), and the synthetic docs pages (tests/fixtures/synthetic-docs/). And builders of pages
/// and indexes.
/// </summary>
internal static class Fixtures
{
    /// <summary>Where Create call's Markdown export lives on the docs site (and in tests/fixtures/docs/).</summary>
    public const string CreateCallPath = "/api-reference/endpoint/calls/initiate-call.md";

    /// <summary>Where Get call's Markdown export lives on the docs site (and in tests/fixtures/docs/).</summary>
    public const string GetCallPath = "/api-reference/endpoint/calls/get-call.md";

    /// <summary>The page file that holds Create call.</summary>
    public const string CreateCallFile = "calls/initiate-call.yaml";

    /// <summary>The repository root.</summary>
    public static string Root => RepositoryRoot.Path;

    /// <summary>
    /// tests/fixtures/scenario: the pages and the captured docs as they were when the scenarios were
    /// written. Frozen, so that taking a docs update (which rewrites openapi/pages and the docs mirror) leaves these tests
    /// as they are; see its README.
    /// </summary>
    public static string ScenarioFolder => Repo("tests", "fixtures", "scenario");

    /// <summary>The committed pages, openapi/pages: for tests of the committed state (the overlay still fits, the effective spec lints clean).</summary>
    public static string CommittedPagesFolder => Repo("openapi", "pages");

    /// <summary>The scenario's pages (a frozen copy of openapi/pages, with their provenance).</summary>
    public static string PagesFolder => Path.Combine(ScenarioFolder, "pages");

    public static string OverlayPath => Repo("openapi", "elemente.overlay.yaml");

    /// <summary>The scenario's captured docs site (a frozen copy of tests/fixtures/docs), served by <see cref="DocsServer.ServeFolder"/>.</summary>
    public static string DocsFolder => Path.Combine(ScenarioFolder, "docs");

    /// <summary>The synthetic docs site (tests/fixtures/synthetic-docs).</summary>
    public static string SyntheticDocsFolder => Repo("tests", "fixtures", "synthetic-docs");

    /// <summary>Create call's docs page, as captured.</summary>
    public static string CreateCallPage => File.ReadAllText(Path.Combine(DocsFolder, CreateCallPath.TrimStart('/')));

    /// <summary>Get call's docs page, as captured.</summary>
    public static string CapturedGetCallPage => File.ReadAllText(Path.Combine(DocsFolder, GetCallPath.TrimStart('/')));

    /// <summary>The scenario's page file of Create call (its docs page's YAML block).</summary>
    public static string CreateCallYaml => File.ReadAllText(Path.Combine(PagesFolder, CreateCallFile));

    public static string Repo(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Replaces the single occurrence of <paramref name="find"/> (failing the test if there is not exactly one).</summary>
    public static string Edit(string text, string find, string replace)
    {
        var first = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(first >= 0, $"fixture edit: '{find}' not found");
        Assert.True(text.IndexOf(find, first + 1, StringComparison.Ordinal) < 0, $"fixture edit: '{find}' found more than once");
        return string.Concat(text.AsSpan(0, first), replace, text.AsSpan(first + find.Length));
    }

    /// <summary>A docs page in the Markdown export format, holding <paramref name="yaml"/> for one operation.</summary>
    public static string Page(string title, string method, string path, string yaml) =>
        $"> ## Documentation Index\n> Fetch the complete documentation index at: https://docs.elemente.ai/llms.txt\n\n# {title}\n\n\n\n## OpenAPI\n\n````yaml {method} {path}\n{yaml}````\n";

    /// <summary>
    /// A page documenting <c>GET /api/v1/calls/{id}</c>, with the same info and components as the Create call page
    /// (as every page of the site carries them), built from the committed Create call page.
    /// </summary>
    public static string GetCallPage(Action<JObject>? change = null)
    {
        var document = (JObject)YamlJson.Parse(CreateCallYaml, CreateCallFile);
        document["paths"] = JObject.Parse("""
            {
              "/api/v1/calls/{id}": {
                "get": {
                  "tags": ["Calls"],
                  "summary": "Get call",
                  "operationId": "InteractionController_getConversation",
                  "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }],
                  "responses": {
                    "200": { "description": "The call", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SanitisedFeedback" } } } },
                    "404": { "description": "Not Found" }
                  },
                  "security": [{ "basic": [] }]
                }
              }
            }
            """);
        change?.Invoke(document);
        return Page("Get call", "get", "/api/v1/calls/{id}", YamlJson.ToYaml(document));
    }

    /// <summary>An llms.txt index linking to <paramref name="links"/>, among pages that are not API reference pages.</summary>
    public static string Index(params string[] links) =>
        "# Elemente.ai\n\n> Voice to Voice AI agents for call centers.\n\n## Docs\n\n- [Introduction](https://docs.elemente.ai/introduction.md): start here\n" +
        string.Concat(links.Select((link, i) => $"- [Page {i + 1}]({link}): an API reference page\n")) +
        "\n## Optional\n\n- [Status](https://status.elemente.ai)\n";

    /// <summary>Writes <paramref name="yaml"/> as the page file <paramref name="file"/> under <paramref name="pagesFolder"/>.</summary>
    public static void WritePage(string pagesFolder, string file, string yaml)
    {
        var path = Path.Combine(pagesFolder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
    }
}
