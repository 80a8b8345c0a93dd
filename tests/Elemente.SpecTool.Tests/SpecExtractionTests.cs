namespace Elemente.SpecTool.Tests;

public class SpecExtractionTests
{
    /// <summary>Every committed page whose docs page was captured under tests/fixtures/docs (at the path of its real URL).</summary>
    public static TheoryData<string> CapturedPages() => new(CapturedFiles());

    private static IEnumerable<string> CapturedFiles() =>
        SpecPages.Load(PagesFolder).Select(page => page.Source).Where(file => File.Exists(CapturedPath(file)));

    private static string PagesFolder => Fixtures.CommittedPagesFolder;

    [Theory]
    [MemberData(nameof(CapturedPages))]
    public void ExtractYaml_CapturedDocsPage_EqualsCommittedPageFileByteForByte(string file)
    {
        var yaml = DocsPage.ExtractYaml(File.ReadAllText(CapturedPath(file)), file);

        Assert.Equal(File.ReadAllBytes(Path.Combine(PagesFolder, file)), new System.Text.UTF8Encoding(false).GetBytes(yaml));
    }

    [Fact]
    public void CapturedPages_IncludeCreateCall()
    {
        Assert.Contains("calls/initiate-call.yaml", CapturedFiles());
    }

    [Fact]
    public void FenceLabel_CreateCallDocsPage_IsMethodAndPath()
    {
        Assert.Equal("post /api/v1/calls", DocsPage.FenceLabel(File.ReadAllText(CapturedPath("calls/initiate-call.yaml"))));
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

    // The captured export of a page: tests/fixtures/docs at the path of the URL its provenance records.
    private static string CapturedPath(string file)
    {
        var provenance = Provenance.Parse(File.ReadAllText(Provenance.PathFor(Path.Combine(PagesFolder, file))), file);
        return Fixtures.Repo(["tests", "fixtures", "docs", .. new Uri(provenance.Url).AbsolutePath.TrimStart('/').Split('/')]);
    }
}
