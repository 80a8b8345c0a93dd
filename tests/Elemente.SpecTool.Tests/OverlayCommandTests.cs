using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

public sealed class OverlayCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Overlay_CommittedFiles_WritesTheEffectiveSpec()
    {
        var output = _folder.File("effective.json");

        var overlay = await ToolRunner.RunAsync(
            "overlay", "--spec", Path.Combine(AppContext.BaseDirectory, "Fixtures", "elemente.yaml"), "--overlay", Fixtures.OverlayPath, "--output", output);

        Assert.Equal(0, overlay.ExitCode);
        var effective = JObject.Parse(File.ReadAllText(output));
        Assert.Equal("Calls_Create", effective["paths"]!["/api/v1/calls"]!["post"]!.Value<string>("operationId"));
    }
}
