using BenchmarkDotNet.Attributes;
using Newtonsoft.Json;

namespace Elemente.Benchmarks;

/// <summary>One contender of each kind over an in-memory handler answering <paramref name="body"/>.</summary>
public abstract class CallBenchmarksBase
{
    private readonly List<IDisposable> _disposables = new();

    protected HandWrittenNewtonsoft Baseline { get; private set; } = null!;
    protected HandWrittenStj Stj { get; private set; } = null!;
    protected Stock.CallsClient StockNSwag { get; private set; } = null!;
    protected ElementeClient Client { get; private set; } = null!;
    protected CreateInteractionInput Input { get; private set; } = null!;
    protected StjCreateInput StjInput { get; private set; } = null!;
    protected Stock.CreateInteractionInput StockInput { get; private set; } = null!;

    protected abstract byte[] Body { get; }

    [GlobalSetup]
    public void Setup()
    {
        var baseUri = new Uri("https://api.elemente.ai/");
        HttpClient Http()
        {
            var http = new HttpClient(new FixedResponseHandler(Body)) { BaseAddress = baseUri };
            _disposables.Add(http);
            return http;
        }

        Baseline = new HandWrittenNewtonsoft(Http());
        Stj = new HandWrittenStj(Http());
        StockNSwag = new Stock.CallsClient(Http()) { BaseUrl = baseUri.ToString() };
        Client = new ElementeClient(Http(), new ElementeClientOptions { BaseUri = baseUri, Username = "user", Password = "secret" });
        _disposables.Add(Client);
        Input = JsonConvert.DeserializeObject<CreateInteractionInput>(Payloads.RequestJson)!;
        StjInput = System.Text.Json.JsonSerializer.Deserialize(Payloads.RequestJson, StjContext.Default.StjCreateInput)!;
        StockInput = JsonConvert.DeserializeObject<Stock.CreateInteractionInput>(Payloads.RequestJson)!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        _disposables.Clear();
    }
}

/// <summary>Create Call answered with the docs example (about 700 bytes).</summary>
[MemoryDiagnoser]
public class CreateSmall : CallBenchmarksBase
{
    protected override byte[] Body => Payloads.Small;

    [Benchmark(Baseline = true, Description = "HttpClient + Newtonsoft (hand-written)")]
    public Task<Interaction> Newtonsoft() => Baseline.CreateAsync(Input);

    [Benchmark(Description = "HttpClient + STJ source generation")]
    public Task<StjCall> StjSourceGen() => Stj.CreateAsync(StjInput);

    [Benchmark(Description = "NSwag stock client")]
    public Task<Stock.Interaction> NSwagStock() => StockNSwag.CreateAsync(StockInput);

    [Benchmark(Description = "Elemente.Client")]
    public Task<Interaction> ElementeClient() => Client.Calls.CreateAsync(Input);
}

/// <summary>Get Call answered with a finished call (200 KB transcription, 400 messages).</summary>
[MemoryDiagnoser]
public class GetLarge : CallBenchmarksBase
{
    protected override byte[] Body => Payloads.Large;

    [Benchmark(Baseline = true, Description = "HttpClient + Newtonsoft (hand-written)")]
    public Task<Interaction> Newtonsoft() => Baseline.GetAsync(Payloads.CallId);

    [Benchmark(Description = "HttpClient + STJ source generation")]
    public Task<StjCall> StjSourceGen() => Stj.GetAsync(Payloads.CallId);

    [Benchmark(Description = "NSwag stock client")]
    public Task<Stock.Interaction> NSwagStock() => StockNSwag.GetAsync(Payloads.CallId);

    [Benchmark(Description = "Elemente.Client")]
    public Task<Interaction> ElementeClient() => Client.Calls.GetAsync(Payloads.CallId);
}
