namespace Elemente.SpecTool.Tests;

public sealed class DriftReportTests
{
    private static readonly Overlay CommittedOverlay = Overlay.Parse(File.ReadAllText(Fixtures.OverlayPath), "elemente.overlay.yaml");

    private static DriftReport Report(string committedYaml, string upstreamYaml) => DriftReport.Create(
        new PulledSpec(
            new Uri("https://docs.elemente.ai/llms.txt"),
            [new PulledPage(new Uri("https://docs.elemente.ai" + Fixtures.CreateCallPath), Fixtures.CreateCallFile, upstreamYaml)],
            DateTimeOffset.UnixEpoch),
        [new SpecPage(Fixtures.CreateCallFile, committedYaml)],
        "openapi/pages",
        CommittedOverlay);

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
}
