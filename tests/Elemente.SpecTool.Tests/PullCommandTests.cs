namespace Elemente.SpecTool.Tests;

public sealed class PullCommandTests : DocsTestBase
{
    [Fact]
    public async Task Pull_PagesWhereverTheIndexSays_WritesOneFileWithProvenancePerPage()
    {
        // The pages live where llms.txt says, under any prefix: nothing about their location is hard-coded.
        Server.Serve("/llms.txt", Fixtures.Index("v2/api-reference/interactions/start", Server.Root + "v2/api-reference/interactions/read.md"));
        Server.Serve("/v2/api-reference/interactions/start.md", Fixtures.CreateCallPage);
        Server.Serve("/v2/api-reference/interactions/read.md", Fixtures.GetCallPage());
        var pages = Folder.File("pulled");

        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--pages", pages);

        Assert.Equal(0, pull.ExitCode);
        Assert.Equal(["/llms.txt", "/v2/api-reference/interactions/start.md", "/v2/api-reference/interactions/read.md"], Server.Requests);
        Assert.Equal(Fixtures.CreateCallYaml, File.ReadAllText(Path.Combine(pages, "interactions", "start.yaml")));
        Assert.Equal(DocsPage.ExtractYaml(Fixtures.GetCallPage(), "read.md"), File.ReadAllText(Path.Combine(pages, "interactions", "read.yaml")));
        var provenance = Provenance.Parse(File.ReadAllText(Path.Combine(pages, "interactions", "read.provenance.json")), "read.provenance.json");
        Assert.Equal("read.yaml", provenance.Page);
        Assert.Equal(Server.Root + "v2/api-reference/interactions/read.md", provenance.Url);
        Assert.Equal(Server.Root + "llms.txt", provenance.Index);
        Assert.Equal(Provenance.Sha256Hex(File.ReadAllText(Path.Combine(pages, "interactions", "read.yaml"))), provenance.Sha256);
    }

    [Fact]
    public async Task Pull_FromMirrorWithCanonicalUrl_RecordsTheRealDocsUrls()
    {
        Server.ServeFolder(Fixtures.DocsFolder);

        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--canonical-url", "https://docs.elemente.ai", "--pages", PagesPath);

        Assert.Equal(0, pull.ExitCode);
        Assert.Equal(["/llms.txt", Fixtures.GetCallPath, Fixtures.CreateCallPath], Server.Requests);
        Assert.Equal(["calls/get-call.provenance.json", "calls/get-call.yaml", "calls/initiate-call.provenance.json", "calls/initiate-call.yaml"], PageFolderFiles());
        var provenance = Provenance.Parse(File.ReadAllText(Path.Combine(PagesPath, "calls", "get-call.provenance.json")), "get-call.provenance.json");
        Assert.Equal("https://docs.elemente.ai/api-reference/endpoint/calls/get-call.md", provenance.Url);
        Assert.Equal("https://docs.elemente.ai/llms.txt", provenance.Index);
        Assert.Equal(DocsPage.ExtractYaml(Fixtures.CapturedGetCallPage, "get-call.md"), File.ReadAllText(Path.Combine(PagesPath, "calls", "get-call.yaml")));
    }

