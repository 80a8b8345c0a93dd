namespace Elemente.SpecTool.Tests;

/// <summary>
/// A test with a fixture docs server on 127.0.0.1 and a temporary folder holding a copy of the committed spec
/// (<see cref="SpecPath"/>); both are removed after each test.
/// </summary>
public abstract class DocsTestBase : IAsyncLifetime, IDisposable
{
    private DocsServer? _server;

    internal TempFolder Folder { get; } = new();

    internal DocsServer Server => _server ?? throw new InvalidOperationException("The server starts in InitializeAsync.");

    internal string SpecPath => Folder.File("elemente.yaml");

    public async Task InitializeAsync()
    {
        _server = await DocsServer.StartAsync();
        File.WriteAllText(SpecPath, Fixtures.CommittedSpec);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => Folder.Dispose();

    /// <summary>Serves an index listing one page, Create Call, with <paramref name="page"/> as its export.</summary>
    internal void ServeCreateCall(string page)
    {
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/calls/create-call"));
        Server.Serve(Fixtures.CreateCallPath, page);
    }

    /// <summary>Serves an index listing Create Call (the committed page) and Get Call (<paramref name="getCallPage"/>).</summary>
    internal void ServeCreateAndGetCall(string getCallPage)
    {
        Server.Serve("/llms.txt", Fixtures.Index("/api-reference/calls/create-call", "/api-reference/calls/get-call"));
        Server.Serve(Fixtures.CreateCallPath, Fixtures.CreateCallPage);
        Server.Serve(Fixtures.GetCallPath, getCallPage);
    }
}
