namespace Elemente.SpecTool.Tests;

/// <summary>The effective spec is a valid OpenAPI document by an independent linter, Redocly CLI with its recommended rules.</summary>
public sealed class LintTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Lint_EffectiveSpec_HasNoErrors()
    {
        var lint = await RedoclyCli.LintAsync(Write("effective.json", EffectiveSpec.FromFiles(Fixtures.CommittedPagesFolder, Fixtures.OverlayPath)));

        Assert.True(lint.Errors == 0, string.Join('\n', lint.Problems));
    }

    [Fact]
    public async Task Lint_VerbatimPages_HaveWarningsThatTheOverlayMostlyFixes()
    {
        var verbatim = await RedoclyCli.LintAsync(Write("upstream.json", EffectiveSpec.MergedFromFiles(Fixtures.CommittedPagesFolder)));
        var effective = await RedoclyCli.LintAsync(Write("effective.json", EffectiveSpec.FromFiles(Fixtures.CommittedPagesFolder, Fixtures.OverlayPath)));

        // Upstream: examples that break their own schemas (duration "7200", message objects in a string list...), no license.
        Assert.Equal(0, verbatim.Errors);
        Assert.True(verbatim.Warnings >= 13, string.Join('\n', verbatim.Problems));
        Assert.Contains("no-invalid-schema-examples", verbatim.RuleIds);
        // The overlay fixes every example; the missing license is upstream's to add.
        Assert.Equal(["info-license"], effective.RuleIds);
    }

    [Fact]
    public async Task Lint_EffectiveSpecOfSyntheticDocs_HasNoErrors()
    {
        var pages = SyntheticDocs.Pages();

        var lint = await RedoclyCli.LintAsync(Write("synthetic.json", EffectiveSpec.Build(pages, File.ReadAllText(Fixtures.OverlayPath), "elemente.overlay.yaml")));

        Assert.True(lint.Errors == 0, string.Join('\n', lint.Problems));
    }

    [Fact]
    public async Task Lint_StatusNullableWithoutType_IsTheErrorTheOverlayAvoids()
    {
        // The way the overlay used to re-add status: nullable beside allOf, with no type.
        var effective = Newtonsoft.Json.Linq.JObject.Parse(EffectiveSpec.FromFiles(Fixtures.PagesFolder, Fixtures.OverlayPath));
        effective["components"]!["schemas"]!["Interaction"]!["properties"]!["status"]!["nullable"] = true;

        var lint = await RedoclyCli.LintAsync(Write("broken.json", YamlJson.ToJson(effective)));

        Assert.Equal(1, lint.Errors);
        Assert.Contains("nullable-type-sibling", lint.RuleIds);
    }

    private string Write(string name, string json)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, json);
        return path;
    }
}
