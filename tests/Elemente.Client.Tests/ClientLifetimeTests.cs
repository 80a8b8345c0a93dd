using System.Runtime.CompilerServices;

namespace Elemente.Tests;

/// <summary>What the client's constructors refuse, what it logs under, and what its Dispose releases.</summary>
public class ClientLifetimeTests
{
    private static LambdaTransport Ok() => LambdaTransport.Answering(_ => LambdaTransport.Json("""{"id":"i-1","status":"queued"}"""));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Dispose_DisposesTheTransportOnlyWhenTheClientOwnsIt(bool ownsTransport)
    {
        var transport = Ok();
        var client = new ElementeClient(transport, ownsTransport, TestClients.Options(), null);

        client.Dispose();

        Assert.Equal(ownsTransport, transport.Disposed);
    }

    [Fact]
    public async Task Dispose_CallersHttpClient_IsLeftUsable()
    {
        var transport = Ok();
        using var httpClient = new HttpClient(transport);
        var client = new ElementeClient(httpClient, TestClients.Options());

        client.Dispose();

        Assert.False(transport.Disposed);
        using var answer = await httpClient.GetAsync(TestClients.CallsUrl);
        Assert.True(answer.IsSuccessStatusCode);
    }

    [Fact]
    public void Constructor_NullOptions_IsAnArgumentNullExceptionNamingOptions()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new ElementeClient((ElementeClientOptions)null!));

        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public async Task Logging_UsesTheElementeClientCategory()
    {
        using var logs = new CapturingLoggerProvider();
        using var client = new ElementeClient(Ok(), ownsTransport: true, TestClients.Options(), logs.Factory);

        await client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None);

        Assert.NotEmpty(logs.Records);
        Assert.All(logs.Records, record => Assert.Equal("Elemente.Client", record.Category));
    }

    [Fact]
    public void Dispose_SubclassWithAFinalizer_FinalizerDoesNotRunAfterDispose()
    {
        var finalized = new StrongBox<bool>();
        DisposeAndDrop(finalized);

        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.False(finalized.Value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DisposeAndDrop(StrongBox<bool> finalized) => new FinalizingClient(finalized).Dispose();

    private sealed class FinalizingClient(StrongBox<bool> finalized) : ElementeClient
    {
        ~FinalizingClient() => finalized.Value = true;
    }
}
