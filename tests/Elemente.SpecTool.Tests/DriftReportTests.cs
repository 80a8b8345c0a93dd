namespace Elemente.SpecTool.Tests;

public sealed class DriftReportTests
{
    private static readonly Overlay CommittedOverlay = Overlay.Parse(File.ReadAllText(Fixtures.OverlayPath), "elemente.overlay.yaml");

    private static DriftReport Report(string committedYaml, string upstreamYaml, NamesFile? names = null, CommittedNaming? committedNaming = null) => DriftReport.Create(
        Pulled(upstreamYaml),
        [new SpecPage(Fixtures.CreateCallFile, committedYaml)],
        "openapi/pages",
        CommittedOverlay,
        names,
        committedNaming);

    // The report from the scenario's Create call to upstream's, and the effective spec built from upstream's.
    private static (DriftReport Report, Newtonsoft.Json.Linq.JObject Effective) ReportAndEffectiveSpec(string upstreamYaml) =>
        (Report(Fixtures.CreateCallYaml, upstreamYaml), EffectiveSpec.BuildDocument([new SpecPage(Fixtures.CreateCallFile, upstreamYaml)], File.ReadAllText(Fixtures.OverlayPath), "elemente.overlay.yaml"));

    private static PulledSpec Pulled(string upstreamYaml) => new(
        new Uri("https://docs.elemente.ai/llms.txt"),
        [new PulledPage(new Uri("https://docs.elemente.ai" + Fixtures.CreateCallPath), Fixtures.CreateCallFile, upstreamYaml)],
        DateTimeOffset.UnixEpoch);

    [Fact]
    public void ToMarkdown_ResponseNumberMadeNonNullable_ListsItUnderCodeHasToChange()
    {
        var committed = Fixtures.Edit(Fixtures.CreateCallYaml, "        duration:\n          type: number\n", "        duration:\n          type: number\n          nullable: true\n");

        var report = Report(committed, Fixtures.CreateCallYaml);

        var markdown = report.ToMarkdown();
        Assert.Contains("## Code has to change once `update` regenerates (1)\n", markdown);
        Assert.Contains("- **code change**: made response property SanitisedFeedback.duration non-nullable (POST /api/v1/calls): ", markdown);
        Assert.DoesNotContain("## Breaking changes", markdown);
        Assert.Equal((0, 1), (report.BreakingCount, report.CodeChangeCount));
        Assert.Contains("\"impact\": \"code-change\"", report.ToJson());
    }

    [Fact]
    public void Create_ChannelEnumChangedUpstream_NamesTheOverlayActionsThatHardCodeIt()
    {
        var upstream = Fixtures.Edit(Fixtures.CreateCallYaml, "            - email\n            - webchat\n", "            - email\n            - webchat\n            - voice\n");

        var report = Report(Fixtures.CreateCallYaml, upstream);

        var findings = report.OverlayFindings.Where(finding => finding.Problem == "upstream-changed").ToList();
        var copies = Assert.Single(findings, finding => finding.Action.CopiedFrom.Count > 0);
        Assert.Contains("InteractionChannel", copies.Action.Update!.ToString());
        Assert.Contains("`$.components.schemas.CreateInteractionInput.properties.channel.enum` (which the action copies)", copies.Detail);
        Assert.Contains(findings, finding => finding.Action.Remove && finding.Action.Target == "$.components.schemas.CreateInteractionInput.properties.channel");
        Assert.Contains($"- {copies.Action.Name}, upstream-changed: upstream changed", report.ToMarkdown());
    }

