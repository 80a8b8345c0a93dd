using System.Text;
using Newtonsoft.Json.Linq;

namespace Elemente.Benchmarks;

/// <summary>The bytes every contender sends and receives: the docs example request, and two answers.</summary>
public static class Payloads
{
    public const string CallId = "123e4567-e89b-12d3-a456-426614174000";

    /// <summary>The docs example request, as this client writes it (the wire-format snapshot).</summary>
    public static readonly string RequestJson = ReadRequest();

    /// <summary>The docs example answer of Create Call (about 700 bytes).</summary>
    public static readonly byte[] Small = Encoding.UTF8.GetBytes(SmallJson().ToString(Newtonsoft.Json.Formatting.None));

    /// <summary>A finished call: a 200 KB transcription and 400 messages (about 270 KB).</summary>
    public static readonly byte[] Large = Encoding.UTF8.GetBytes(LargeJson().ToString(Newtonsoft.Json.Formatting.None));

    private static string ReadRequest()
    {
        using var stream = typeof(Payloads).Assembly.GetManifestResourceStream("request.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static JObject SmallJson() => new()
    {
        ["id"] = CallId,
        ["status"] = "in-progress",
        ["agentPhone"] = "+1234567890",
        ["agentEmail"] = "+1234567890",
        ["customerPhone"] = "+1234567890",
        ["customerEmail"] = "+1234567890",
        ["agentId"] = "123e4567-e89b-12d3-a456-426614174000",
        ["customerId"] = "123e4567-e89b-12d3-a456-426614174000",
        ["skillId"] = "123e4567-e89b-12d3-a456-426614174000",
        ["customerName"] = "John Doe",
        ["transcription"] = "Hello, how can I help you?",
        ["recordingUrl"] = "https://example.com/recording.wav",
        ["messages"] = new JArray(Message(0)),
        ["duration"] = "7200",
    };

    private static JObject Message(int i) => new()
    {
        ["sid"] = "SM1234567890abcdef" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
        ["timestamp"] = "2025-03-17T14:30:00Z",
        ["sender"] = i % 2 == 0 ? "agent" : "customer",
        ["content"] = "Hello, how can I assist you today?",
        ["mediaUrl"] = "https://example.com/image.jpg",
        ["status"] = "delivered",
    };

    private static JObject LargeJson()
    {
        var json = SmallJson();
        json["status"] = "completed";
        var transcription = new StringBuilder(200 * 1024);
        for (var line = 0; transcription.Length < 200 * 1024; line++)
        {
            transcription.Append(line % 2 == 0 ? "Agent: " : "Customer: ")
                .Append("Thank you, the order 12345 is on its way and arrives on Friday; is there anything else? \"ok\" ")
                .Append(line.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        json["transcription"] = transcription.ToString();
        json["messages"] = new JArray(Enumerable.Range(0, 400).Select(Message));
        return json;
    }
}

/// <summary>Answers every request with the same bytes, in memory, after reading the request body (as a socket would).</summary>
public sealed class FixedResponseHandler : HttpMessageHandler
{
    private readonly byte[] _body;

    public FixedResponseHandler(byte[] body) => _body = body;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var content = new ByteArrayContent(_body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content, RequestMessage = request };
        response.Headers.TryAddWithoutValidation("x-request-id", "req_0123456789");
        return response;
    }
}
