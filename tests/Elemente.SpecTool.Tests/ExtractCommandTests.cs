namespace Elemente.SpecTool.Tests;

public sealed class ExtractCommandTests
{
    [Fact]
    public async Task Extract_CapturedDocsPage_PrintsTheCommittedPageFile()
    {
        var extract = await ToolRunner.RunAsync("extract", Path.Combine(Fixtures.DocsFolder, Fixtures.CreateCallPath.TrimStart('/')));

        Assert.Equal(0, extract.ExitCode);
        Assert.Equal(Fixtures.CreateCallYaml, extract.Output);
    }
}
