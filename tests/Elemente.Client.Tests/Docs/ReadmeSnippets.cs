namespace Elemente.Tests;

/// <summary>The README's code, compiled. <see cref="ReadmeTests"/> checks that the README shows exactly this.</summary>
internal static class ReadmeSnippets
{
    public static async Task<Interaction> Usage(HttpClient httpClient, CancellationToken cancellationToken)
    {
        #region readme-usage
        var options = new ElementeClientOptions { BaseUri = new Uri("https://api.elemente.ai"), Username = "...", Password = "...", Timeout = TimeSpan.FromSeconds(30) };
        using var client = new ElementeClient(options);               // owns its HttpClient
        var shared = new ElementeClient(httpClient, options);         // the caller's HttpClient (IHttpClientFactory)
        Interaction call = await client.Calls.CreateAsync(new CreateInteractionInput
        {
            AgentId = "...", SkillId = "...", Channel = InteractionChannel.Call,
            AgentOverride = new AgentOverrideInput { Name = "Ava", Prompt = new PromptOverride { InitialMessage = "Hello {{firstName}}", Prompt = "...", RoutingConditions = new Dictionary<string, object> { ["priority"] = "high" } } },
            CustomerOverride = new CustomerOverrideInput
            {
                FirstName = "John", PhoneNumber = "+1234567890",
                CustomFields = new List<CustomField> { new CustomField("Order ID", "12345"), new CustomField("Order Amount", 150.75m), new CustomField("Active Status", true) },
            },
        }, cancellationToken);
        // call.Id; call.Status (ToString() is the raw value); call.Duration (double?, seconds);
        // call.Messages: each with Sid, Timestamp, Sender, Content, MediaUrl, Status
        #endregion
        return call;
    }

    public static async Task<Interaction> PackageUsage(CancellationToken cancellationToken)
    {
        #region package-usage
        var options = new ElementeClientOptions { Username = "...", Password = "..." };   // or from configuration: see below
        using var client = new ElementeClient(options);   // one per application; thread-safe
        Interaction call = await client.Calls.CreateAsync(new CreateInteractionInput
        {
            AgentId = "...", SkillId = "...", Channel = InteractionChannel.Call,
            CustomerOverride = new CustomerOverrideInput { FirstName = "John", PhoneNumber = "+1234567890" },
        }, cancellationToken);
        Console.WriteLine($"{call.Id}: {call.Status}");
        #endregion
        return call;
    }

    public static async Task<Interaction> Waiting(ElementeClient client, string id, CancellationToken cancellationToken)
    {
        #region readme-waiting
        var ended = await client.Calls.WaitForCompletionAsync(id, new WaitOptions
        {
            Timeout = TimeSpan.FromMinutes(15),                         // then ElementeTimeoutException, with LastStatus
            Progress = new Progress<Interaction>(c => Console.WriteLine($"{c.Id}: {c.Status}")),
        }, cancellationToken);
        // ended.Status.Value.IsFinal is true: completed, failed, busy, no-answer, voicemail, canceled, expired, closed or resolved
        #endregion
        return ended;
    }

    #region readme-mocking
    // Code under test takes an ElementeClient; the test hands it one whose Calls is a fake.
    class FakeCalls : CallsClient                  // protected constructor: no HTTP, no options
    {
        public List<CreateInteractionInput> Created { get; } = new();

        public override Task<Interaction> CreateAsync(CreateInteractionInput body, CancellationToken cancellationToken = default)
        {
            Created.Add(body);
            return Task.FromResult(ElementeModelFactory.Interaction("call-1", InteractionStatus.Queued));
        }
    }

    class FakeClient(CallsClient calls) : ElementeClient
    {
        public override CallsClient Calls => calls;
    }
    #endregion
}
