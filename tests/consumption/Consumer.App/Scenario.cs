using System.Reflection;
using System.Runtime.Versioning;
using System.Text;
using Consumer.Library;
using Elemente;
using Newtonsoft.Json.Linq;

namespace Consumer.App;

/// <summary>A create-call round trip through the packaged client, and one API error, against <see cref="FakeElemente"/>.</summary>
internal static class Scenario
{
    private const string Username = "consumer-user";
    private const string Password = "consumer-secret-7f3a";
    private const string InteractionId = "123e4567-e89b-12d3-a456-426614174000";

    /// <summary>The Create Call docs page's response example (its schema's examples), duration as the string "7200".</summary>
    private const string DocsExampleResponse = """
        {
          "id": "123e4567-e89b-12d3-a456-426614174000",
          "status": "in-progress",
          "agentPhone": "+1234567890",
          "agentEmail": "+1234567890",
          "customerPhone": "+1234567890",
          "customerEmail": "+1234567890",
          "agentId": "123e4567-e89b-12d3-a456-426614174000",
          "customerId": "123e4567-e89b-12d3-a456-426614174000",
          "skillId": "123e4567-e89b-12d3-a456-426614174000",
          "customerName": "John Doe",
          "transcription": "Hello, how can I help you?",
          "recordingUrl": "https://example.com/recording.wav",
          "messages": [
            {
              "sid": "SM1234567890abcdef",
              "timestamp": "2025-03-17T14:30:00Z",
              "sender": "agent",
              "content": "Hello, how can I assist you today?",
              "mediaUrl": "https://example.com/image.jpg",
              "status": "delivered"
            }
          ],
          "duration": "7200"
        }
        """;

    private const string BadRequestResponse = """{"statusCode":400,"message":["agentId must be a UUID"],"error":"Bad Request"}""";

    public static async Task RunAsync(Checks checks, string version, string specSha256)
    {
        CheckLoadedAssembly(checks, version, specSha256);

        using var fake = FakeElemente.Start((200, DocsExampleResponse), (400, BadRequestResponse));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = new ElementeClient(new ElementeClientOptions
        {
            BaseUri = fake.BaseUri,
            Username = Username,
            Password = Password,
            Timeout = TimeSpan.FromSeconds(20),
        });

        var request = OrderReminders.Build(
            agentId: InteractionId,
            skillId: "5f0c2a1e-0000-4000-8000-000000000001",
            phoneNumber: "+1234567890",
            orderId: "12345",
            orderDate: new DateTime(2025, 3, 12),
            amount: 150.75m,
            active: true);
        var feedback = await OrderReminders.SendAsync(client.Calls, request, timeout.Token);

        var received = fake.Requests;
        checks.That(received.Count == 1, $"one create call reached the API (got {received.Count})");
        if (received.Count > 0)
        {
            CheckRequest(checks, received[0]);
        }

        CheckResponse(checks, feedback);

        try
        {
            await client.Calls.CreateAsync(request, timeout.Token);
            checks.That(false, "a 400 answer raises ElementeApiException (nothing was raised)");
        }
        catch (ElementeApiException e)
        {
            checks.That(e.StatusCode == 400, $"ElementeApiException.StatusCode is 400 (was {e.StatusCode})");
            checks.That(!e.ToString().Contains(Password, StringComparison.Ordinal), "the exception does not contain the password");
        }

        checks.That(fake.Requests.Count == 2, $"the failed call was sent once (the API got {fake.Requests.Count} requests in all, expected 2)");
    }

