using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

public class OverlayTests
{
    private const string Spec = """
        openapi: 3.0.0
        info: {title: t, version: '1'}
        paths: {}
        components:
          schemas:
            Thing:
              type: object
              required: [a, b]
              properties:
                a: {type: string}
                b: {type: string}
        """;

    private static JToken Apply(string overlay) => ApplyTo(Spec, overlay).Document;

    private static (JToken Document, IReadOnlyList<OverlayActionResult> Results) ApplyTo(string spec, string overlay)
    {
        var document = YamlJson.Parse(spec, "spec.yaml");
        var results = Overlay.Parse(overlay, "test.overlay.yaml").Apply(document);
        return (document, results);
    }

    [Fact]
    public void Apply_TargetMatchesNothing_FailsNamingTheAction()
    {
        const string overlay = """
            overlay: 1.0.0
            info: {title: t, version: '1'}
            actions:
              - target: $.components.schemas.Thing
                description: First, fine.
                update: {description: x}
              - target: $.components.schemas.Renamed.properties.a
                description: Fix the renamed thing.
                remove: true
            """;

        var error = Assert.Throws<SpecToolException>(() => Apply(overlay));

        Assert.Contains("action #2 (Fix the renamed thing.)", error.Message);
        Assert.Contains("$.components.schemas.Renamed.properties.a", error.Message);
        Assert.Contains("matches nothing", error.Message);
    }

    [Fact]
    public void Apply_RemoveThenUpdate_ReplacesInOrder()
    {
        const string overlay = """
            overlay: 1.0.0
            info: {title: t, version: '1'}
            actions:
              - target: $.components.schemas.Thing.required
                remove: true
              - target: $.components.schemas.Thing
                update:
                  required: [a]
                  properties:
                    b: {nullable: true}
            """;

        var thing = Apply(overlay)["components"]!["schemas"]!["Thing"]!;

        Assert.Equal(new[] { "a" }, thing["required"]!.Values<string>());
        Assert.Equal("string", (string?)thing["properties"]!["b"]!["type"]);
        Assert.True((bool)thing["properties"]!["b"]!["nullable"]!);
    }

    [Fact]
    public void Apply_UpdateOnArray_Appends()
    {
        const string overlay = """
            overlay: 1.0.0
            info: {title: t, version: '1'}
            actions:
              - target: $.components.schemas.Thing.required
                update: [c]
            """;

        Assert.Equal(new[] { "a", "b", "c" }, Apply(overlay)["components"]!["schemas"]!["Thing"]!["required"]!.Values<string>());
    }

    [Fact]
    public void Apply_GuardWhereTheSpecStatesTheRule_ChangesNothing()
    {
        // A guard merges as a set: the spec's required list already holds a and b, in another order.
        const string overlay = "overlay: 1.0.0\nactions:\n" +
            "  - target: $.components.schemas.Thing\n    x-elemente-guard: true\n    update: {required: [b, a]}\n" +
            "  - target: $.components.schemas.Thing.required\n    x-elemente-guard: true\n    update: [a]\n";

        var (document, results) = ApplyTo(Spec, overlay);

        Assert.All(results, result => Assert.False(result.Changed, $"{result.Action.Name} changed the spec"));
        Assert.Equal(new[] { "a", "b" }, document["components"]!["schemas"]!["Thing"]!["required"]!.Values<string>());
    }

    [Fact]
    public void Apply_GuardWhereTheSpecDroppedTheRule_RestoresItOnce()
    {
        const string guard = "overlay: 1.0.0\nactions:\n  - target: $.components.schemas.Thing\n    x-elemente-guard: true\n    update: {required: [a, b]}\n";

        var (document, results) = ApplyTo(Fixtures.Edit(Spec, "required: [a, b]", "required: [a]"), guard);

        Assert.True(Assert.Single(results).Changed);
        Assert.Equal(new[] { "a", "b" }, document["components"]!["schemas"]!["Thing"]!["required"]!.Values<string>());
    }

    [Fact]
    public void Apply_GuardWhoseTargetIsAbsent_IsNoErrorButTheDriftCheckSaysWhenItWasThereBefore()
    {
        // A spec without what the guard guards (a single page, or upstream dropped the schema) has no rule to keep.
        var overlay = Overlay.Parse("overlay: 1.0.0\nactions:\n  - target: $.components.schemas.Thing\n    x-elemente-guard: true\n    update: {required: [a]}\n", "test.overlay.yaml");
        var without = YamlJson.Parse("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {}}\n", "spec.yaml");

        var result = Assert.Single(overlay.Apply(without.DeepClone()));

        Assert.Equal(0, result.Matches);
        Assert.Empty(OverlayCheck.Check(overlay, without));
        Assert.Empty(OverlayCheck.Masked(overlay, without, without));
        var finding = Assert.Single(OverlayCheck.Masked(overlay, YamlJson.Parse(Spec, "spec.yaml"), without));
        Assert.Equal("matches-nothing", finding.Problem);
        Assert.Contains("matched in the committed spec and matches nothing upstream", finding.Detail);
    }

