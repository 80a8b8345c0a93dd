using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Elemente.Testing;

/// <summary>
/// The socket way in: Kestrel on 127.0.0.1, answering each request through the emulator's core. Built on an empty
/// WebApplication builder, so no configuration file, environment variable or logging provider of the host applies.
/// </summary>
internal sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<EmulatorServer> StartAsync(ElementeEmulator emulator, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.Run(context => ServeAsync(emulator, context));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"The Elemente emulator cannot listen on 127.0.0.1:{port}: the port is taken.", ex);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new EmulatorServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        // Held requests end with the emulator's Stopping token or their connection; give them a moment, then close.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task ServeAsync(ElementeEmulator emulator, HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        EmulatorAnswer answer;
        try
        {
            answer = await emulator.HandleAsync(new EmulatorRequest(
            context.Request.Method,
            context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent(),
            headers,
            context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null,
            buffer.ToArray()), context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // Stopped, or the client left, while a latency fault held the request.
            context.Abort();
            return;
        }

        switch (answer.Action)
        {
            case EmulatorAction.Stall:
                try
                {
                    await emulator.HoldAsync(null, context.RequestAborted).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                {
                }

                context.Abort();
                return;
            case EmulatorAction.Drop:
            case EmulatorAction.ResetBefore:
                context.Abort();
                return;
            default:
                context.Response.StatusCode = answer.StatusCode;
                foreach (var header in answer.Headers)
                {
                    context.Response.Headers[header.Key] = header.Value;
                }

                context.Response.ContentLength = answer.Body.Length;
                if (answer.ChunkDelay is { } delay)
                {
                    try
                    {
                        await SlowContent.WriteSlowlyAsync(emulator, answer.Body, answer.ChunkBytes, delay, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                    {
                        context.Abort();
                    }

                    return;
                }

                await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
                return;
        }
    }
}
