using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace Elemente.Benchmarks;

/// <summary>
/// 64 concurrent creates through one client over loopback Kestrel (127.0.0.1), against raw HttpClient posting the same
/// bytes and reading the answer as bytes, and the hand-written HttpClient + Newtonsoft call. Time per call; throughput
/// is its inverse. Kestrel runs in the same process, on the same cores.
/// </summary>
[MemoryDiagnoser]
public class Concurrent64
{
    private const int Calls = 64;
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private WebApplication _server = null!;
    private HttpClient _raw = null!;
    private ElementeClient _client = null!;
    private HandWrittenNewtonsoft _handWritten = null!;
    private CreateInteractionInput _input = null!;
    private byte[] _requestBytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapPost("/api/v1/calls", async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = Payloads.Small.Length;
            await context.Response.Body.WriteAsync(Payloads.Small);
        });
        _server.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

        _raw = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = address };
        _client = new ElementeClient(new ElementeClientOptions { BaseUri = address, Username = "user", Password = "secret" });
        _input = JsonConvert.DeserializeObject<CreateInteractionInput>(Payloads.RequestJson)!;
        _requestBytes = System.Text.Encoding.UTF8.GetBytes(Payloads.RequestJson);
        _handWritten = new HandWrittenNewtonsoft(_raw);

        // Each contender opens its 64 pooled connections and tiers up its code before the first measured call.
        for (var round = 0; round < 50; round++)
        {
            Task.WhenAll(RawHttpClient(), ElementeClient(), HandWrittenNewtonsoft()).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _client.Dispose();
        _server.StopAsync().GetAwaiter().GetResult();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "raw HttpClient (bytes in, bytes out)")]
    public Task RawHttpClient() => Fan(async () =>
    {
        using var content = new ByteArrayContent(_requestBytes);
        content.Headers.ContentType = Json;
        using var response = await _raw.PostAsync("api/v1/calls", content).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
    });

    [Benchmark(OperationsPerInvoke = Calls, Description = "HttpClient + Newtonsoft (hand-written)")]
    public Task HandWrittenNewtonsoft() => Fan(() => _handWritten.CreateAsync(_input));

    [Benchmark(OperationsPerInvoke = Calls, Description = "Elemente.Client")]
    public Task ElementeClient() => Fan(() => _client.Calls.CreateAsync(_input));

    private static Task Fan(Func<Task> call)
    {
        var tasks = new Task[Calls];
        for (var i = 0; i < Calls; i++)
        {
            tasks[i] = Task.Run(call);
        }

        return Task.WhenAll(tasks);
    }
}
