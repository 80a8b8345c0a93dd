using Elemente.SpecTool;

namespace Elemente.Tests;

public class SpecExtractionTests
{
    [Fact]
    public void ExtractYaml_CommittedDocsPage_EqualsCommittedSpecByteForByte()
    {
        var page = Repository.Fixture("create-call.docs.md");

        var yaml = DocsPage.ExtractYaml(page, "create-call.docs.md");

        var committed = File.ReadAllBytes(Repository.File("openapi", "elemente.yaml"));
        Assert.Equal(committed, new System.Text.UTF8Encoding(false).GetBytes(yaml));
    }

    [Fact]
    public void FenceLabel_CommittedDocsPage_IsMethodAndPath()
    {
        Assert.Equal("post /api/v1/calls", DocsPage.FenceLabel(Repository.Fixture("create-call.docs.md")));
    }

    [Theory]
    [InlineData("# Page\n\nno spec here\n", "no ````yaml block")]
    [InlineData("````yaml post /x\nopenapi: 3.0.0\n", "never closed")]
    public void ExtractYaml_PageWithoutCompleteBlock_FailsNamingThePage(string page, string reason)
    {
        var error = Assert.Throws<SpecToolException>(() => DocsPage.ExtractYaml(page, "broken.md"));

        Assert.Contains("broken.md", error.Message);
        Assert.Contains(reason, error.Message);
    }
}
