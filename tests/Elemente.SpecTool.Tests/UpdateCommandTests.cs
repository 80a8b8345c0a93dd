namespace Elemente.SpecTool.Tests;

public sealed class UpdateCommandTests : DocsTestBase
{
    private readonly List<(string FileName, string[] Arguments, string WorkingDirectory)> _runs = [];

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    public async Task Update_ChangedPage_WritesItRebuildsAndRunsThePublicApiTest(int testExitCode, int expectedExitCode)
    {
        var page = Fixtures.Edit(Fixtures.CreateCallPage, "        duration:\n          type: number\n", "        duration:\n          type: integer\n");
        ServeCreateCall(page);

        var update = await UpdateAsync((_, arguments, _) => arguments[0] == "test" ? testExitCode : 0);

        Assert.Equal(expectedExitCode, update.ExitCode);
        Assert.Equal(DocsPage.ExtractYaml(page, "page"), File.ReadAllText(CreateCallFilePath));
        var provenance = Provenance.Parse(File.ReadAllText(Provenance.PathFor(CreateCallFilePath)), "provenance");
        Assert.Equal(Provenance.Sha256Hex(File.ReadAllText(CreateCallFilePath)), provenance.Sha256);
        Assert.Contains("changed the type of response property SanitisedFeedback.duration: number → integer", update.Output);
        Assert.Equal(
            [
                ("dotnet", ["build", Path.Combine("src", "Elemente.Client", "Elemente.Client.csproj")]),
                ("dotnet", ["test", Path.Combine("tests", "Elemente.Client.Tests"), "--filter", "FullyQualifiedName~PublicApiTests"]),
            ],
            _runs.Select(run => (run.FileName, run.Arguments)));
        Assert.All(_runs, run => Assert.True(File.Exists(Path.Combine(run.WorkingDirectory, "Elemente.Generated.sln"))));
        Assert.Contains(expectedExitCode == 0 ? "The public API is unchanged." : "The public API snapshot test failed.", update.Output);
    }

    [Fact]
    public async Task Update_NewPage_AddsItsFilesAndChangesNoExistingFile()
    {
        ServeCreateAndGetCall(Fixtures.GetCallPage());
        var before = File.ReadAllBytes(CreateCallFilePath);

        var update = await UpdateAsync((_, arguments, _) => arguments[0] == "test" ? 1 : 0);

        Assert.Equal(1, update.ExitCode);
        Assert.Equal(["calls/get-call.provenance.json", "calls/get-call.yaml", "calls/initiate-call.provenance.json", "calls/initiate-call.yaml"], PageFolderFiles());
        Assert.Equal(before, File.ReadAllBytes(CreateCallFilePath));
        Assert.Contains("- `calls/get-call.yaml`: new\n", update.Output);
        Assert.Contains("- non-breaking: added GET /api/v1/calls/{id}: ", update.Output);
        Assert.Contains($"Added {Path.Combine(PagesPath, "calls/get-call.yaml")} and its provenance.", update.Output);
    }

    [Fact]
    public async Task Update_PagesAlreadyCurrent_RunsNothing()
    {
        ServeCreateCall(Fixtures.CreateCallPage);

        var update = await UpdateAsync((_, _, _) => 0);

        Assert.Equal(0, update.ExitCode);
        Assert.Empty(_runs);
        Assert.Contains("nothing to update", update.Output);
        Assert.Equal(["calls/initiate-call.provenance.json", "calls/initiate-call.yaml"], PageFolderFiles());
    }

    [Fact]
    public async Task Update_ClientNoLongerBuilds_ExitsTwoAfterWritingThePages()
    {
        ServeCreateCall(Fixtures.Edit(Fixtures.CreateCallPage, "        duration:\n          type: number\n", "        duration:\n          type: integer\n"));

        var update = await UpdateAsync((_, _, _) => 1);

        Assert.Equal(2, update.ExitCode);
        Assert.Single(_runs);
        Assert.Contains("type: integer", File.ReadAllText(CreateCallFilePath));
        Assert.StartsWith("error: " + Path.Combine("src", "Elemente.Client", "Elemente.Client.csproj") + " no longer builds from the new spec (errors above).", update.Error);
    }

    [Fact]
    public async Task Update_UpstreamUnreachable_TouchesNothing()
    {
        using var silent = new SilentServer();

        var update = await ToolRunner.RunAsync(Record((_, _, _) => 0), "update", "--docs-url", silent.Root.AbsoluteUri, "--pages", PagesPath, "--overlay", Fixtures.OverlayPath, "--timeout", "1");

        Assert.Equal(2, update.ExitCode);
        Assert.Empty(_runs);
        Assert.Equal(Fixtures.CreateCallYaml, File.ReadAllText(CreateCallFilePath));
        Assert.Equal(["calls/initiate-call.provenance.json", "calls/initiate-call.yaml"], PageFolderFiles());
    }

    private Task<ToolResult> UpdateAsync(Func<string, string[], string, int> exitCode) =>
        ToolRunner.RunAsync(Record(exitCode), "update", "--docs-url", Server.Root.AbsoluteUri, "--pages", PagesPath, "--overlay", Fixtures.OverlayPath, "--timeout", "10");

    private ProcessRunner Record(Func<string, string[], string, int> exitCode) => (fileName, arguments, workingDirectory, _) =>
    {
        _runs.Add((fileName, arguments.ToArray(), workingDirectory));
        return Task.FromResult(exitCode(fileName, arguments.ToArray(), workingDirectory));
    };
}