    [Fact]
    public void Create_DocsDropSecurityAndARequiredField_TheGuardsKeepBothAndTheReportSaysSo()
    {
        // The docs loosen two rules the API enforces and this library enforces by hand: Basic credentials, and skillId.
        var upstream = Fixtures.Edit(Fixtures.Edit(Fixtures.CreateCallYaml, "      security:\n        - basic: []\n", ""), "        - skillId\n        - customerOverride\n", "        - customerOverride\n");

        var (report, effective) = ReportAndEffectiveSpec(upstream);

        var guards = report.OverlayFindings.Where(finding => finding.Action.Guard).ToList();
        Assert.Equal(2, guards.Count);
        Assert.All(guards, finding => Assert.Equal("guard-keeps", finding.Problem));
        Assert.Contains(guards, finding => finding.Action.Update!["security"] is not null);
        Assert.Contains(guards, finding => finding.Action.Update!["required"] is not null);
        Assert.Contains("guard-keeps: upstream dropped part of what the guard", report.ToMarkdown());
        Assert.Equal("[{\"basic\":[]}]", effective["paths"]!["/api/v1/calls"]!["post"]!["security"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Contains("skillId", effective["components"]!["schemas"]!["CreateInteractionInput"]!["required"]!.Values<string>());
        // Once update has taken the change in, the guards keep the rules without a report: the drift is over.
        Assert.DoesNotContain(Report(upstream, upstream).OverlayFindings, finding => finding.Action.Guard);
    }

    [Fact]
    public void Create_DocsDropAnErrorTheEmulatorAnswers_TheGuardKeepsItDeclared()
    {
        // Create call's 400 (the emulator's answer to an invalid request) no longer listed.
        var upstream = Fixtures.Edit(Fixtures.CreateCallYaml, "        '400':\n          description: Bad Request\n", "");

        var (report, effective) = ReportAndEffectiveSpec(upstream);

        var guard = Assert.Single(report.OverlayFindings, finding => finding.Action.Guard);
        Assert.Equal("guard-keeps", guard.Problem);
        Assert.Equal("Bad Request", (string?)effective["paths"]!["/api/v1/calls"]!["post"]!["responses"]!["400"]!["description"]);
    }

    [Theory]
    // Reworded: a guard never overwrites the docs' words.
    [InlineData("        '400':\n          description: Bad Request\n", "        '400':\n          description: Invalid input\n", "paths['/api/v1/calls'].post.responses['400'].description", "Invalid input")]
    // Added under a guard: it reaches the client (the guard masks nothing).
    [InlineData("        - skillId\n        - customerOverride\n", "        - skillId\n        - customerOverride\n        - customerPhone\n", "components.schemas.CreateInteractionInput.required[4]", "customerPhone")]
    public void Create_DocsChangeWhatAGuardRestatesButKeepTheRule_NoGuardIsReportedAndTheDocsWin(string find, string replace, string path, string expected)
    {
        var (report, effective) = ReportAndEffectiveSpec(Fixtures.Edit(Fixtures.CreateCallYaml, find, replace));

        Assert.DoesNotContain(report.OverlayFindings, finding => finding.Action.Guard);
        Assert.Equal(expected, (string?)effective.SelectToken(path));
    }

    [Fact]
    public void Create_ChangeOutsideOverlayTargets_NamesNoOverlayAction()
    {
        var upstream = Fixtures.Edit(Fixtures.CreateCallYaml, "          description: Your skill UUID\n", "          format: uuid\n          description: Your skill UUID\n");

        var report = Report(Fixtures.CreateCallYaml, upstream);

        Assert.Empty(report.OverlayFindings);
        Assert.Single(report.Changes);
    }

    [Fact]
    public void Create_ResponsePropertyThatTheOverlayPatchesChanged_NamesThePatchingAction()
    {
        // The overlay sets duration's example, description and nullable; upstream changing its example is masked by that action.
        var upstream = Fixtures.Edit(Fixtures.CreateCallYaml, "          description: Session duration in seconds\n          example: '7200'\n", "          description: Session duration in seconds\n          example: '3600'\n");

        var report = Report(Fixtures.CreateCallYaml, upstream);

        var finding = Assert.Single(report.OverlayFindings);
        Assert.Equal("$.components.schemas.SanitisedFeedback.properties.duration", finding.Action.Target);
        Assert.Contains("`$.components.schemas.SanitisedFeedback.properties.duration.example` (which the action patches)", finding.Detail);
    }

    [Fact]
    public void Create_NamesFileEditedSinceTheCommit_ListsEachRenameAsBreakingWithWhatCallersChange()
    {
        var committedNames = File.ReadAllText(Fixtures.Repo("openapi", "names.yaml"));
        var names = NamesFile.Parse(Fixtures.Edit(Fixtures.Edit(committedNames, "    method: Create\n", "    method: Start\n"), ": Interaction\n", ": CallRecord\n"), "names.yaml");

        var report = Report(Fixtures.CreateCallYaml, Fixtures.CreateCallYaml, names, new CommittedNaming(CommittedOverlay, NamesFile.Parse(committedNames, "names.yaml")));

        Assert.True(report.HasDrift);
        Assert.Equal((2, 0), (report.BreakingCount, report.CodeChangeCount));
        var markdown = report.ToMarkdown();
        Assert.Contains("## Breaking changes (2)\n", markdown);
        Assert.Contains(
            "- **BREAKING**: renamed `Calls.CreateAsync` to `Calls.StartAsync` in openapi/names.yaml (POST /api/v1/calls): " +
            "callers change `CreateAsync` to `StartAsync` and `CreateWithResponseAsync` to `StartWithResponseAsync`, and test doubles override the new names",
            markdown);
        Assert.Contains(
            "- **BREAKING**: renamed the type `Interaction` to `CallRecord` in openapi/names.yaml (`#/components/schemas/SanitisedFeedback`): code that names `Interaction` changes it to `CallRecord`",
            markdown);
        Assert.Contains("\"kind\": \"renamed\"", report.ToJson());
    }

    [Fact]
    public void Create_OverlayActionAddedThatRenamesAnOperation_ListsTheRenameAsBreaking()
    {
        var overlayText = File.ReadAllText(Fixtures.OverlayPath) +
            "  - target: $.paths['/api/v1/calls'].post\n    description: Rename.\n    update:\n      x-elemente-name: Start\n";
        var names = NamesFile.Load(Fixtures.Repo("openapi", "names.yaml"));

        var report = DriftReport.Create(Pulled(Fixtures.CreateCallYaml), [new SpecPage(Fixtures.CreateCallFile, Fixtures.CreateCallYaml)], "openapi/pages",
            Overlay.Parse(overlayText, "elemente.overlay.yaml"), names, new CommittedNaming(CommittedOverlay, names));

        var rename = Assert.Single(report.Changes);
        Assert.Equal(("renamed", DriftImpact.Breaking), (rename.Kind, rename.Impact));
        Assert.Equal("renamed `Calls.CreateAsync` to `Calls.StartAsync` by an overlay action", rename.Summary);
        Assert.Equal(["POST /api/v1/calls"], rename.Operations);
    }

    [Fact]
    public void Create_NamesAsCommitted_ReportsNoRename()
    {
        var names = NamesFile.Load(Fixtures.Repo("openapi", "names.yaml"));

        var report = Report(Fixtures.CreateCallYaml, Fixtures.Edit(Fixtures.CreateCallYaml, "summary: Create Call", "summary: Create a call"), names, new CommittedNaming(CommittedOverlay, names));

        Assert.Empty(report.Changes);
        Assert.Contains("the convention would rename `Calls.CreateAsync` to `Calls.CreateAAsync`", report.ToMarkdown());
    }
}
