using System.Net;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace Elemente.Tests;

public class ResponseParsingTests
{
    private static async Task<Interaction> CreateWithResponse(string json)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.CallsUrl).Respond(HttpStatusCode.OK, "application/json", json);
        using var client = TestClients.With(mock);
        return await client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None);
    }

    [Fact]
    public async Task CreateAsync_DocsExampleResponse_ParsesEveryField()
    {
        var call = await CreateWithResponse(DocsExamples.ResponseJson);

        Assert.Equal("123e4567-e89b-12d3-a456-426614174000", call.Id);
        Assert.Equal(InteractionStatus.InProgress, call.Status);
        Assert.Equal("in-progress", call.Status.ToString());
        Assert.Equal("+1234567890", call.AgentPhone);
        Assert.Equal("John Doe", call.CustomerName);
        Assert.Equal("Hello, how can I help you?", call.Transcription);
        Assert.Equal("https://example.com/recording.wav", call.RecordingUrl);
        Assert.Equal(7200d, call.Duration);
        Assert.Equal(TimeSpan.FromHours(2), call.DurationTimeSpan);
        var message = Assert.Single(call.Messages!);
        Assert.Equal("SM1234567890abcdef", message.Sid);
        Assert.Equal(new DateTimeOffset(2025, 3, 17, 14, 30, 0, TimeSpan.Zero), message.Timestamp);
        Assert.Equal("agent", message.Sender);
        Assert.Equal("Hello, how can I assist you today?", message.Content);
        Assert.Equal("https://example.com/image.jpg", message.MediaUrl);
        Assert.Equal("delivered", message.Status);
    }

    [Fact]
    public async Task CreateAsync_InProgressCallWithOnlyId_Parses()
    {
        var call = await CreateWithResponse("""{"id":"i-1"}""");

        Assert.Equal("i-1", call.Id);
        Assert.Null(call.Status);
        Assert.Null(call.Duration);
        Assert.Null(call.DurationTimeSpan);
        Assert.Null(call.Messages);
        Assert.Null(call.Transcription);
    }

    [Fact]
    public async Task CreateAsync_EveryOptionalFieldNull_Parses()
    {
        var body = DocsExamples.Response;
        foreach (var property in body.Properties().Where(p => p.Name != "id"))
        {
            property.Value = JValue.CreateNull();
        }

        var call = await CreateWithResponse(body.ToString());

        Assert.Equal("123e4567-e89b-12d3-a456-426614174000", call.Id);
        Assert.Null(call.Status);
        Assert.Null(call.AgentEmail);
        Assert.Null(call.RecordingUrl);
        Assert.Null(call.Messages);
        Assert.Null(call.Duration);
    }

    [Fact]
    public async Task CreateAsync_UnknownFields_AreKeptNotRejected()
    {
        var call = await CreateWithResponse("""{"id":"i-1","sentiment":{"score":0.8},"cost":"2025-03-12"}""");

        Assert.Equal("i-1", call.Id);
        Assert.Equal(0.8, ((JObject)call.AdditionalProperties["sentiment"])["score"]!.Value<double>());
        // Date-like strings stay strings.
        Assert.Equal("2025-03-12", call.AdditionalProperties["cost"]);
    }

    [Theory]
    [InlineData("\"voicemail\"", "voicemail", true)]
    [InlineData("\"escalated-to-human\"", "escalated-to-human", false)]
    [InlineData("\"IN-PROGRESS\"", "IN-PROGRESS", true)]
    [InlineData("42", "42", false)]
    public async Task CreateAsync_Status_KeepsRawValueEvenWhenUnknown(string json, string raw, bool known)
    {
        var call = await CreateWithResponse($$"""{"id":"i-1","status":{{json}}}""");

        Assert.Equal(raw, call.Status.ToString());
        Assert.Equal(known, call.Status!.Value.IsKnown);
    }

    [Theory]
    [InlineData("7200", 7200d)]
    [InlineData("\"7200\"", 7200d)]
    [InlineData("7200.5", 7200.5d)]
    [InlineData("\"7200.5\"", 7200.5d)]
    [InlineData("null", null)]
    public async Task CreateAsync_Duration_ReadsNumberOrNumericString(string json, double? seconds)
    {
        var call = await CreateWithResponse($$"""{"id":"i-1","duration":{{json}}}""");

        Assert.Equal(seconds, call.Duration);
        Assert.Equal(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value), call.DurationTimeSpan);
    }

    [Fact]
    public async Task CreateAsync_MessagesAsPlainStrings_BecomeMessagesWithThatContent()
    {
        var call = await CreateWithResponse("""{"id":"i-1","messages":["Hello","How can I help?"]}""");

        Assert.Equal(new[] { "Hello", "How can I help?" }, call.Messages!.Select(m => m.Content));
        Assert.All(call.Messages!, m => Assert.Null(m.Sid));
    }

    [Fact]
    public async Task CreateAsync_MessagesMixingObjectsAndStrings_ReadsBoth()
    {
        var call = await CreateWithResponse("""{"id":"i-1","messages":[{"sid":"SM1","content":"Hi","extra":1},"plain",null]}""");

        var messages = call.Messages!.ToList();
        Assert.Equal("SM1", messages[0].Sid);
        Assert.Equal("Hi", messages[0].Content);
        Assert.Equal("plain", messages[1].Content);
    }

    [Fact]
    public async Task CreateAsync_MessagesThatAreNeitherObjectsNorStrings_KeepTheirJsonAsContent()
    {
        var call = await CreateWithResponse("""{"id":"i-1","messages":[42,["a",true]]}""");

        Assert.Equal(new[] { "42", "[\"a\",true]" }, call.Messages!.Select(m => m.Content));
    }

    [Theory]
    [InlineData("9.2e11")]
    [InlineData("-9.2e11")]
    [InlineData("1e300")]
    public async Task CreateAsync_DurationAtOrBeyondTheTimeSpanLimit_HasNoTimeSpan(string json)
    {
        // 9.2e11 s (29,000 years) is where the client stops converting, just short of TimeSpan.MaxValue.
        var call = await CreateWithResponse($$"""{"id":"i-1","duration":{{json}}}""");

        Assert.Equal(double.Parse(json, System.Globalization.CultureInfo.InvariantCulture), call.Duration);
        Assert.Null(call.DurationTimeSpan);
    }
}