    private static void CheckLoadedAssembly(Checks checks, string version, string specSha256)
    {
        var assembly = typeof(ElementeClient).Assembly;
        var framework = assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
        checks.That(framework == ".NETCoreApp,Version=v8.0", $"the app runs the package's net8.0 assembly (loaded: {framework})");
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? string.Empty;
        checks.That(
            informational == version || informational.StartsWith(version + "+", StringComparison.Ordinal),
            $"the loaded assembly is version {version} from the fresh package (was '{informational}')");
        var recordedHash = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "ElementeSpecSha256")?.Value;
        checks.That(recordedHash == specSha256, $"assembly metadata ElementeSpecSha256 is the SHA-256 of the merged openapi/pages, {specSha256} (was '{recordedHash}')");
    }

    private static void CheckRequest(Checks checks, ReceivedRequest request)
    {
        checks.That(request.Method == "POST", $"the method is POST (was {request.Method})");
        checks.That(request.Path == "/api/v1/calls" && request.Query.Length == 0, $"the target is /api/v1/calls (was {request.Path}{request.Query})");
        var expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        checks.That(request.Authorization == expectedAuthorization, "the Authorization header is HTTP Basic with the configured username and password");
        checks.That(
            request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true,
            $"the body is sent as application/json (was '{request.ContentType}')");

        JObject body;
        try
        {
            body = JObject.Parse(request.Body);
        }
        catch (Newtonsoft.Json.JsonReaderException e)
        {
            checks.That(false, $"the body is a JSON object ({e.Message}): {request.Body}");
            return;
        }

        checks.That((string?)body["agentId"] == InteractionId, $"agentId is sent (body: {request.Body})");
        checks.That((string?)body["skillId"] == "5f0c2a1e-0000-4000-8000-000000000001", "skillId is sent");
        checks.That((string?)body["channel"] == "call", $"channel is sent as \"call\" (was {body["channel"]})");
        checks.That((string?)body["customerOverride"]?["phoneNumber"] == "+1234567890", "customerOverride.phoneNumber is sent");

        var fields = body["customerOverride"]?["customFields"] as JArray;
        var expected = new (string Name, JTokenType Type, object Value)[]
        {
            ("Order ID", JTokenType.String, "12345"),
            ("Order Date", JTokenType.String, "2025-03-12"),
            ("Order Amount", JTokenType.Float, 150.75m),
            ("Active Status", JTokenType.Boolean, true),
        };
        checks.That(fields?.Count == expected.Length, $"customFields holds {expected.Length} items (was: {fields?.ToString(Newtonsoft.Json.Formatting.None) ?? "absent"})");
        for (var i = 0; i < expected.Length && fields is not null && i < fields.Count; i++)
        {
            var field = fields[i] as JObject;
            var value = field?["value"];
            var valueMatches = value?.Type == expected[i].Type && expected[i].Value switch
            {
                decimal number => value.Value<decimal>() == number,
                bool flag => value.Value<bool>() == flag,
                _ => value.Value<string>() == (string)expected[i].Value,
            };
            checks.That(
                field is not null && (string?)field["name"] == expected[i].Name && valueMatches,
                $"customFields[{i}] is the object {{\"name\": \"{expected[i].Name}\", \"value\": {expected[i].Type} {expected[i].Value}}} (was {fields[i].ToString(Newtonsoft.Json.Formatting.None)})");
        }
    }

    private static void CheckResponse(Checks checks, SanitisedFeedback feedback)
    {
        checks.That(feedback.Id == InteractionId, $"the response id is read (was '{feedback.Id}')");
        checks.That(feedback.Status == InteractionStatus.InProgress, $"the status is in-progress (was '{feedback.Status}')");
        checks.That(feedback.Duration == 7200, $"the duration \"7200\" is read as 7200 seconds (was {feedback.Duration})");
        checks.That(feedback.CustomerName == "John Doe", $"the customer name is read (was '{feedback.CustomerName}')");
        var message = feedback.Messages?.SingleOrDefault();
        checks.That(
            message is { Sender: "agent", Content: "Hello, how can I assist you today?" } && message.Timestamp == new DateTimeOffset(2025, 3, 17, 14, 30, 0, TimeSpan.Zero),
            $"the one message is read with its sender, content and time (messages: {feedback.Messages?.Count.ToString() ?? "null"})");
    }
}