    [Fact]
    public void Apply_GuardOverAReworded_KeepsTheSpecsWordsAndAddsOnlyWhatIsMissing()
    {
        // The docs reworded b's description; the guard restates it in the old words and adds a missing c.
        const string guard = "overlay: 1.0.0\nactions:\n  - target: $.components.schemas.Thing\n    x-elemente-guard: true\n" +
            "    update: {properties: {b: {type: string, description: old words}, c: {type: string}}}\n";

        var (document, results) = ApplyTo(Fixtures.Edit(Spec, "b: {type: string}", "b: {type: string, description: new words}"), guard);

        var properties = document["components"]!["schemas"]!["Thing"]!["properties"]!;
        Assert.Equal("new words", (string?)properties["b"]!["description"]);
        Assert.Equal("string", (string?)properties["c"]!["type"]);
        Assert.True(Assert.Single(results).Changed);
    }

    [Theory]
    [InlineData("overlay: 1.0.0\nactions:\n  - target: $.a\n    x-elemente-guard: true\n    remove: true\n", "action #1: a guard ('x-elemente-guard') restates a rule, so it must be an update")]
    [InlineData("overlay: 1.0.0\nactions:\n  - target: $.a\n    x-elemente-guard: yes please\n    update: {x: 1}\n", "action #1: 'x-elemente-guard' must be true or false")]
    [InlineData("overlay: 1.0.0\nactions:\n  - description: no target\n    remove: true\n", "action #1 has no 'target'")]
    [InlineData("overlay: 1.0.0\nactions:\n  - target: $.a\n    remove: true\n    update: {x: 1}\n", "exactly one of 'update' and 'remove: true'")]
    [InlineData("overlay: 2.0.0\nactions: []\n", "'overlay: 1.x' is required")]
    [InlineData("overlay: 1.0.0\nactions: [\n", "not valid YAML")]
    public void Parse_InvalidOverlay_FailsWithReason(string overlay, string reason)
    {
        var error = Assert.Throws<SpecToolException>(() => Overlay.Parse(overlay, "bad.overlay.yaml"));

        Assert.Contains("bad.overlay.yaml", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void CommittedOverlay_OnCommittedSpec_EveryActionMatchesAndEveryCorrectionChangesSomething()
    {
        var overlay = Overlay.Parse(File.ReadAllText(Fixtures.Repo("openapi", "elemente.overlay.yaml")), "elemente.overlay.yaml");
        var document = SpecMerger.Merge(SpecPages.Load(Fixtures.CommittedPagesFolder));

        var results = overlay.Apply(document);

        Assert.Contains(results, r => r.Action.Guard);
        Assert.All(results, r =>
        {
            Assert.True(r.Matches > 0, $"{r.Action.Name} matched nothing");
            // A correction that changes nothing is no longer needed. A guard changes nothing while the docs state its rule,
            // and restores the rule once they drop it (an update taken in keeps it): either is right.
            Assert.True(r.Changed || r.Action.Guard, $"{r.Action.Name} changed nothing: it is no longer needed");
            Assert.False(string.IsNullOrWhiteSpace(r.Action.Description), $"{r.Action.Name} gives no reason");
        });
    }

    [Fact]
    public async Task OverlayCommand_TargetMatchesNothing_ExitsNonZeroNamingTheAction()
    {
        var directory = Directory.CreateTempSubdirectory("elemente-overlay-");
        try
        {
            var overlay = Path.Combine(directory.FullName, "broken.overlay.yaml");
            File.WriteAllText(overlay, """
                overlay: 1.0.0
                info: {title: t, version: '1'}
                actions:
                  - target: $.components.schemas.NoSuchSchema
                    description: Patch a schema upstream renamed.
                    update: {description: x}
                """);
            var output = Path.Combine(directory.FullName, "effective.json");
            var tool = Path.Combine(AppContext.BaseDirectory, "Elemente.SpecTool.dll");

            var (exitCode, _, stderr) = await ProcessRun.RunAsync("dotnet", [tool, "overlay", "--pages", Fixtures.CommittedPagesFolder, "--overlay", overlay, "--output", output], directory.FullName, TimeSpan.FromMinutes(1));

            Assert.Equal(2, exitCode);
            Assert.Contains("action #1 (Patch a schema upstream renamed.)", stderr);
            Assert.Contains("$.components.schemas.NoSuchSchema", stderr);
            Assert.False(File.Exists(output));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
