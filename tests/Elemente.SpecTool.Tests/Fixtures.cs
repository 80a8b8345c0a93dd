using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

/// <summary>The committed files the tests start from (copied next to the tests byte for byte), and page builders.</summary>
internal static class Fixtures
{
    public const string CreateCallPath = "/api-reference/calls/create-call.md";

    public const string GetCallPath = "/api-reference/calls/get-call.md";

    public static string CreateCallPage => Read("create-call.docs.md");

    public static string CommittedSpec => Read("elemente.yaml");

    public static string CommittedProvenance => Read("elemente.provenance.json");

    public static string OverlayPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "elemente.overlay.yaml");

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

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
    /// A page documenting <c>GET /api/v1/calls/{id}</c>, with the same info and components as the Create Call page
    /// (as every page of the site carries them), built from the committed spec.
    /// </summary>
    public static string GetCallPage(Action<JObject>? change = null)
    {
        var document = (JObject)YamlJson.Parse(CommittedSpec, "elemente.yaml");
        document["paths"] = JObject.Parse("""
            {
              "/api/v1/calls/{id}": {
                "get": {
                  "tags": ["Calls"],
                  "summary": "Get Call",
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
        return Page("Get Call", "get", "/api/v1/calls/{id}", YamlJson.ToYaml(document));
    }

    /// <summary>An llms.txt index linking to <paramref name="links"/>, among pages that are not API reference pages.</summary>
    public static string Index(params string[] links) =>
        "# Elemente.ai\n\n> Voice to Voice AI agents for call centers.\n\n## Docs\n\n- [Introduction](https://docs.elemente.ai/introduction.md): start here\n" +
        string.Concat(links.Select((link, i) => $"- [Page {i + 1}]({link}): an API reference page\n")) +
        "\n## Optional\n\n- [Status](https://status.elemente.ai)\n";
}