    [Fact]
    public async Task Pull_FromCapturedMirror_ReproducesTheCommittedPagesAndProvenance()
    {
        // What `update --docs-url <mirror> --canonical-url https://docs.elemente.ai` wrote when it took Get call.
        Server.ServeFolder(Fixtures.DocsFolder);

        await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--canonical-url", "https://docs.elemente.ai", "--pages", PagesPath);

        foreach (var file in new[] { "calls/get-call.yaml", Fixtures.CreateCallFile })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(Fixtures.PagesFolder, file)), File.ReadAllBytes(Path.Combine(PagesPath, file)));
            var committed = Provenance.Parse(File.ReadAllText(Provenance.PathFor(Path.Combine(Fixtures.PagesFolder, file))), file);
            var pulled = Provenance.Parse(File.ReadAllText(Provenance.PathFor(Path.Combine(PagesPath, file))), file);
            Assert.Equal(committed with { FetchedAt = default }, pulled with { FetchedAt = default });
        }
    }

    [Fact]
    public async Task Pull_NewPage_AddsFilesAndLeavesTheOthersUntouched()
    {
        ServeCreateAndGetCall(Fixtures.GetCallPage());
        var before = File.GetLastWriteTimeUtc(CreateCallFilePath);
        File.SetLastWriteTimeUtc(CreateCallFilePath, before.AddHours(-1));

        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--pages", PagesPath);

        Assert.Equal(0, pull.ExitCode);
        Assert.Contains("1 new, 0 changed, 0 deleted, 1 unchanged", pull.Output);
        Assert.Equal(["calls/get-call.provenance.json", "calls/get-call.yaml", "calls/initiate-call.provenance.json", "calls/initiate-call.yaml"], PageFolderFiles());
        Assert.Equal(before.AddHours(-1), File.GetLastWriteTimeUtc(CreateCallFilePath));
        Assert.Equal(Fixtures.CreateCallYaml, File.ReadAllText(CreateCallFilePath));
        Assert.Equal(
            File.ReadAllBytes(Provenance.PathFor(Path.Combine(Fixtures.PagesFolder, Fixtures.CreateCallFile))),
            File.ReadAllBytes(Provenance.PathFor(CreateCallFilePath)));
    }

    [Fact]
    public async Task Pull_PageNoLongerListed_DeletesItsFiles()
    {
        Fixtures.WritePage(PagesPath, "calls/get-call.yaml", DocsPage.ExtractYaml(Fixtures.GetCallPage(), "get-call.md"));
        File.WriteAllText(Path.Combine(PagesPath, "calls", "get-call.provenance.json"), "{}");
        ServeCreateCall(Fixtures.CreateCallPage);

        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--pages", PagesPath);

        Assert.Equal(0, pull.ExitCode);
        Assert.Equal(["calls/initiate-call.provenance.json", "calls/initiate-call.yaml"], PageFolderFiles());
    }

    [Fact]
    public async Task Pull_SameDocsInAnotherOrder_WritesTheSameBytes()
    {
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/endpoint/calls/get-call", "/api-reference/endpoint/calls/initiate-call"));
        Server.Serve(Fixtures.CreateCallPath, Fixtures.CreateCallPage);
        Server.Serve(Fixtures.GetCallPath, Fixtures.GetCallPage());

        await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--pages", Folder.File("first"));
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/endpoint/calls/initiate-call", "/api-reference/endpoint/calls/get-call"));
        await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--pages", Folder.File("second"));

        foreach (var file in new[] { "calls/get-call.yaml", "calls/initiate-call.yaml" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(Folder.File("first"), file)), File.ReadAllBytes(Path.Combine(Folder.File("second"), file)));
        }
    }

    [Fact]
    public async Task Pull_Fails_LeavesTheExistingPagesAlone()
    {
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/endpoint/calls/initiate-call"));
        Server.Serve(Fixtures.CreateCallPath, "# Create call\n\nNo OpenAPI block here.\n");

        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--pages", PagesPath);

        Assert.Equal(2, pull.ExitCode);
        Assert.Equal($"error: {Server.Root}api-reference/endpoint/calls/initiate-call.md: no ````yaml block found (is this an API reference page?)\n", pull.Error);
        Assert.Equal(Fixtures.CreateCallYaml, File.ReadAllText(CreateCallFilePath));
        Assert.Equal(["calls/initiate-call.provenance.json", "calls/initiate-call.yaml"], PageFolderFiles());
    }

    [Fact]
    public async Task Pull_TwoPagesForOneFile_ExitsTwoNamingBoth()
    {
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/endpoint/calls/initiate-call", "/api-reference/calls/initiate-call"));
        Server.Serve(Fixtures.CreateCallPath, Fixtures.CreateCallPage);
        Server.Serve("/api-reference/calls/initiate-call.md", Fixtures.CreateCallPage);

        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--pages", PagesPath);

        Assert.Equal(2, pull.ExitCode);
        Assert.Equal(
            $"error: {Server.Root}api-reference/endpoint/calls/initiate-call.md and {Server.Root}api-reference/calls/initiate-call.md would both be stored as calls/initiate-call.yaml\n",
            pull.Error);
    }

    [Fact]
    public async Task Pull_IndexListsNoApiReferencePage_ExitsTwo()
    {
        Server.Serve("/llms.txt", Fixtures.Index());

        var pull = await ToolRunner.RunAsync("pull", "--docs-url", Server.Root.AbsoluteUri, "--pages", PagesPath);

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
