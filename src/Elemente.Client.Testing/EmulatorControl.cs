using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Elemente.Testing;

/// <summary>
/// The control surface under <c>/__emulator/</c>, for tests in any language (the standalone server,
/// <c>elemente emulator</c>): scripts, faults, reset, and what was recorded. It needs no credentials, and its requests
/// are not recorded: they are the test's, not the code under test's.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>GET /__emulator</c>: the credentials the API routes take, the operation names, outcomes and fault kinds.</item>
/// <item><c>POST /__emulator/reset</c>: <see cref="ElementeEmulator.Reset"/>.</item>
/// <item><c>POST /__emulator/scripts</c>: <c>{"phoneNumber": "+1…"}</c> (or <c>{"next": true}</c>) with <c>outcome</c>,
/// <c>finalStatus</c>, <c>lines</c> (<c>[{"sender","content"}]</c>), <c>durationSeconds</c>, <c>recordingUrl</c>.</item>
/// <item><c>POST /__emulator/faults</c>: <c>{"kind": "status", "statusCode": 502, "operation": "Calls_Create", "count": 2}</c>
/// and the kind's settings; <c>DELETE /__emulator/faults</c> removes those not met yet.</item>
/// <item><c>GET /__emulator/interactions</c>, <c>GET /__emulator/requests</c>: what was recorded, oldest first.</item>
/// </list>
/// </remarks>
internal static class EmulatorControl
{
    public const string Prefix = "/__emulator";

    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    private static readonly (string Name, CallOutcome Outcome)[] Outcomes =
    {
        ("completed", CallOutcome.Completed), ("no-answer", CallOutcome.NoAnswer), ("busy", CallOutcome.Busy),
        ("voicemail", CallOutcome.Voicemail), ("failed", CallOutcome.Failed), ("canceled", CallOutcome.Canceled),
        ("expired", CallOutcome.Expired), ("closed", CallOutcome.Closed), ("resolved", CallOutcome.Resolved),
    };

    private static readonly string[] FaultKinds =
    {
        "rate-limited", "service-unavailable", "timeout", "reset-after-processing", "reset-before-processing", "status",
        "unreadable-body", "latency", "slow-body",
    };

