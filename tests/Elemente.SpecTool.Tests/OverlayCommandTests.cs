using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

public sealed class OverlayCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Overlay_CommittedFiles_WritesTheEffectiveAndTheMergedSpec()
    {
        var (output, merged) = (_folder.File("effective.json"), _folder.File("merged.json"));

        var overlay = await ToolRunner.RunAsync(
            "overlay", "--pages", Fixtures.PagesFolder, "--overlay", Fixtures.OverlayPath, "--output", output, "--merged-output", merged);

        Assert.Equal(0, overlay.ExitCode);
        var effective = JObject.Parse(File.ReadAllText(output));
        Assert.Equal("Calls_Create", effective["paths"]!["/api/v1/calls"]!["post"]!.Value<string>("operationId"));
        Assert.Equal(YamlJson.ToJson(SpecMerger.Merge(SpecPages.Load(Fixtures.PagesFolder))), File.ReadAllText(merged));
    }

    [Fact]
    public async Task Merge_CommittedPages_WritesTheVerbatimMergeAsJson()
    {
        var output = _folder.File("upstream.json");

        var merge = await ToolRunner.RunAsync("merge", "--pages", Fixtures.PagesFolder, "--output", output);

        Assert.Equal(0, merge.ExitCode);
        var merged = JObject.Parse(File.ReadAllText(output));
        Assert.Equal("InteractionController_createConversation", merged["paths"]!["/api/v1/calls"]!["post"]!.Value<string>("operationId"));
    }

    [Fact]
    public async Task Overlay_NoPages_ExitsTwoSayingSo()
    {
        var empty = Directory.CreateDirectory(_folder.File("pages")).FullName;

        var overlay = await ToolRunner.RunAsync("overlay", "--pages", empty, "--overlay", Fixtures.OverlayPath, "--output", _folder.File("e.json"));

        Assert.Equal(2, overlay.ExitCode);
        Assert.StartsWith($"error: {empty}: no page files (*.yaml)", overlay.Error);
    }
}
