using System.Net;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace Elemente.Tests;

public class WireFormatTests
{
    [Fact]
    public async Task CreateAsync_DocsExampleRequest_SendsTheDocsExampleJson()
    {
        string? body = null;
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, TestClients.CallsUrl)
            .WithHeaders("Authorization", "Basic " + TestClients.BasicToken)
            .WithHeaders("Accept", "application/json")
            .With(request => request.Content!.Headers.ContentType!.MediaType == "application/json")
            .With(request =>
            {
                body = request.Content!.ReadAsStringAsync().Result;
                return true;
            })
            .Respond("application/json", DocsExamples.ResponseJson);
        using var client = TestClients.With(mock);

        await client.Calls.CreateAsync(DocsExamples.TypedRequest(), CancellationToken.None);

        mock.VerifyNoOutstandingExpectation();
        var sent = JObject.Parse(body!);
        var expected = DocsExamples.Request;
        Assert.True(JToken.DeepEquals(expected, sent), $"sent:\n{sent}\nexpected (docs examples):\n{expected}");
        AssertSameJsonTypes(expected, sent);
        Snapshot.Verify(sent.ToString(), "json");
    }

    [Fact]
    public async Task CreateAsync_UnsetOptionalFields_AreLeftOutNotSentAsNull()
    {
        using var client = SentBodies(out var bodies);
        var request = TestClients.MinimalRequest();
        request.AgentOverride = new AgentOverrideInput { Name = "Ava" };

        await client.Calls.CreateAsync(request, CancellationToken.None);

        var body = Assert.Single(bodies);
        Assert.DoesNotContain("null", body);
        Assert.Equal(
            JObject.Parse("""{"agentId":"agent-1","skillId":"skill-1","channel":"call","customerOverride":{"phoneNumber":"+4915112345678"},"agentOverride":{"name":"Ava"}}"""),
            JObject.Parse(body!),
            JToken.EqualityComparer);
    }

    [Theory]
    [InlineData(InteractionChannel.Call, "call")]
    [InlineData(InteractionChannel.Sms, "sms")]
    [InlineData(InteractionChannel.Whatsapp, "whatsapp")]
    [InlineData(InteractionChannel.Email, "email")]
    [InlineData(InteractionChannel.Webchat, "webchat")]
    public async Task CreateAsync_Channel_IsSentAsUpstreamString(InteractionChannel channel, string wire)
    {
        using var client = SentBodies(out var bodies);
        var request = TestClients.MinimalRequest();
        request.Channel = channel;
        request.CustomerOverride.Email = "john@example.com";

        await client.Calls.CreateAsync(request, CancellationToken.None);

        Assert.Equal(wire, (string?)JObject.Parse(Assert.Single(bodies))["channel"]);
    }

    [Fact]
    public async Task CreateAsync_CustomerOverrideCustomFields_SendEachValueAsItsJsonType()
    {
        using var client = SentBodies(out var bodies);
        var request = TestClients.MinimalRequest();
        request.CustomerOverride.CustomFields = new List<CustomField>
        {
            new("s", "12345"), new("l", 42L), new("d", 0.1), new("m", 150.75m), new("b", false), new("date", new DateTime(2025, 3, 12, 18, 30, 0)),
        };

        await client.Calls.CreateAsync(request, CancellationToken.None);

        var fields = (JArray)JObject.Parse(Assert.Single(bodies))["customerOverride"]!["customFields"]!;
        Assert.Equal("""[{"name":"s","value":"12345"},{"name":"l","value":42},{"name":"d","value":0.1},{"name":"m","value":150.75},{"name":"b","value":false},{"name":"date","value":"2025-03-12"}]""",
            fields.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task CreateAsync_CallerHttpClient_AuthenticatesEveryRequestAndKeepsCallerHeaders()
    {
        var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, TestClients.CallsUrl)
            .WithHeaders("Authorization", "Basic " + TestClients.BasicToken)
            .WithHeaders("X-Caller", "kept")
            .Respond("application/json", """{"id":"i-1"}""");
        var http = mock.ToHttpClient();
        http.DefaultRequestHeaders.Add("X-Caller", "kept");
        var client = new ElementeClient(http, TestClients.Options());

        await client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None);
        client.Dispose();

        mock.VerifyNoOutstandingExpectation();
        // Disposing the Elemente client leaves the caller's HttpClient usable.
        mock.When("*").Respond(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("https://example.invalid/")).StatusCode);
    }

    /// <summary>A client whose every create is answered with a minimal call; the request bodies are collected.</summary>
    private static ElementeClient SentBodies(out List<string> bodies)
    {
        var sent = new List<string>();
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.CallsUrl).Respond(async request =>
        {
            lock (sent)
            {
                sent.Add(request.Content!.ReadAsStringAsync().Result);
            }

            await Task.Yield();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"i-1"}""", System.Text.Encoding.UTF8, "application/json") };
        });
        bodies = sent;
        return TestClients.With(mock);
    }

    private static void AssertSameJsonTypes(JToken expected, JToken actual)
    {
        Assert.Equal(expected.Type, actual.Type);
        switch (expected)
        {
            case JObject obj:
                foreach (var property in obj.Properties())
                {
                    AssertSameJsonTypes(property.Value, actual[property.Name]!);
                }

                break;
            case JArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    AssertSameJsonTypes(array[i], actual[i]!);
                }

                break;
        }
    }
}
