using Elemente.ContractTests.Prism;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Elemente.ContractTests;

/// <summary>
/// (c) Prism on the verbatim upstream spec, answering from its examples: the docs example response, whose duration is
/// the string "7200" and whose messages are objects although the schema says number and strings.
/// </summary>
public sealed class UpstreamSpecExamplesContractTests : IClassFixture<UpstreamSpecExamplesPrismFixture>
{
    private const string ExampleUuid = "123e4567-e89b-12d3-a456-426614174000";

    private readonly UpstreamSpecExamplesPrismFixture _prism;

    public UpstreamSpecExamplesContractTests(UpstreamSpecExamplesPrismFixture prism) => _prism = prism;

    [Fact]
    public async Task CreateAsync_DocsExampleResponse_ParsesStringDurationAndMessageObjects()
    {
        var result = await _prism.CreateAcceptedAsync(new CreateInteractionInput
        {
            AgentId = ExampleUuid,
            SkillId = ExampleUuid,
            Channel = InteractionChannel.Call,
            CustomerOverride = new CustomerOverrideInput { FirstName = "John", LastName = "Doe", PhoneNumber = "+1234567890", Email = "admin@email.com" },
        });

        // Prism sent the quirks themselves.
        var wire = JObject.Parse(_prism.Wire.LastResponseBody!);
        Assert.Equal(JTokenType.String, wire["duration"]!.Type);
        Assert.Equal(JTokenType.Object, wire["messages"]![0]!.Type);

        Assert.Equal(ExampleUuid, result.Id);
        Assert.Equal(InteractionStatus.InProgress, result.Status);
        Assert.Equal(7200, result.Duration);
        Assert.Equal(TimeSpan.FromHours(2), result.DurationTimeSpan);
        var message = Assert.Single(result.Messages!);
        Assert.Equal(("SM1234567890abcdef", "agent", "delivered"), (message.Sid, message.Sender, message.Status));
        Assert.Equal(new DateTimeOffset(2025, 3, 17, 14, 30, 0, TimeSpan.Zero), message.Timestamp);
        Assert.Equal("Hello, how can I assist you today?", message.Content);
    }

    [Fact]
    public async Task CreateAsync_CustomFieldsAgainstVerbatimSpec_RejectedBecauseItsSchemaSaysString()
    {
        // Why the overlay exists: the verbatim spec types customFields items as strings, the API takes {name, value}.
        // Should upstream fix its schema, this fails and the overlay's customFields actions can go.
        var input = new CreateInteractionInput
        {
            AgentId = ExampleUuid,
            SkillId = ExampleUuid,
            Channel = InteractionChannel.Call,
            CustomerOverride = new CustomerOverrideInput { PhoneNumber = "+1234567890", CustomFields = [new CustomField("Order ID", "12345")] },
        };

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => _prism.Client.Calls.CreateAsync(input, CancellationToken.None));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("customerOverride.customFields.0 must be string", _prism.Wire.LastViolations);
    }
}
