using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Elemente.Cli;

/// <summary>
/// <c>--emulator</c>: an in-process stand-in for the Elemente API, so a first try needs no account and no network.
/// It accepts creates (one id each), and answers gets with a status that moves from ringing through answer to
/// completed over a few seconds. (Temporary: to be replaced by Elemente.Client.Testing's emulator.)
/// </summary>
internal static class Emulation
{
    private const string User = "emulator";
    private const string Secret = "emulator-password";

    public static ElementeClient CreateClient(int? maxRetries)
    {
        var options = new ElementeClientOptions
        {
            BaseUri = new Uri("http://127.0.0.1/"),
            Username = User,
            Password = Secret,
            ApplicationId = "elemente-cli",
        };
        if (maxRetries is { } retries)
        {
            options.MaxRetries = retries;
        }

#pragma warning disable CA2000 // the client owns nothing here; the HttpClient lives as long as the process
        return new ElementeClient(new HttpClient(new Handler()), options);
#pragma warning restore CA2000
    }

    private sealed class Handler : HttpMessageHandler
    {
        private readonly ConcurrentDictionary<string, (JObject Call, DateTimeOffset Created)> _calls = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Post && path == "/api/v1/calls")
            {
                var body = JObject.Parse(await request.Content!.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                var id = "emu_" + Guid.NewGuid().ToString("N")[..16];
                var call = new JObject
                {
                    ["id"] = id,
                    ["agentId"] = body["agentId"],
                    ["skillId"] = body["skillId"],
                    ["customerPhone"] = body["customerOverride"]?["phoneNumber"],
                    ["customerEmail"] = body["customerOverride"]?["email"],
                    ["customerName"] = body["customerOverride"]?["firstName"],
                    ["status"] = "ringing",
                };
                _calls[id] = (call, DateTimeOffset.UtcNow);
                return Json(request, HttpStatusCode.Created, call);
            }

            const string Prefix = "/api/v1/calls/";
            if (request.Method == HttpMethod.Get && path.StartsWith(Prefix, StringComparison.Ordinal))
            {
                if (!_calls.TryGetValue(Uri.UnescapeDataString(path[Prefix.Length..]), out var entry))
                {
                    return Json(request, HttpStatusCode.NotFound, new JObject { ["statusCode"] = 404, ["message"] = "Interaction not found", ["error"] = "Not Found" });
                }

                var age = DateTimeOffset.UtcNow - entry.Created;
                var copy = (JObject)entry.Call.DeepClone();
                copy["status"] = age < TimeSpan.FromSeconds(1) ? "ringing" : age < TimeSpan.FromSeconds(3) ? "answer" : "completed";
                if (age >= TimeSpan.FromSeconds(3))
                {
                    copy["duration"] = 42;
                    copy["transcription"] = "Agent: Hello! Customer: Hi. (emulated)";
                }

                return Json(request, HttpStatusCode.OK, copy);
            }

            return Json(request, HttpStatusCode.NotFound, new JObject { ["statusCode"] = 404, ["message"] = $"Cannot {request.Method} {path}", ["error"] = "Not Found" });
        }

        private static HttpResponseMessage Json(HttpRequestMessage request, HttpStatusCode status, JObject body) =>
            new(status) { Content = new StringContent(body.ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json"), RequestMessage = request };
    }
}
