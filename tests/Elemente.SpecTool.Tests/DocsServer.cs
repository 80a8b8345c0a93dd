using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Elemente.SpecTool.Tests;

/// <summary>
/// A docs site on 127.0.0.1 (Kestrel, a free port): serves the files set with <see cref="Serve"/>, answers 404 for
/// anything else, and records every path requested. Stopped on dispose.
/// </summary>
internal sealed class DocsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);

    private DocsServer(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    /// <summary>The site's root URL, ending with a slash.</summary>
    public Uri Root { get; }

    /// <summary>Every path requested, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<DocsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        DocsServer? server = null;
        app.Run(context => server!.Answer(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server = new DocsServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    /// <summary>Serves <paramref name="text"/> at <paramref name="path"/> (e.g. <c>/llms.txt</c>).</summary>
    public void Serve(string path, string text) => _files[path] = text;

    /// <summary>Serves every file under <paramref name="folder"/> at its path relative to it (<c>llms.txt</c> at <c>/llms.txt</c>).</summary>
    public void ServeFolder(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            Serve("/" + Path.GetRelativePath(folder, file).Replace('\\', '/'), File.ReadAllText(file));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Answer(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue(path);
        if (!_files.TryGetValue(path, out var text))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = path.EndsWith(".txt", StringComparison.Ordinal) ? "text/plain; charset=utf-8" : "text/markdown; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text));
    }
}
