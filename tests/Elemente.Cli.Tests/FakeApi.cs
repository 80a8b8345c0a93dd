using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Elemente.Cli.Tests;

/// <summary>
/// A loopback stand-in for the Elemente API (Kestrel on 127.0.0.1, a free port), for the CLI's child processes: it
/// checks Basic credentials, creates one interaction per POST (an id each, recorded with the phone number), answers
/// gets, and can answer chosen requests with an error instead. It counts everything it received.
/// </summary>
internal sealed class FakeApi : IAsyncDisposable
{
    public const string Username = "cli-test-user";
    public const string Password = "cli-test-password-7f3a";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _faults = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _posts;

    private FakeApi(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every interaction created: id and phone number, in order.</summary>
    public ConcurrentQueue<(string Id, string? Phone, string? Email)> Created { get; } = new();

    /// <summary>When each POST arrived (since the server started) and what it got.</summary>
    public ConcurrentQueue<(TimeSpan At, int Status)> Posts { get; } = new();

    /// <summary>How long each create takes before it is answered.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Phone numbers answered with this status instead of a create.</summary>
    public ConcurrentDictionary<string, int> FailPhones { get; } = new();

    public int PostCount => Volatile.Read(ref _posts);

    public static async Task<FakeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new FakeApi(app);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        api.BaseUri = new Uri(app.Urls.Single());
        return api;
    }

    /// <summary>The next <paramref name="count"/> creates get <paramref name="status"/> (with Retry-After when given).</summary>
    public void Fail(int status, int count = 1, string? retryAfter = null)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue((status, retryAfter));
        }
    }

    public Dictionary<string, int> CreatesPerPhone() =>
        Created.GroupBy(c => c.Phone ?? c.Email ?? "").ToDictionary(g => g.Key, g => g.Count());

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Username + ":" + Password));
        if (context.Request.Headers.Authorization != expected)
        {
            await Error(context, 401, "Unauthorized");
            return;
        }

        var path = context.Request.Path.Value ?? "";
        if (context.Request.Method == "POST" && path == "/api/v1/calls")
        {
            Interlocked.Increment(ref _posts);
            using var reader = new StreamReader(context.Request.Body);
            var body = JObject.Parse(await reader.ReadToEndAsync());
            var phone = (string?)body["customerOverride"]?["phoneNumber"];
            var email = (string?)body["customerOverride"]?["email"];
            if (_faults.TryDequeue(out var fault))
            {
                Posts.Enqueue((_clock.Elapsed, fault.Status));
                if (fault.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = fault.RetryAfter;
                }

                await Error(context, fault.Status, "scripted");
                return;
            }

            if (phone is not null && FailPhones.TryGetValue(phone, out var status))
            {
                Posts.Enqueue((_clock.Elapsed, status));
                await Error(context, status, "scripted for this phone number");
                return;
            }

            Posts.Enqueue((_clock.Elapsed, 201));
            var id = "fake_" + Guid.NewGuid().ToString("N")[..20];
            Created.Enqueue((id, phone, email));
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }

            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JObject { ["id"] = id, ["customerPhone"] = phone, ["status"] = "ringing" }.ToString());
            return;
        }

        if (context.Request.Method == "GET" && path.StartsWith("/api/v1/calls/", StringComparison.Ordinal))
        {
            var id = path["/api/v1/calls/".Length..];
            var found = Created.FirstOrDefault(c => c.Id == id);
            if (found.Id is null)
            {
                await Error(context, 404, "Interaction not found");
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JObject { ["id"] = id, ["customerPhone"] = found.Phone, ["status"] = "completed", ["duration"] = 12 }.ToString());
            return;
        }

        await Error(context, 404, "Not found");
    }

    private static Task Error(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JObject { ["statusCode"] = status, ["message"] = message, ["error"] = "Error" }.ToString());
    }
}
