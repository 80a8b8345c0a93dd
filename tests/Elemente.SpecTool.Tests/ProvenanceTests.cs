namespace Elemente.SpecTool.Tests;

public sealed class ProvenanceTests
{
    public static TheoryData<string> CommittedPages() =>
        new(SpecPages.Load(Fixtures.PagesFolder).Select(page => page.Source));

    [Theory]
    [MemberData(nameof(CommittedPages))]
    public void CommittedPage_HasProvenanceWithItsHashAndRealDocsUrl(string file)
    {
        var path = Path.Combine(Fixtures.PagesFolder, file);

        var provenance = Provenance.Parse(File.ReadAllText(Provenance.PathFor(path)), file);

        Assert.Equal(Path.GetFileName(file), provenance.Page);
        Assert.Equal(Provenance.Sha256Hex(File.ReadAllText(path)), provenance.Sha256);
        Assert.Equal("https://docs.elemente.ai/llms.txt", provenance.Index);
        Assert.StartsWith("https://docs.elemente.ai/api-reference/endpoint/", provenance.Url);
        Assert.Equal(file, SpecPages.FileFor(new Uri(provenance.Url)));
    }

    [Fact]
    public void CreateCallProvenance_RecordsTheRealPageUrl()
    {
        var provenance = Provenance.Parse(File.ReadAllText(Provenance.PathFor(Path.Combine(Fixtures.PagesFolder, Fixtures.CreateCallFile))), "p");

        Assert.Equal("https://docs.elemente.ai/api-reference/endpoint/calls/initiate-call.md", provenance.Url);
        Assert.Equal(Provenance.Sha256Hex(DocsPage.ExtractYaml(Fixtures.CreateCallPage, "initiate-call.md")), provenance.Sha256);
    }

    [Fact]
    public void Sha256Hex_KnownText_IsLowercaseHex()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Provenance.Sha256Hex("abc"));
    }

    [Fact]
    public void Parse_MissingField_Fails()
    {
        var error = Assert.Throws<SpecToolException>(() => Provenance.Parse("{\"page\": \"get-call.yaml\"}", "p.json"));

        Assert.Equal("p.json: 'url' is missing or not a string", error.Message);
    }

    [Theory]
    [InlineData("https://docs.elemente.ai/api-reference/endpoint/calls/get-call.md", "calls/get-call.yaml")]
    [InlineData("https://docs.elemente.ai/api-reference/calls/get-call", "calls/get-call.yaml")]
    [InlineData("http://127.0.0.1:5000/v2/api-reference/interactions/read.md", "interactions/read.yaml")]
    public void FileFor_PageUrl_IsThePathAfterApiReference(string url, string file)
    {
        Assert.Equal(file, SpecPages.FileFor(new Uri(url)));
    }
}
