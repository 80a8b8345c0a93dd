using Elemente.SpecTool;
using Xunit;
using Xunit.Sdk;

namespace Elemente.ContractTests.Prism;

/// <summary>
/// One Prism server per test class, and a client pointed at it. Test classes run in parallel, so each configuration
/// has its own server; the tests of one class run one after another and share the client.
/// </summary>
public abstract class PrismFixture : IAsyncLifetime
{
    /// <summary>Any credentials do: Prism checks that Basic authentication is present, not what it holds.</summary>
    public const string Username = "contract-user";

    /// <inheritdoc cref="Username"/>
    public const string Password = "contract-password";

    private readonly PrismResponses _responses;
    private readonly bool _errors;
    private PrismServer? _server;
    private HttpClient? _http;
    private ElementeClient? _client;

    private protected PrismFixture(PrismResponses responses, bool errors)
    {
        _responses = responses;
        _errors = errors;
    }

    /// <summary>Where Prism listens.</summary>
    internal Uri BaseUri => Server.BaseUri;

    /// <summary>The client under test, sending to Prism.</summary>
    public ElementeClient Client => _client ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>What went over the wire last.</summary>
    internal RecordingHandler Wire { get; } = new();

    internal PrismServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Creates through the client and fails, with Prism's reasons, if Prism rejects the request.</summary>
    public async Task<Interaction> CreateAcceptedAsync(CreateInteractionInput input)
    {
        try
        {
            return await Client.Calls.CreateAsync(input, CancellationToken.None);
        }
        catch (ElementeApiException e) when (e.StatusCode is >= 200 and < 300)
        {
            throw new XunitException(
                $"The client could not read Prism's HTTP {e.StatusCode} response: {e.InnerException?.Message ?? e.Message}\n" +
                $"Response: {e.ResponseBody}");
        }
        catch (ElementeApiException e)
        {
            throw new XunitException(
                $"Prism rejected the request with HTTP {e.StatusCode}.\nViolations: {Wire.LastViolations ?? "(none)"}\n" +
                $"Request: {Wire.LastRequestBody}\nResponse: {e.ResponseBody}\nPrism log:\n{Server.RecentLog()}");
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _server = await PrismServer.StartAsync(await SpecPathAsync(), _responses, _errors);
        try
        {
            _http = new HttpClient(Wire);
            _client = new ElementeClient(_http, new ElementeClientOptions { BaseUri = _server.BaseUri, Username = Username, Password = Password });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        _client?.Dispose();
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>The spec Prism mocks.</summary>
    private protected abstract Task<string> SpecPathAsync();
}

/// <summary>Prism on the effective (overlay-applied) spec, answering from its examples; every violation is an error.</summary>
public sealed class EffectiveSpecPrismFixture : PrismFixture
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "elemente-contract-" + Guid.NewGuid().ToString("N"));

    public EffectiveSpecPrismFixture()
        : base(PrismResponses.Examples, errors: true)
    {
    }

    /// <summary>The effective spec as JSON text, as the build makes it.</summary>
    public string EffectiveSpecJson { get; private set; } = string.Empty;

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private protected override async Task<string> SpecPathAsync()
    {
        EffectiveSpecJson = EffectiveSpec.FromFiles(RepoPaths.Pages, RepoPaths.Overlay);
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "elemente.effective.json");
        await File.WriteAllTextAsync(path, EffectiveSpecJson);
        return path;
    }
}

/// <summary>Prism on the verbatim upstream spec, answering with schema-generated data; every violation is an error.</summary>
public sealed class UpstreamSpecGeneratedPrismFixture : PrismFixture
{
    public UpstreamSpecGeneratedPrismFixture()
        : base(PrismResponses.SchemaGenerated, errors: true)
    {
    }

    private protected override Task<string> SpecPathAsync() => Task.FromResult(RepoPaths.UpstreamSpec);
}

/// <summary>
/// Prism on the verbatim upstream spec, answering from its examples. Without <c>--errors</c>: the docs example response
/// breaks the spec's own schema (duration "7200", message objects), which <c>--errors</c> would turn into a 500.
/// Invalid requests are still rejected (400, the spec's error response).
/// </summary>
public sealed class UpstreamSpecExamplesPrismFixture : PrismFixture
{
    public UpstreamSpecExamplesPrismFixture()
        : base(PrismResponses.Examples, errors: false)
    {
    }

    private protected override Task<string> SpecPathAsync() => Task.FromResult(RepoPaths.UpstreamSpec);
}
