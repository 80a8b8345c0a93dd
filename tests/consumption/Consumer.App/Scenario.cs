using System.Reflection;
using System.Runtime.Versioning;
using Consumer.Library;
using Elemente;
using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace Consumer.App;

/// <summary>A create-call round trip through the packaged client and one API error, against the packaged emulator; then user-style tests.</summary>
internal static class Scenario
{
    private const string Username = "consumer-user";
    private const string Password = "consumer-secret-7f3a";
    private const string AgentId = "123e4567-e89b-12d3-a456-426614174000";

    public static async Task RunAsync(Checks checks, string version, string specSha256)
    {
        CheckLoadedAssembly(checks, version, specSha256);
        await RoundTripOverLoopbackAsync(checks);
        await UserStyleTestsAsync(checks);
    }

    /// <summary>The packaged client against the packaged emulator's server on 127.0.0.1: what goes over the wire.</summary>
    private static async Task RoundTripOverLoopbackAsync(Checks checks)
    {
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { Username = Username, Password = Password });
        var baseUri = await emulator.StartServerAsync();
        checks.That(baseUri.Host == "127.0.0.1", $"the emulator serves on 127.0.0.1 (was {baseUri})");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = new ElementeClient(new ElementeClientOptions
        {
            BaseUri = baseUri,
            Username = Username,
            Password = Password,
            Timeout = TimeSpan.FromSeconds(20),
        });

        var request = OrderReminders.Build(
            agentId: AgentId,
            skillId: "5f0c2a1e-0000-4000-8000-000000000001",
            phoneNumber: "+1234567890",
            orderId: "12345",
            orderDate: new DateTime(2025, 3, 12),
            amount: 150.75m,
            active: true);
        var feedback = await OrderReminders.SendAsync(client.Calls, request, timeout.Token);

        var received = emulator.Requests;
        checks.That(received.Count == 1, $"one create call reached the API (got {received.Count})");
        if (received.Count > 0)
        {
            CheckRequest(checks, received[0]);
        }

        var placed = emulator.Interactions;
        checks.That(placed.Count == 1 && placed[0].Id == feedback.Id, $"the response's id is the emulator's interaction (was '{feedback.Id}')");
        checks.That(feedback.Status == InteractionStatus.Queued, $"a new call is queued (was '{feedback.Status}')");
        checks.That(feedback.CustomerPhone == "+1234567890" && feedback.CustomerName == "John", $"the customer is read back (was '{feedback.CustomerName}' '{feedback.CustomerPhone}')");

        // An answer the API refuses: with the client's own checks off, the emulator's 400 names the field.
        using var unchecked_ = new ElementeClient(new ElementeClientOptions { BaseUri = baseUri, Username = Username, Password = Password, ValidateRequests = false });
        var noChannel = OrderReminders.Build(AgentId, "s", "+1234567890", "1", new DateTime(2025, 3, 12), 1m, true);
        noChannel.Channel = null;
        try
        {
            await unchecked_.Calls.CreateAsync(noChannel, timeout.Token);
            checks.That(false, "a 400 answer raises ElementeApiException (nothing was raised)");
        }
        catch (ElementeApiException e)
        {
            checks.That(e.StatusCode == 400, $"ElementeApiException.StatusCode is 400 (was {e.StatusCode})");
            checks.That(e.Errors.Contains("channel should not be empty"), $"the 400's messages name the field (were: {string.Join("; ", e.Errors)})");
            checks.That(!e.ToString().Contains(Password, StringComparison.Ordinal), "the exception does not contain the password");
        }

        checks.That(emulator.Requests.Count == 2, $"the refused call was sent once (the API got {emulator.Requests.Count} requests in all, expected 2)");
        checks.That(emulator.Interactions.Count == 1, "the refused call created nothing");
    }

    /// <summary>What a user's test of their own code looks like: the emulator in memory, on a fake clock.</summary>
    private static async Task UserStyleTestsAsync(Checks checks)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        emulator.ScriptOutcome("+12155550100", CallOutcome.Busy);
        using var client = emulator.CreateClient(new ElementeClientOptions { RetryDelay = TimeSpan.FromMilliseconds(1) });

        // "When the order ships, the customer gets a call."
        var shipped = await OrderReminders.SendAsync(client.Calls, OrderReminders.Build(AgentId, "s", "+12155550142", "A-1", new DateTime(2026, 3, 1), 20m, true), CancellationToken.None);
        checks.That(emulator.Interactions.Any(i => i.PhoneNumber == "+12155550142" && i.Request.CustomerOverride?.CustomFields?.Any(f => f.Name == "Order ID" && f.Value.ToString() == "A-1") == true),
            "user-style test: the shipped order's customer got a call carrying the order id");
        clock.Advance(TimeSpan.FromMinutes(1));
        var done = await client.Calls.GetAsync(shipped.Id);
        checks.That(done.Status == InteractionStatus.Completed && done.Transcription is not null && done.DurationTimeSpan == TimeSpan.FromSeconds(30),
            $"user-style test: a minute later the call is completed with a transcription and a duration (was '{done.Status}', {done.DurationTimeSpan})");

        // "A busy line is retried tomorrow": the consumer's code sees busy, a final status.
        var busy = await OrderReminders.SendAsync(client.Calls, OrderReminders.Build(AgentId, "s", "+12155550100", "A-2", new DateTime(2026, 3, 1), 20m, true), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        var busyNow = await client.Calls.GetAsync(busy.Id);
        checks.That(busyNow.Status == InteractionStatus.Busy && busyNow.Status?.IsFinal == true, $"user-style test: the scripted busy line ends busy (was '{busyNow.Status}')");

        // "A rate limit slows us down but loses nothing."
        emulator.InjectFault(EmulatedFault.RateLimited(TimeSpan.Zero), count: 2);
        var before = emulator.Interactions.Count;
        var limited = await OrderReminders.SendAsync(client.Calls, OrderReminders.Build(AgentId, "s", "+12155550143", "A-3", new DateTime(2026, 3, 1), 20m, true), CancellationToken.None);
        var statuses = emulator.Requests.Skip(emulator.Requests.Count - 3).Select(r => r.StatusCode).ToList();
        checks.That(emulator.Interactions.Count == before + 1 && emulator.Interactions[^1].Id == limited.Id && statuses.SequenceEqual(new int?[] { 429, 429, 201 }),
            $"user-style test: two 429s are retried and exactly one call is placed (statuses: {string.Join(", ", statuses)})");
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

    private static void CheckRequest(Checks checks, RecordedRequest request)
    {
        checks.That(request.Method == "POST", $"the method is POST (was {request.Method})");
        checks.That(request.PathAndQuery == "/api/v1/calls", $"the target is /api/v1/calls (was {request.PathAndQuery})");
        checks.That(request.Authenticated, "the Authorization header is HTTP Basic with the configured username and password");
        var contentType = request.Headers.TryGetValue("Content-Type", out var type) ? type : null;
        checks.That(
            contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true,
            $"the body is sent as application/json (was '{contentType}')");

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

        checks.That((string?)body["agentId"] == AgentId, $"agentId is sent (body: {request.Body})");
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
}
