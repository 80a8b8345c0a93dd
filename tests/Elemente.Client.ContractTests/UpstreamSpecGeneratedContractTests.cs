using Elemente.ContractTests.Prism;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Elemente.ContractTests;

/// <summary>
/// (b) Prism on the verbatim upstream spec, answering with data generated from its response schema (messages as
/// strings, durations as numbers, random extra properties): whatever a server that follows the spec to the letter may
/// send, the client reads. <c>--errors</c> is on, so the requests must also satisfy the verbatim spec: they carry no
/// custom fields and no agent override, which the verbatim spec types differently from the API (see docs/contract-tests.md).
/// </summary>
public sealed class UpstreamSpecGeneratedContractTests : IClassFixture<UpstreamSpecGeneratedPrismFixture>
{
    private const int Creates = 200;

    private readonly UpstreamSpecGeneratedPrismFixture _prism;

    public UpstreamSpecGeneratedContractTests(UpstreamSpecGeneratedPrismFixture prism) => _prism = prism;

    [Fact]
    public async Task CreateAsync_TwoHundredSchemaGeneratedResponses_AllParse()
    {
        var channels = Enum.GetValues<InteractionChannel>();
        var extraProperties = 0;
        var stringMessages = 0;
        for (var i = 0; i < Creates; i++)
        {
            var input = new CreateInteractionInput
            {
                AgentId = "123e4567-e89b-12d3-a456-426614174000",
                SkillId = "123e4567-e89b-12d3-a456-426614174000",
                Channel = channels[i % channels.Length],
                CustomerOverride = new CustomerOverrideInput { FirstName = "John", PhoneNumber = "+1234567890", Email = "john@example.com", Language = "en-US" },
            };

            var result = await _prism.CreateAcceptedAsync(input);

            // Compare what the client made of the response with the response itself.
            var wire = JObject.Parse(_prism.Wire.LastResponseBody!);
            var context = $"response {i + 1}: {_prism.Wire.LastResponseBody}";
            Assert.True((string)wire["id"]! == result.Id, context);
            Assert.True((string)wire["status"]! == result.Status?.ToString(), context);
            Assert.True((double)wire["duration"]! == result.Duration, context);
            var wireMessages = ((JArray)wire["messages"]!).Select(m => (string?)m).ToList();
            Assert.True(wireMessages.SequenceEqual(result.Messages!.Select(m => m.Content)), context);
            Assert.All(result.Messages!, m => Assert.Null(m.Sid));
            extraProperties += wire.Properties().Count(p => typeof(Interaction).GetProperties().All(c => !string.Equals(c.Name, p.Name, StringComparison.OrdinalIgnoreCase)));
            stringMessages += wireMessages.Count;
        }

        // The run really covered what it is about: string messages and, where Prism can make them, unknown properties.
        // Prism's generator (json-schema-faker) adds random properties to an object only when its schema has no optional
        // property; once the docs add or relax one, it adds none, and unknown properties are left to ResponseParsingTests'
        // fixed bodies.
        Assert.True(stringMessages > 0, "Prism generated no messages at all.");
        if (PrismAddsRandomProperties(CreateCallResponseSchema()))
        {
            Assert.True(extraProperties > 0, "Prism generated no extra properties at all.");
        }
    }

    // Create call's success schema in the verbatim upstream spec (its 2xx response, 200 upstream), its $ref resolved.
    private static JObject CreateCallResponseSchema()
    {
        var spec = JObject.Parse(File.ReadAllText(RepoPaths.UpstreamSpec));
        var success = ((JObject)spec.SelectToken("paths['/api/v1/calls'].post.responses")!).Properties().First(response => response.Name.StartsWith('2'));
        var schema = (JObject)success.Value.SelectToken("content['application/json'].schema")!;
        return schema["$ref"] is { } reference ? (JObject)spec.SelectToken(((string)reference!).TrimStart('#', '/').Replace('/', '.'))! : schema;
    }

    private static bool PrismAddsRandomProperties(JObject schema)
    {
        var required = ((JArray?)schema["required"] ?? new JArray()).Select(name => (string)name!).ToHashSet();
        var optional = ((JObject?)schema["properties"] ?? new JObject()).Properties().Any(p => !required.Contains(p.Name));
        return !optional && schema["additionalProperties"] is not JValue { Type: JTokenType.Boolean, Value: false };
    }
}
