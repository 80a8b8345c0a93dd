namespace Elemente.SpecTool.Tests;

public sealed class DocsSiteTests
{
    private static readonly Uri IndexUrl = new("https://docs.example.test/llms.txt");

    [Fact]
    public void FindApiReferencePages_LinksInEveryForm_ReturnsMarkdownExports()
    {
        var index = """
            # Docs
            - [Absolute, no .md](https://docs.example.test/api-reference/calls/create-call): a
            - [Absolute, .md](https://docs.example.test/api-reference/agents/list-agents.md)
            - [Relative to the root](/api-reference/skills/get-skill)
            - [Relative to the index](api-reference/actions/run.md#top)
            - [Other host](https://other.example.test/v2/api-reference/x/y)
            - [Guide](https://docs.example.test/guides/quickstart.md)
            - [Duplicate](https://docs.example.test/api-reference/calls/create-call.md)
            ![Image](https://docs.example.test/api-reference/diagram.png)
            """;

        var pages = DocsSite.FindApiReferencePages(index, IndexUrl);

        Assert.Equal(
            new[]
            {
                "https://docs.example.test/api-reference/calls/create-call.md",
                "https://docs.example.test/api-reference/agents/list-agents.md",
                "https://docs.example.test/api-reference/skills/get-skill.md",
                "https://docs.example.test/api-reference/actions/run.md",
                "https://other.example.test/v2/api-reference/x/y.md",
            },
            pages.Select(page => page.AbsoluteUri));
    }

    [Fact]
    public void FindApiReferencePages_NoApiReferenceLink_ReturnsNothing()
    {
        Assert.Empty(DocsSite.FindApiReferencePages("# Docs\n- [Guide](/guides/api-reference-overview.md)\n", IndexUrl));
    }

    [Fact]
    public async Task FetchAsync_PageMissing_NamesUrlAndStatus()
    {
        await using var server = await DocsServer.StartAsync();
        using var site = new DocsSite(server.Root, TimeSpan.FromSeconds(10));
        var url = new Uri(server.Root, "api-reference/missing.md");

        var error = await Assert.ThrowsAsync<SpecToolException>(() => site.FetchAsync(url, CancellationToken.None));

        Assert.Equal($"{url}: HTTP 404 Not Found", error.Message);
    }

    [Fact]
    public async Task FetchAsync_ServerNeverAnswers_FailsWithTimeout()
    {
        using var server = new SilentServer();
        using var site = new DocsSite(server.Root, TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<SpecToolException>(() => site.FetchAsync(site.IndexUrl, CancellationToken.None));

        Assert.Equal($"{server.Root}llms.txt: no answer within 1 s (timeout)", error.Message);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task FetchAsync_NothingListening_NamesUrlAndReason()
    {
        using var site = new DocsSite(FreePortRoot(), TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<SpecToolException>(() => site.FetchAsync(site.IndexUrl, CancellationToken.None));

        Assert.StartsWith($"{site.IndexUrl}: cannot be fetched (ConnectionError", error.Message);
    }

    [Fact]
    public void Constructor_NotHttp_Fails()
    {
        Assert.Throws<SpecToolException>(() => DocsSite.ParseUrl("ftp://docs.example.test"));
        Assert.Throws<SpecToolException>(() => DocsSite.ParseUrl("docs.example.test"));
    }

    private static Uri FreePortRoot()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
