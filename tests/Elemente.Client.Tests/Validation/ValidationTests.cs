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
        { "sms with local number", r => { r.Channel = InteractionChannel.Sms; r.CustomerOverride.PhoneNumber = "0151 1234567"; }, new[] { "customerOverride.phoneNumber: must be E.164 (+ then 7 to 15 digits)" } },
        { "whatsapp with short customerPhone", r => { r.Channel = InteractionChannel.Whatsapp; r.CustomerOverride.PhoneNumber = null; r.CustomerPhone = "+1234"; }, new[] { "customerPhone: must be E.164 (+ then 7 to 15 digits)" } },
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
        { "sms without phone", r => { r.Channel = InteractionChannel.Sms; r.CustomerOverride.PhoneNumber = " "; }, new[] { "customerOverride.phoneNumber: must be E.164 (+ then 7 to 15 digits)", "customerOverride.phoneNumber: is required for channel sms (or set customerPhone)" } },
        { "whatsapp without phone", r => { r.Channel = InteractionChannel.Whatsapp; r.CustomerOverride.PhoneNumber = null; }, new[] { "customerOverride.phoneNumber: is required for channel whatsapp (or set customerPhone)" } },
        { "email with blank addresses", r => { r.Channel = InteractionChannel.Email; r.CustomerOverride.Email = " "; r.CustomerEmail = null; }, new[] { "customerOverride.email: must be an email address", "customerOverride.email: is required for channel email (or set customerEmail)" } },
        {
            "non-finite routing conditions",
            r => r.AgentOverride = new AgentOverrideInput
            {
                Prompt = new PromptOverride
                {
                    RoutingConditions = new Dictionary<string, object>
                    {
                        ["nan"] = double.NaN,
                        ["fine"] = 1.5,
                        ["inf"] = float.PositiveInfinity,
                        ["minusInf"] = double.NegativeInfinity,
                        ["floatNan"] = float.NaN,
                        ["text"] = "NaN",
                        ["floatFine"] = 2.5f,
                    },
                },
            },
            new[]
            {
                "agentOverride.prompt.routingConditions.nan: must be a finite number",
                "agentOverride.prompt.routingConditions.inf: must be a finite number",
                "agentOverride.prompt.routingConditions.minusInf: must be a finite number",
                "agentOverride.prompt.routingConditions.floatNan: must be a finite number",
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

    [Theory]
    [InlineData("+6834002", true)] // Niue: 7 digits, the shortest E.164 numbers in use
    [InlineData("+123456789012345", true)] // 15 digits, the E.164 maximum
    [InlineData("+4915112345678", true)]
    [InlineData("+683400", false)] // 6 digits
    [InlineData("+1234567890123456", false)] // 16 digits
    [InlineData("+4915112345678\n", false)] // a trailing newline, which a regex ending in $ accepts
    [InlineData("+4915112345678\r\n", false)]
    [InlineData("\n+4915112345678", false)]
    [InlineData("+49 151 12345678", false)]
    [InlineData("+49151123abc", false)]
    [InlineData("+49151\u0661\u0662\u0663\u0664", false)] // Arabic-Indic digits are not E.164 digits
    [InlineData("4915112345678", false)]
    [InlineData("++4915112345678", false)]
    [InlineData("+01234567890", false)] // no country code starts with 0
    [InlineData("+", false)]
    [InlineData("", false)]
    public async Task CreateAsync_PhoneNumber_IsValidExactlyWhenE164(string phone, bool valid)
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond("application/json", """{"id":"i-1"}""");
        using var client = TestClients.With(mock);
        var request = TestClients.MinimalRequest();
        request.CustomerOverride.PhoneNumber = phone;
        request.CustomerPhone = phone;

        var error = await Record.ExceptionAsync(() => client.Calls.CreateAsync(request, CancellationToken.None));

        if (valid)
        {
            Assert.Null(error);
            Assert.Equal(1, mock.GetMatchCount(any));
        }
        else
        {
            var validation = Assert.IsType<ElementeValidationException>(error);
            Assert.Contains("customerOverride.phoneNumber: must be E.164 (+ then 7 to 15 digits)", validation.Errors);
            Assert.Contains("customerPhone: must be E.164 (+ then 7 to 15 digits)", validation.Errors);
            Assert.Equal(0, mock.GetMatchCount(any));
        }
    }

    [Theory]
    [InlineData("jane@example.com", true)]
    [InlineData("jane@example.com\n", false)] // a trailing newline, which a regex ending in $ accepts
    [InlineData("jane@example", false)]
    [InlineData("jane@mail.example.co", true)]
    [InlineData("@example.com", false)]
    [InlineData("jane@.com", false)]
    [InlineData("jane@example.", false)]
    [InlineData("ja ne@example.com", false)]
    [InlineData("jane@exa mple.com", false)]
    [InlineData("jane@example.c m", false)]
    [InlineData("jane@@example.com", false)]
    [InlineData("jane@example.com x", false)]
    public async Task CreateAsync_Email_IsValidOnlyWithNothingAfterTheAddress(string email, bool valid)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", """{"id":"i-1"}""");
        using var client = TestClients.With(mock);
        var request = TestClients.MinimalRequest();
        request.CustomerOverride.Email = email;

        var error = await Record.ExceptionAsync(() => client.Calls.CreateAsync(request, CancellationToken.None));

        Assert.Equal(valid, error is null);
        if (!valid)
        {
            Assert.Equal(new[] { "customerOverride.email: must be an email address" }, Assert.IsType<ElementeValidationException>(error).Errors);
        }
    }

    [Fact]
    public async Task CreateAsync_ChannelNotSet_ThrowsNamingChannelAndSendsNothing()
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond("application/json", """{"id":"i-1"}""");
        using var client = TestClients.With(mock);
        var request = new CreateInteractionInput
        {
            AgentId = "agent-1",
            SkillId = "skill-1",
            CustomerOverride = new CustomerOverrideInput { PhoneNumber = "+4915112345678" },
        };

        var error = await Assert.ThrowsAsync<ElementeValidationException>(() => client.Calls.CreateAsync(request, CancellationToken.None));

        Assert.Equal(new[] { "channel: is required" }, error.Errors);
        Assert.Equal(0, mock.GetMatchCount(any));
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

    [Fact]
    public async Task CreateAsync_ValidationTurnedOffAndChannelNotSet_SendsNullNeverCall()
    {
        var mock = new MockHttpMessageHandler();
        var bodies = new List<string>();
        mock.When("*").With(r => { bodies.Add(r.Content!.ReadAsStringAsync().Result); return true; }).Respond("application/json", """{"id":"i-1"}""");
        var options = TestClients.Options();
        options.ValidateRequests = false;
        using var client = new ElementeClient(mock.ToHttpClient(), options);
        var request = TestClients.MinimalRequest();
        request.Channel = null;

        await client.Calls.CreateAsync(request, CancellationToken.None);

        var sent = Newtonsoft.Json.Linq.JObject.Parse(Assert.Single(bodies));
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.Null, sent["channel"]!.Type);
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

    public static TheoryData<string, Action<CreateInteractionInput>> ValidRequests => new()
    {
        { "call with customerPhone only", r => { r.CustomerOverride.PhoneNumber = null; r.CustomerPhone = "+4915112345678"; } },
        { "sms with the override's phone", r => r.Channel = InteractionChannel.Sms },
        { "email with customerEmail only", r => { r.Channel = InteractionChannel.Email; r.CustomerOverride.PhoneNumber = null; r.CustomerEmail = "jane@example.com"; } },
        { "email with the override's email", r => { r.Channel = InteractionChannel.Email; r.CustomerOverride.Email = "jane@example.com"; } },
        { "webchat without phone or email", r => { r.Channel = InteractionChannel.Webchat; r.CustomerOverride.PhoneNumber = null; } },
        { "finite voice settings", r => r.AgentOverride = new AgentOverrideInput { VoiceSpeed = 1.1, VoiceStability = 0.5 } },
        { "unique custom fields", r => r.CustomerOverride.CustomFields = new List<CustomField> { new("Order ID", "1"), new("order id", 2L), new("Paid", true) } },
    };

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public async Task CreateAsync_ValidRequest_IsSentOnce(string name, Action<CreateInteractionInput> adjust)
    {
        var mock = new MockHttpMessageHandler();
        var any = mock.When("*").Respond("application/json", """{"id":"i-1"}""");
        using var client = TestClients.With(mock);
        var request = TestClients.MinimalRequest();
        adjust(request);

        var error = await Record.ExceptionAsync(() => client.Calls.CreateAsync(request, CancellationToken.None));

        Assert.True(error is null, $"{name}: {error?.Message}");
        Assert.Equal(1, mock.GetMatchCount(any));
    }

    [Fact]
    public void Serialize_WithAFreshValidatingResolver_ThrowsForAnInvalidRequestNamingTheBody()
    {
        // A resolver builds each type's contract once and caches it, so only the first serialisation in a process runs
        // the code that attaches the validation; a fresh resolver makes this test run it (and Stryker, which runs only
        // the tests that reached a mutant, count it).
        var settings = new Newtonsoft.Json.JsonSerializerSettings { ContractResolver = new Elemente.Validation.ValidatingContractResolver() };
        var request = TestClients.MinimalRequest();
        request.AgentId = null!;

        var error = Assert.Throws<ElementeValidationException>(() => Newtonsoft.Json.JsonConvert.SerializeObject(request, settings));

        Assert.Equal(new[] { "agentId: is required" }, error.Errors);
        Assert.Equal("body", error.ParamName);
        Assert.Contains("\"agentId\":\"agent-1\"", Newtonsoft.Json.JsonConvert.SerializeObject(TestClients.MinimalRequest(), settings));
    }

    [Theory]
    [InlineData(InteractionChannel.Call)]
    [InlineData(InteractionChannel.Sms)]
    [InlineData(InteractionChannel.Whatsapp)]
    [InlineData(InteractionChannel.Email)]
    [InlineData(InteractionChannel.Webchat)]
    public void ChannelName_EveryChannel_IsItsNameOnTheWire(InteractionChannel channel)
    {
        var wire = typeof(InteractionChannel).GetField(channel.ToString())!
            .GetCustomAttributes(typeof(System.Runtime.Serialization.EnumMemberAttribute), false)
            .Cast<System.Runtime.Serialization.EnumMemberAttribute>().Single().Value;

        Assert.Equal(wire, Elemente.Validation.CreateInteractionValidator.ChannelName(channel));
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
