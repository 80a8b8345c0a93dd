namespace Elemente.SpecTool.Tests;

public sealed class ProvenanceTests
{
    [Fact]
    public void CommittedProvenance_MatchesCommittedSpec()
    {
        var provenance = Provenance.Parse(Fixtures.CommittedProvenance, "elemente.provenance.json");

        Assert.Equal("elemente.yaml", provenance.Spec);
        Assert.Equal(Provenance.Sha256Hex(Fixtures.CommittedSpec), provenance.Sha256);
        var source = Assert.Single(provenance.Sources);
        Assert.Equal(Provenance.Sha256Hex(DocsPage.ExtractYaml(Fixtures.CreateCallPage, "create-call.docs.md")), source.Sha256);
        Assert.Contains("/api-reference/", source.Url);
    }

    [Fact]
    public void Sha256Hex_KnownText_IsLowercaseHex()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Provenance.Sha256Hex("abc"));
    }

    [Fact]
    public void Parse_MissingField_Fails()
    {
        var error = Assert.Throws<SpecToolException>(() => Provenance.Parse("{\"spec\": \"elemente.yaml\"}", "p.json"));

        Assert.Equal("p.json: 'sha256' is missing or not a string", error.Message);
    }
}
