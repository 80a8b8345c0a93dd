using RichardSzalay.MockHttp;

namespace Elemente.Tests;

public class ValidationTests
{
    public static TheoryData<string, Action<CreateInteractionInput>, string[]> InvalidRequests => new()
    {
        { "missing ids", r => { r.AgentId = null!; r.SkillId = " "; }, new[] { "agentId: is required", "skillId: is required" } },
        { "unknown channel", r => r.Channel = (InteractionChannel)42, new[] { "channel: must be one of call, sms, whatsapp, email, webchat (got 42)" } },
        { "no customer override", r => r.CustomerOverride = null!, new[] { "customerOverride: is required", "customerOverride.phoneNumber: is required for channel call (or set customerPhone)" } },
        { "call without phone", r => r.CustomerOverride.PhoneNumber = null, new[] { "customerOverride.phoneNumber: is required for channel call (or set customerPhone)" } },
        { "sms with local number", r => { r.Channel = InteractionChannel.Sms; r.CustomerOverride.PhoneNumber = "0151 1234567"; }, new[] { "customerOverride.phoneNumber: must be E.164 (+ then 8 to 15 digits)" } },
        { "whatsapp with short customerPhone", r => { r.Channel = InteractionChannel.Whatsapp; r.CustomerOverride.PhoneNumber = null; r.CustomerPhone = "+1234"; }, new[] { "customerPhone: must be E.164 (+ then 8 to 15 digits)" } },
        { "email without address", r => r.Channel = InteractionChannel.Email, new[] { "customerOverride.email: is required for channel email (or set customerEmail)" } },
        { "malformed emails", r => { r.CustomerOverride.Email = "john at example"; r.CustomerEmail = "x@"; }, new[] { "customerOverride.email: must be an email address", "customerEmail: must be an email address" } },
        {
            "custom field problems",
            r => r.CustomerOverride.CustomFields = new List<CustomField> { new("Order ID", "1"), new("", "x"), new("Order ID", 2L), new() { Name = "Empty" }, null! },
            new[]
            {
                "customerOverride.customFields[1].name: must not be empty",
                "customerOverride.customFields[2].name: duplicates customFields[0] (names must be unique)",
                "customerOverride.customFields[3].value: is required (a string, number or boolean)",
                "customerOverride.customFields[4]: is null",
            }
        },
        { "non-finite voice settings", r => r.AgentOverride = new AgentOverrideInput { VoiceSpeed = double.NaN, VoiceStability = double.PositiveInfinity }, new[] { "agentOverride.voiceStability: must be a finite number", "agentOverride.voiceSpeed: must be a finite number" } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task CreateAsync_InvalidRequest_ListsEveryProblemByPathAndSendsNothing(string name, Action<CreateInteractionInput> breakIt, string[] expected)
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond("application/json", """{"id":"i-1"}""");
        using var client = TestClients.With(mock);
        var request = TestClients.MinimalRequest();
        breakIt(request);

        var error = await Assert.ThrowsAsync<ElementeValidationException>(() => client.Calls.CreateAsync(request, CancellationToken.None));

        Assert.True(expected.SequenceEqual(error.Errors), $"{name}: got [{string.Join(" | ", error.Errors)}]");
        Assert.IsAssignableFrom<ElementeException>(error);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(0, mock.GetMatchCount(any));
        foreach (var problem in expected)
        {
            Assert.Contains(problem, error.Message);
        }
    }

    [Fact]
    public async Task CreateAsync_InvalidPhone_MessageNeverQuotesTheNumber()
    {
        var mock = new MockHttpMessageHandler();
        using var client = TestClients.With(mock);
        var request = TestClients.MinimalRequest();
        request.CustomerOverride.PhoneNumber = "0049-151-999";

        var error = await Assert.ThrowsAsync<ElementeValidationException>(() => client.Calls.CreateAsync(request, CancellationToken.None));

        Assert.DoesNotContain("0049-151-999", error.ToString());
    }

    [Fact]
    public async Task CreateAsync_ValidationTurnedOff_SendsWhatItIsGiven()
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond("application/json", """{"id":"i-1"}""");
        var options = TestClients.Options();
        options.ValidateRequests = false;
        using var client = new ElementeClient(mock.ToHttpClient(), options);
        var request = TestClients.MinimalRequest();
        request.CustomerOverride.PhoneNumber = "not a number";

        await client.Calls.CreateAsync(request, CancellationToken.None);

        Assert.Equal(1, mock.GetMatchCount(any));
    }

    [Theory]
    [InlineData(InteractionChannel.Webchat)]
    [InlineData(InteractionChannel.Call)]
    public async Task CreateAsync_ValidRequests_AreSent(InteractionChannel channel)
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond("application/json", """{"id":"i-1"}""");
        using var client = TestClients.With(mock);
        var request = TestClients.MinimalRequest();
        request.Channel = channel;

        await client.Calls.CreateAsync(request, CancellationToken.None);

        Assert.Equal(1, mock.GetMatchCount(any));
    }

    [Fact]
    public void Serialize_OutsideTheClient_DoesNotValidate()
    {
        // Invalid for the client in two ways (phone and email), yet plain Json.NET writes it as it is.
        var request = TestClients.MinimalRequest();
        request.CustomerOverride.PhoneNumber = "local";
        request.CustomerEmail = "not an email";

        var json = Newtonsoft.Json.JsonConvert.SerializeObject(request);

        Assert.Contains("\"phoneNumber\":\"local\"", json);
        Assert.Contains("\"customerEmail\":\"not an email\"", json);
    }
}
