using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Elemente.ContractTests.Prism;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Elemente.ContractTests;

/// <summary>
/// (a) Prism on the effective (overlay-applied) spec with <c>--errors</c>: every request the client builds must pass
/// Prism's validation, and the client must read Prism's answer (the spec's examples, themselves checked against the
/// response schema by <c>--errors</c>).
/// </summary>
public sealed class EffectiveSpecContractTests : IClassFixture<EffectiveSpecPrismFixture>
{
    private const string ExampleUuid = "123e4567-e89b-12d3-a456-426614174000";

    private readonly EffectiveSpecPrismFixture _prism;

    public EffectiveSpecContractTests(EffectiveSpecPrismFixture prism) => _prism = prism;

    public static TheoryData<InteractionChannel, bool, bool> Matrix()
    {
        var data = new TheoryData<InteractionChannel, bool, bool>();
        foreach (var channel in Enum.GetValues<InteractionChannel>())
        {
            foreach (var withAgentOverride in new[] { false, true })
            {
                foreach (var withCustomerOverride in new[] { false, true })
                {
                    data.Add(channel, withAgentOverride, withCustomerOverride);
                }
            }
        }

        return data;
    }

    public static TheoryData<string> CustomFieldValueKinds() => new(CustomFieldValues.Keys);

    [Fact]
    public async Task CreateAsync_DocsExampleRequest_PassesPrismValidationAndReadsExampleResponse()
    {
        var result = await _prism.CreateAcceptedAsync(Elemente.Tests.DocsExamples.TypedRequest());

        // The custom fields went out exactly as in the docs example: "12345", "2025-03-12", 150.75, true.
        var sent = JObject.Parse(_prism.Wire.LastRequestBody!)["customerOverride"]!["customFields"];
        var documented = Elemente.Tests.DocsExamples.Request["customerOverride"]!["customFields"];
        Assert.True(JToken.DeepEquals(documented, sent), $"Custom fields sent: {sent}");
        Assert.Equal(ExampleId(), result.Id);
        // Prism answers a status from the InteractionStatus schema (its first known value), not the docs example.
        Assert.Equal((string?)JObject.Parse(_prism.Wire.LastResponseBody!)["status"], result.Status?.ToString());
        Assert.Equal(7200, result.Duration);
        var message = Assert.Single(result.Messages!);
        Assert.Equal("SM1234567890abcdef", message.Sid);
        Assert.Equal(new DateTimeOffset(2025, 3, 17, 14, 30, 0, TimeSpan.Zero), message.Timestamp);
        Assert.Equal("Hello, how can I assist you today?", message.Content);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task CreateAsync_ChannelAndOverrides_PassesPrismValidation(InteractionChannel channel, bool withAgentOverride, bool withCustomerOverride)
    {
        var input = new CreateInteractionInput { AgentId = ExampleUuid, SkillId = ExampleUuid, Channel = channel };
        if (withAgentOverride)
        {
            // An override is partial: only what differs from the agent's own settings.
            input.AgentOverride = new AgentOverrideInput
            {
                Name = "Ada",
                VoiceSpeed = 1.1,
                Prompt = new PromptOverride { InitialMessage = "Hello {{firstName}}", RoutingConditions = new Dictionary<string, object> { ["priority"] = "high" } },
            };
        }

        if (withCustomerOverride)
        {
            input.CustomerOverride = new CustomerOverrideInput
            {
                FirstName = "Grace",
                PhoneNumber = "+12673624524",
                Email = "grace@example.com",
                Language = "en-US",
                CustomFields = CustomFieldValues.Select(kind => new CustomField(kind.Key, kind.Value.Value)).ToList(),
            };
        }
        else
        {
            // customerOverride is required: without overrides it is empty and the customer comes from these fields.
            input.CustomerName = "Grace Hopper";
            input.CustomerPhone = "+12673624524";
            input.CustomerEmail = "grace@example.com";
        }

        var result = await _prism.CreateAcceptedAsync(input);

        Assert.Equal(ExampleId(), result.Id);
    }

    [Theory]
    [MemberData(nameof(CustomFieldValueKinds))]
    public async Task CreateAsync_CustomFieldOfEachValueType_PassesPrismValidation(string kind)
    {
        var input = new CreateInteractionInput
        {
            AgentId = ExampleUuid,
            SkillId = ExampleUuid,
            Channel = InteractionChannel.Sms,
            CustomerOverride = new CustomerOverrideInput { PhoneNumber = "+12673624524", CustomFields = [new CustomField(kind, CustomFieldValues[kind].Value)] },
        };

        var result = await _prism.CreateAcceptedAsync(input);

        Assert.Equal(ExampleId(), result.Id);
        // Prism accepts a string for any value (the spec allows strings), so check the JSON type went out unchanged.
        var sent = JObject.Parse(_prism.Wire.LastRequestBody!).SelectToken("customerOverride.customFields[0].value");
        Assert.True(JToken.DeepEquals(JToken.Parse(CustomFieldValues[kind].Json), sent), $"Sent {sent?.ToString(Newtonsoft.Json.Formatting.None)}");
    }

    [Fact]
    public async Task PrismValidation_CustomFieldItemAsString_RejectsRequest()
    {
        // The negative control: what the verbatim spec declares (string items) is what the effective spec forbids,
        // so a client regressing to it fails the tests above.
        using var response = await PostRawAsync(
            """{"agentId":"a","skillId":"s","channel":"call","customerOverride":{"customFields":["Order ID: 12345"]}}""",
            authorization: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("customerOverride.customFields.0 must be object", Violations(response));
    }

    [Fact]
    public async Task PrismSecurity_RequestWithoutBasicAuthorization_IsRejected()
    {
        // The operation requires HTTP Basic, so every accepted request above proves the client sent it.
        using var response = await PostRawAsync("""{"agentId":"a","skillId":"s","channel":"call","customerOverride":{}}""", authorization: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await _prism.CreateAcceptedAsync(new CreateInteractionInput { AgentId = "a", SkillId = "s", Channel = InteractionChannel.Call, CustomerPhone = "+12673624524" });
        Assert.Equal(
            "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PrismFixture.Username}:{PrismFixture.Password}")),
            _prism.Wire.LastAuthorization);
    }

    /// <summary>A value of each type a custom field takes, and the JSON it must travel as.</summary>
    private static readonly IReadOnlyDictionary<string, (CustomFieldValue Value, string Json)> CustomFieldValues = new Dictionary<string, (CustomFieldValue, string)>
    {
        ["string"] = ("12345", "\"12345\""),
        ["long"] = (9_007_199_254_740_993L, "9007199254740993"),
        ["double"] = (0.1, "0.1"),
        ["decimal"] = (150.75m, "150.75"),
        ["bool"] = (true, "true"),
        ["DateTime"] = (new DateTime(2025, 3, 12, 17, 45, 0), "\"2025-03-12\""),
        ["DateOnly"] = (new CustomFieldValue(new DateOnly(2025, 3, 12)), "\"2025-03-12\""),
    };

    private static string Violations(HttpResponseMessage response) =>
        response.Headers.TryGetValues("sl-violations", out var values) ? string.Join(" ", values) : string.Empty;

    /// <summary>The id Prism answers with: the example of Interaction.id in the effective spec.</summary>
    private string ExampleId() =>
        (string)JObject.Parse(_prism.EffectiveSpecJson).SelectToken("components.schemas.Interaction.properties.id.example")!;

    private async Task<HttpResponseMessage> PostRawAsync(string json, bool authorization)
    {
        using var http = new HttpClient { BaseAddress = _prism.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/calls") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (authorization)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("someone:secret")));
        }

        return await http.SendAsync(request);
    }
}
