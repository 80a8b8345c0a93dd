using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

public sealed class PullCommandTests : DocsTestBase
{
    [Fact]
    public async Task Pull_PagesWhereverTheIndexSays_FetchesThemAndRecordsProvenance()
    {
        // The pages live where llms.txt says, under any prefix: nothing about their location is hard-coded.
        Server.Serve("/llms.txt", Fixtures.Index("v2/api-reference/interactions/start", Server.Root + "v2/api-reference/interactions/read.md"));
        Server.Serve("/v2/api-reference/interactions/start.md", Fixtures.CreateCallPage);
        Server.Serve("/v2/api-reference/interactions/read.md", Fixtures.GetCallPage());
        var output = Folder.File("spec.yaml");

        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--output", output);

        Assert.Equal(0, pull.ExitCode);
        Assert.Equal(["/llms.txt", "/v2/api-reference/interactions/start.md", "/v2/api-reference/interactions/read.md"], Server.Requests);
        var spec = File.ReadAllText(output);
        var document = (JObject)YamlJson.Parse(spec, output);
        Assert.Equal(["/api/v1/calls", "/api/v1/calls/{id}"], ((JObject)document["paths"]!).Properties().Select(p => p.Name));
        var provenance = Provenance.Parse(File.ReadAllText(Folder.File("spec.provenance.json")), "spec.provenance.json");
        Assert.Equal("spec.yaml", provenance.Spec);
        Assert.Equal(Provenance.Sha256Hex(spec), provenance.Sha256);
        Assert.Equal(Server.Root + "llms.txt", provenance.Index);
        Assert.Equal(
            [Server.Root + "v2/api-reference/interactions/start.md", Server.Root + "v2/api-reference/interactions/read.md"],
            provenance.Sources.Select(source => source.Url));
        Assert.Equal(Provenance.Sha256Hex(Fixtures.CommittedSpec), provenance.Sources[0].Sha256);
    }

    [Fact]
    public async Task Pull_SameDocsTwice_WritesTheSameBytes()
    {
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/calls/get-call", "/api-reference/calls/create-call"));
        Server.Serve(Fixtures.CreateCallPath, Fixtures.CreateCallPage);
        Server.Serve(Fixtures.GetCallPath, Fixtures.GetCallPage());

        await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--output", Folder.File("first.yaml"));
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/calls/create-call", "/api-reference/calls/get-call"));
        await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--output", Folder.File("second.yaml"));

        Assert.Equal(File.ReadAllBytes(Folder.File("first.yaml")), File.ReadAllBytes(Folder.File("second.yaml")));
    }

    [Fact]
    public async Task Pull_Fails_LeavesTheExistingSpecAlone()
    {
        var output = Folder.File("elemente.yaml");
        File.WriteAllText(output, Fixtures.CommittedSpec);
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/calls/create-call"));
        Server.Serve(Fixtures.CreateCallPath, "# Create Call\n\nNo OpenAPI block here.\n");

        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--output", output);

        Assert.Equal(2, pull.ExitCode);
        Assert.Equal($"error: {Server.Root}api-reference/calls/create-call.md: no ````yaml block found (is this an API reference page?)\n", pull.Error);
        Assert.Equal(Fixtures.CommittedSpec, File.ReadAllText(output));
        Assert.Equal(["elemente.yaml"], Directory.GetFiles(Folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Pull_IndexListsNoApiReferencePage_ExitsTwo()
    {
        Server.Serve("/llms.txt", Fixtures.Index());

        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--output", Folder.File("spec.yaml"));

        Assert.Equal(2, pull.ExitCode);
        Assert.Equal($"error: {Server.Root}llms.txt: lists no page whose path contains /api-reference/\n", pull.Error);
    }

    [Fact]
    public async Task Pull_BadTimeout_IsRejectedBeforeFetching()
    {
        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--timeout", "0");

        Assert.NotEqual(0, pull.ExitCode);
        Assert.Contains("--timeout must be a positive number of seconds.", pull.Error);
        Assert.Empty(Server.Requests);
    }
}
