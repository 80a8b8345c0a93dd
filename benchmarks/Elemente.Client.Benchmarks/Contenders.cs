using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Newtonsoft.Json;

namespace Elemente.Benchmarks;

/// <summary>
/// What an application would write by hand with HttpClient and Newtonsoft.Json, following Newtonsoft's own performance
/// advice: one serializer, the request as a string, the answer deserialized from the stream. The same model types as the client.
/// </summary>
public sealed class HandWrittenNewtonsoft
{
    private static readonly Newtonsoft.Json.JsonSerializer Serializer = Newtonsoft.Json.JsonSerializer.CreateDefault();
    private readonly HttpClient _http;

    public HandWrittenNewtonsoft(HttpClient http) => _http = http;

    public async Task<Interaction> CreateAsync(CreateInteractionInput input, CancellationToken cancellationToken = default)
    {
        var json = JsonConvert.SerializeObject(input);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("api/v1/calls", content, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Interaction> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync("api/v1/calls/" + Uri.EscapeDataString(id), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Interaction> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        response.EnsureSuccessStatusCode();
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new JsonTextReader(new StreamReader(stream));
        return Serializer.Deserialize<Interaction>(reader) ?? throw new InvalidOperationException("null body");
    }
}

/// <summary>HttpClient with System.Text.Json source generation: the practical lower bound.</summary>
public sealed class HandWrittenStj
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _http;

    public HandWrittenStj(HttpClient http) => _http = http;

    public async Task<StjCall> CreateAsync(StjCreateInput input, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(input, StjContext.Default.StjCreateInput));
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync("api/v1/calls", content, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StjCall> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync("api/v1/calls/" + Uri.EscapeDataString(id), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<StjCall> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        response.EnsureSuccessStatusCode();
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await System.Text.Json.JsonSerializer.DeserializeAsync(stream, StjContext.Default.StjCall, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("null body");
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StjCreateInput))]
[JsonSerializable(typeof(StjCall))]
public partial class StjContext : JsonSerializerContext
{
}

public sealed class StjCreateInput
{
    public string? AgentId { get; set; }
    public StjAgentOverride? AgentOverride { get; set; }
    public string? SkillId { get; set; }
    public StjCustomerOverride? CustomerOverride { get; set; }
    public string? CustomerName { get; set; }
    public string? CustomerPhone { get; set; }
    public string? CustomerEmail { get; set; }
    public string? Channel { get; set; }
}

public sealed class StjAgentOverride
{
    public string? Name { get; set; }
    [JsonPropertyName("imageURL")]
    public string? ImageUrl { get; set; }
    public string? Language { get; set; }
    public double? VoiceStability { get; set; }
    public double? VoiceSpeed { get; set; }
    public string? Phone { get; set; }
    public StjPrompt? Prompt { get; set; }
}

public sealed class StjPrompt
{
    public string? InitialMessage { get; set; }
    public string? Prompt { get; set; }
    public Dictionary<string, JsonElement>? RoutingConditions { get; set; }
}

public sealed class StjCustomerOverride
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? PhoneNumber { get; set; }
    public string? Email { get; set; }
    public string? Language { get; set; }
    public List<StjCustomField>? CustomFields { get; set; }
}

public sealed class StjCustomField
{
    public string? Name { get; set; }
    public JsonElement Value { get; set; }
}

public sealed class StjCall
{
    public string? Id { get; set; }
    public string? Status { get; set; }
    public string? AgentPhone { get; set; }
    public string? AgentEmail { get; set; }
    public string? CustomerPhone { get; set; }
    public string? CustomerEmail { get; set; }
    public string? AgentId { get; set; }
    public string? CustomerId { get; set; }
    public string? SkillId { get; set; }
    public string? CustomerName { get; set; }
    public string? Transcription { get; set; }
    public string? RecordingUrl { get; set; }
    public List<StjMessage>? Messages { get; set; }
    public double? Duration { get; set; }
}

public sealed class StjMessage
{
    public string? Sid { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public string? Sender { get; set; }
    public string? Content { get; set; }
    public string? MediaUrl { get; set; }
    public string? Status { get; set; }
}
