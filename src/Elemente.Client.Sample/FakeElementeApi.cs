using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Elemente.Sample;

/// <summary>
/// An in-process stand-in for the Elemente API, so the sample runs with no credentials and no network. It checks
/// what the real API checks first (method, path, Basic credentials, a JSON body with the required fields) and
/// answers with the docs' example response: duration as the string "7200" and message objects, as upstream shows.
/// </summary>
internal sealed class FakeElementeApi : HttpMessageHandler
{
    public const string Username = "sample-user";
    public const string Password = "sample-password";

    public static string ExampleResponse { get; } = ReadExampleResponse();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post || request.RequestUri?.AbsolutePath != "/api/v1/calls")
        {
            return Error(HttpStatusCode.NotFound, $"Cannot {request.Method} {request.RequestUri?.AbsolutePath}");
        }

        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes(Username + ":" + Password));
        if (request.Headers.Authorization is not { Scheme: "Basic" } auth || auth.Parameter != expected)
        {
            return Error(HttpStatusCode.Unauthorized, "Unauthorized");
        }

        var body = JObject.Parse(await request.Content!.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var missing = new[] { "agentId", "skillId", "channel", "customerOverride" }.Where(name => body[name] is null or { Type: JTokenType.Null }).ToList();
        if (missing.Count > 0)
        {
            return Error(HttpStatusCode.BadRequest, missing.Select(name => $"{name} should not be empty").ToArray());
        }

        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(ExampleResponse, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
    }

    private static HttpResponseMessage Error(HttpStatusCode status, params string[] messages)
    {
        var body = new JObject
        {
            ["statusCode"] = (int)status,
            ["message"] = new JArray(messages.Cast<object>().ToArray()),
            ["error"] = status.ToString(),
        };
        return new HttpResponseMessage(status) { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json") };
    }

    private static string ReadExampleResponse()
    {
        using var stream = typeof(FakeElementeApi).Assembly.GetManifestResourceStream("docs-example-response.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
