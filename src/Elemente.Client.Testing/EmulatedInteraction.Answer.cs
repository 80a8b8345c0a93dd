using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Elemente.Testing;

// The answer body: what GET /api/v1/calls/{id} shows of the interaction at a moment, with its placeholders filled in.
public sealed partial class EmulatedInteraction
{
    /// <summary>The answer body at a moment: only what is known by then, as the API leaves out what it lacks.</summary>
    internal JObject ToJson(DateTimeOffset now)
    {
        var body = new JObject { ["id"] = Id };
        Add(body, "agentId", (string?)_request["agentId"]);
        Add(body, "skillId", (string?)_request["skillId"]);
        Add(body, "customerId", CustomerId());
        Add(body, "customerName", CustomerName());
        Add(body, "customerPhone", PhoneNumber);
        Add(body, "customerEmail", Email);
        Add(body, "agentPhone", (string?)_request.SelectToken("agentOverride.phone"));
        Add(body, "agentEmail", (string?)_request.SelectToken("agentOverride.email"));

        var conversation = Conversation();
        var (status, ended) = Phase(now - CreatedAt, conversation);
        body["status"] = status;
        if (ended is { } end)
        {
            AddEnding(body, conversation, end);
        }

        return body;
    }

    private void AddEnding(JObject body, EmulatedConversation conversation, TimeSpan endedAfter)
    {
        var outcome = conversation.Outcome;
        var talked = outcome is CallOutcome.Completed or CallOutcome.Closed or CallOutcome.Resolved;
        var leftVoicemail = outcome == CallOutcome.Voicemail && Channel == InteractionChannel.Call;
        if (!talked && !leftVoicemail)
        {
            return;
        }

        var length = talked ? conversation.Duration ?? _options.ConversationFor : TimeSpan.Zero;
        var start = CreatedAt + endedAfter - length;
        var said = conversation.Lines?.Select(line => (line.Sender, Fill(line.Content))).ToList()
            ?? (talked
                ? new List<(string, string)> { ("agent", FirstMessage()), ("customer", "Yes, speaking. Thank you for letting me know."), ("agent", "You're welcome. Goodbye!") }
                : new List<(string, string)> { ("agent", FirstMessage()) });
        var lines = said.Select((line, index) => (line.Item1, line.Item2, At: start + (said.Count > 1 ? TimeSpan.FromTicks(length.Ticks * index / (said.Count - 1)) : TimeSpan.Zero))).ToList();

        body["transcription"] = string.Join("\n", lines.Select(line => $"{line.Item1}: {line.Item2}"));
        body["messages"] = new JArray(lines.Select((line, index) => new JObject
        {
            ["sid"] = "SM" + Hash(Id + "/" + index.ToString(CultureInfo.InvariantCulture))[..32],
            ["timestamp"] = line.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["sender"] = line.Item1,
            ["content"] = line.Item2,
            ["status"] = "delivered",
        }));
        if (talked)
        {
            body["duration"] = Math.Round(length.TotalSeconds, 3);
        }

        if (conversation.RecordingUrl is { } recording)
        {
            body["recordingUrl"] = recording.ToString();
        }
        else if (Channel == InteractionChannel.Call)
        {
            body["recordingUrl"] = $"https://recordings.emulator.invalid/{Id}.wav";
        }
    }

    /// <summary>The agent's first message: the request's <c>initialMessage</c> (or a default) with its placeholders filled in.</summary>
    private string FirstMessage() =>
        Fill((string?)_request.SelectToken("agentOverride.prompt.initialMessage") ?? "Hello {{firstName}}, this is {{aiName}}.");

    /// <summary>A line with its placeholders filled from the request; an unknown placeholder is left as it is.</summary>
    private string Fill(string template)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["firstName"] = (string?)_request.SelectToken("customerOverride.firstName") ?? CustomerName() ?? "there",
            ["lastName"] = (string?)_request.SelectToken("customerOverride.lastName") ?? string.Empty,
            ["aiName"] = (string?)_request.SelectToken("agentOverride.name") ?? "your assistant",
        };
        foreach (var field in _request.SelectToken("customerOverride.customFields")?.OfType<JObject>() ?? Enumerable.Empty<JObject>())
        {
            if ((string?)field["name"] is { } name && field["value"] is JValue value)
            {
                values[name] = Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        return Regex.Replace(template, @"\{\{\s*([^{}]+?)\s*\}\}", match => values.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private string? CustomerName()
    {
        var first = (string?)_request.SelectToken("customerOverride.firstName");
        var last = (string?)_request.SelectToken("customerOverride.lastName");
        var name = string.Join(" ", new[] { first, last }.Where(part => !string.IsNullOrEmpty(part)));
        return name.Length > 0 ? name : NullIfEmpty((string?)_request["customerName"]);
    }

    /// <summary>A customer keeps their id across interactions: it is derived from how they are reached.</summary>
    private string? CustomerId() =>
        (PhoneNumber ?? Email) is { } key ? new Guid(Convert.FromHexString(Hash("customer/" + key)[..32])).ToString() : null;

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    private static void Add(JObject body, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            body[name] = value;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
