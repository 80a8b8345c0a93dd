namespace Elemente.SpecTool.Tests;

/// <summary>
/// A test with a fixture docs server on 127.0.0.1 and a temporary pages folder (<see cref="PagesPath"/>) that starts
/// with the committed Create call page and its provenance only, whatever else openapi/pages holds; both are removed
/// after each test.
/// </summary>
public abstract class DocsTestBase : IAsyncLifetime, IDisposable
{
    private DocsServer? _server;

    internal TempFolder Folder { get; } = new();

    internal DocsServer Server => _server ?? throw new InvalidOperationException("The server starts in InitializeAsync.");

    internal string PagesPath => Folder.File("pages");

    internal string CreateCallFilePath => Path.Combine(PagesPath, Fixtures.CreateCallFile);

    public async Task InitializeAsync()
    {
        _server = await DocsServer.StartAsync();
        Fixtures.WritePage(PagesPath, Fixtures.CreateCallFile, Fixtures.CreateCallYaml);
        File.Copy(Provenance.PathFor(Path.Combine(Fixtures.PagesFolder, Fixtures.CreateCallFile)), Provenance.PathFor(CreateCallFilePath));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => Folder.Dispose();

    /// <summary>Makes <paramref name="folder"/> a git repository whose HEAD holds its files as they are now.</summary>
    internal static async Task CommitAsync(string folder)
    {
        foreach (var git in new[] { new[] { "init", "-q" }, ["add", "-A"], ["-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "as committed"] })
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", git) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await error);
        }
    }

    /// <summary>Every file under the pages folder, relative to it, sorted.</summary>
    internal IReadOnlyList<string> PageFolderFiles() =>
        Directory.EnumerateFiles(PagesPath, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(PagesPath, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Serves an index listing one page, Create call, with <paramref name="page"/> as its export.</summary>
    internal void ServeCreateCall(string page)
    {
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/endpoint/calls/initiate-call"));
        Server.Serve(Fixtures.CreateCallPath, page);
    }

    /// <summary>Serves an index listing Create call (the committed page) and Get call (<paramref name="getCallPage"/>).</summary>
    internal void ServeCreateAndGetCall(string getCallPage)
    {
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/endpoint/calls/initiate-call", "/api-reference/endpoint/calls/get-call"));
        Server.Serve(Fixtures.CreateCallPath, Fixtures.CreateCallPage);
        Server.Serve(Fixtures.GetCallPath, getCallPage);
    }
}
