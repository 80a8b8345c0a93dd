namespace Elemente.SpecTool.Tests;

public sealed class ExtractCommandTests
{
    [Fact]
    public async Task Extract_CommittedDocsPage_PrintsTheCommittedSpec()
    {
        var extract = await ToolRunner.RunAsync("extract", Path.Combine(AppContext.BaseDirectory, "Fixtures", "create-call.docs.md"));

        Assert.Equal(0, extract.ExitCode);
        Assert.Equal(Fixtures.CommittedSpec, extract.Output);
    }
}
