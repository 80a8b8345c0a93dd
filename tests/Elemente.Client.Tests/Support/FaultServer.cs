using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Elemente.Tests;

/// <summary>
/// A Kestrel server on 127.0.0.1 (a free port) that plays a script: the n-th request gets the n-th fault, later ones a
/// success. It counts every request that reached it, by method.
/// </summary>
internal sealed class FaultServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly ConcurrentDictionary<string, int> _received = new();

    private FaultServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<FaultServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FaultServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUri = new Uri(app.Urls.Single());
        return server;
    }

    /// <summary>Queues what the next requests get, in order.</summary>
    public FaultServer Then(params Func<HttpContext, Task>[] steps)
    {
        foreach (var step in steps)
        {
            _script.Enqueue(step);
        }

        return this;
    }

    public int Received(string method) => _received.TryGetValue(method, out var count) ? count : 0;

    public ElementeClientOptions Options(int maxRetries = 2, TimeSpan? timeout = null) => new()
    {
        BaseUri = BaseUri,
        Username = TestClients.Username,
        Password = TestClients.Password,
        MaxRetries = maxRetries,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    public static Func<HttpContext, Task> Status(int status, string? retryAfter = null) => context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync($$"""{"statusCode":{{status}},"message":"scripted {{status}}","error":"Scripted"}""");
    };

    /// <summary>Drops the connection once the request has arrived (a reset, no response).</summary>
    public static Func<HttpContext, Task> Reset() => context =>
    {
        context.Abort();
        return Task.CompletedTask;
    };

    /// <summary>Holds the request without answering until the client gives up.</summary>
    public static Func<HttpContext, Task> Hang() => context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);

    private async Task HandleAsync(HttpContext context)
    {
        _received.AddOrUpdate(context.Request.Method, 1, (_, n) => n + 1);

        // Read the whole body first: the request has fully arrived before any fault is played.
        using (var reader = new StreamReader(context.Request.Body))
        {
            await reader.ReadToEndAsync();
        }

        if (_script.TryDequeue(out var step))
        {
            try
            {
                await step(context);
            }
            catch (OperationCanceledException)
            {
                // The client went away (a timeout); nothing to answer.
            }

            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"id":"call-1","status":"queued"}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