    public static bool Owns(string path) =>
        path.Equals(Prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(Prefix + "/", StringComparison.OrdinalIgnoreCase);

    public static EmulatorAnswer Handle(ElementeEmulator emulator, EmulatorRequest request, string path)
    {
        var route = path[Prefix.Length..].Trim('/').ToLowerInvariant();
        try
        {
            return (request.Method, route) switch
            {
                ("GET", "") => Json(200, About(emulator)),
                ("POST", "reset") => Reset(emulator),
                ("POST", "scripts") => Script(emulator, Body(request)),
                ("POST", "faults") => Fault(emulator, Body(request)),
                ("DELETE", "faults") => ClearFaults(emulator),
                ("GET", "interactions") => Json(200, new JArray(emulator.Interactions.Select(Describe))),
                ("GET", "requests") => Json(200, new JArray(emulator.Requests.Select(Describe))),
                _ => Json(404, Problem(404, $"Cannot {request.Method} {path}: the control surface has GET {Prefix}, POST {Prefix}/reset, POST {Prefix}/scripts, POST and DELETE {Prefix}/faults, GET {Prefix}/interactions and GET {Prefix}/requests.")),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or FormatException or InvalidCastException or OverflowException)
        {
            return Json(400, Problem(400, ex.Message));
        }
    }

    private static JObject About(ElementeEmulator emulator) => new()
    {
        ["username"] = emulator.Username,
        ["password"] = emulator.Password,
        ["operations"] = new JArray(EmulatorOperations.All),
        ["outcomes"] = new JArray(Outcomes.Select(o => o.Name)),
        ["faultKinds"] = new JArray(FaultKinds),
    };

    private static EmulatorAnswer Reset(ElementeEmulator emulator)
    {
        emulator.Reset();
        return Json(200, new JObject { ["reset"] = true });
    }

    private static EmulatorAnswer ClearFaults(ElementeEmulator emulator)
    {
        emulator.ClearFaults();
        return Json(200, new JObject { ["pendingFaults"] = 0 });
    }

    private static EmulatorAnswer Script(ElementeEmulator emulator, JObject body)
    {
        var conversation = new EmulatedConversation
        {
            Outcome = (string?)body["outcome"] is { } outcome ? OutcomeNamed(outcome) : CallOutcome.Completed,
            FinalStatus = (string?)body["finalStatus"],
            Lines = body["lines"] is JArray lines
                ? lines.Select(line => new EmulatedLine((string?)line["sender"] ?? string.Empty, (string?)line["content"] ?? throw new ArgumentException("Each line needs a content."))).ToArray()
                : null,
            Duration = (double?)body["durationSeconds"] is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            RecordingUrl = (string?)body["recordingUrl"] is { } url ? new Uri(url, UriKind.RelativeOrAbsolute) : null,
        };
        if ((string?)body["phoneNumber"] is { } number)
        {
            emulator.ScriptConversation(number, conversation);
        }
        else if ((bool?)body["next"] == true)
        {
            emulator.ScriptNextConversation(conversation);
        }
        else
        {
            throw new ArgumentException("Say whom the script is for: \"phoneNumber\", or \"next\": true for the next interaction.");
        }

        return Json(201, new JObject { ["scripted"] = conversation.ToString() });
    }

    private static EmulatorAnswer Fault(ElementeEmulator emulator, JObject body)
    {
        TimeSpan? Millis(string name) => (double?)body[name] is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
        TimeSpan? Seconds(string name) => (double?)body[name] is { } s ? TimeSpan.FromSeconds(s) : null;
        var kind = Normalized((string?)body["kind"] ?? throw new ArgumentException($"Name the fault's \"kind\": {string.Join(", ", FaultKinds)}."));
        var fault = kind switch
        {
            "ratelimited" => EmulatedFault.RateLimited(Seconds("retryAfterSeconds")),
            "serviceunavailable" => EmulatedFault.ServiceUnavailable(Seconds("retryAfterSeconds")),
            "timeout" => EmulatedFault.Timeout(),
            "resetafterprocessing" or "dropconnectionafterprocessing" => EmulatedFault.ResetAfterProcessing(),
            "resetbeforeprocessing" => EmulatedFault.ResetBeforeProcessing(),
            "status" => EmulatedFault.Status(
                (int?)body["statusCode"] ?? throw new ArgumentException("A status fault needs a \"statusCode\"."),
                (string?)body["body"],
                (body["headers"] as JObject)?.Properties().ToDictionary(p => p.Name, p => (string?)p.Value ?? string.Empty, StringComparer.OrdinalIgnoreCase)),
            "unreadablebody" => EmulatedFault.UnreadableBody((int?)body["statusCode"], (string?)body["body"]),
            "latency" => EmulatedFault.Latency(Millis("delayMs") ?? throw new ArgumentException("A latency fault needs \"delayMs\"."), Millis("jitterMs")),
            "slowbody" => EmulatedFault.SlowBody(Millis("delayMs") ?? throw new ArgumentException("A slow-body fault needs \"delayMs\" (between pieces)."), (int?)body["chunkBytes"] ?? 16),
            _ => throw new ArgumentException($"'{body["kind"]}' is not a fault kind. Valid kinds: {string.Join(", ", FaultKinds)}."),
        };
        if ((string?)body["operation"] is { } operation)
        {
            fault = fault.ForOperation(operation);
        }

        emulator.InjectFault(fault, (int?)body["count"] ?? 1);
        return Json(201, new JObject { ["injected"] = fault.ToString(), ["pendingFaults"] = emulator.PendingFaults });
    }

    private static JObject Describe(EmulatedInteraction interaction) => new()
    {
        ["id"] = interaction.Id,
        ["createdAt"] = interaction.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["channel"] = ChannelName(interaction.Channel),
        ["phoneNumber"] = interaction.PhoneNumber,
        ["email"] = interaction.Email,
        ["outcome"] = Outcomes.First(o => o.Outcome == interaction.Outcome).Name,
        ["status"] = interaction.Status.ToString(),
        ["isFinal"] = interaction.IsFinal,
        ["request"] = JToken.Parse(interaction.RequestBody),
    };

    private static JObject Describe(RecordedRequest request) => new()
    {
        ["sequence"] = request.Sequence,
        ["receivedAt"] = request.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["method"] = request.Method,
        ["pathAndQuery"] = request.PathAndQuery,
        ["operation"] = request.Operation,
        ["statusCode"] = request.StatusCode,
        ["fault"] = request.Fault?.ToString(),
        ["authenticated"] = request.Authenticated,
        ["body"] = request.Body,
    };

    private static string ChannelName(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Call => "call",
        InteractionChannel.Sms => "sms",
        InteractionChannel.Whatsapp => "whatsapp",
        InteractionChannel.Email => "email",
        _ => "webchat",
    };

    private static CallOutcome OutcomeNamed(string name)
    {
        var wanted = Normalized(name);
        foreach (var (known, outcome) in Outcomes)
        {
            if (Normalized(known) == wanted)
            {
                return outcome;
            }
        }

        throw new ArgumentException($"'{name}' is not an outcome. Valid outcomes: {string.Join(", ", Outcomes.Select(o => o.Name))}.");
    }

    private static string Normalized(string name) => name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static JObject Body(EmulatorRequest request) =>
        request.Body.Length == 0 ? new JObject() : JToken.Parse(Utf8.GetString(request.Body)) as JObject ?? throw new ArgumentException("The body must be a JSON object.");

    private static JObject Problem(int status, string message) => new() { ["statusCode"] = status, ["message"] = message };

    private static EmulatorAnswer Json(int status, JToken body) =>
        new(EmulatorAction.Respond, status, Utf8.GetBytes(body.ToString(Formatting.None)), new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json; charset=utf-8" });
}
