namespace Elemente.Sample;

/// <summary>Creates the docs-example call and prints what the API answered.</summary>
internal static class SampleRun
{
    public static async Task<int> RunAsync(TextWriter output, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var username = environment("ELEMENTE_USERNAME");
        var password = environment("ELEMENTE_PASSWORD");
        var live = !string.IsNullOrEmpty(username) && !string.IsNullOrEmpty(password);

        ElementeClient client;
        if (live)
        {
            var baseUrl = environment("ELEMENTE_BASE_URL");
            client = new ElementeClient(new ElementeClientOptions
            {
                BaseUri = string.IsNullOrEmpty(baseUrl) ? ElementeClientOptions.DefaultBaseUri : new Uri(baseUrl),
                Username = username,
                Password = password,
            });
            output.WriteLine($"Calling the Elemente API at {environment("ELEMENTE_BASE_URL") ?? ElementeClientOptions.DefaultBaseUri.ToString()}.");
        }
        else
        {
            client = new ElementeClient(
                new HttpClient(new FakeElementeApi()),
                new ElementeClientOptions { Username = FakeElementeApi.Username, Password = FakeElementeApi.Password });
            output.WriteLine("No ELEMENTE_USERNAME/ELEMENTE_PASSWORD set: using the embedded fake of the Elemente API (no network).");
        }

        using (client)
        {
            try
            {
                var call = await client.Calls.CreateAsync(DocsExampleRequest(), cancellationToken).ConfigureAwait(false);
                output.WriteLine($"Created interaction {call.Id}");
                output.WriteLine($"  status:   {call.Status?.ToString() ?? "(none yet)"}");
                output.WriteLine($"  customer: {call.CustomerName} {call.CustomerPhone}");
                output.WriteLine($"  duration: {(call.DurationTimeSpan is { } d ? d.ToString() : "(none yet)")}");
                foreach (var message in call.Messages ?? Array.Empty<InteractionMessage>())
                {
                    output.WriteLine($"  [{message.Timestamp:u}] {message.Sender}: {message.Content} ({message.Status})");
                }

                return 0;
            }
            catch (ElementeApiException ex)
            {
                output.WriteLine($"The API refused the call: {ex.Message}");
                return 1;
            }
        }
    }

    /// <summary>The request of the Create Call docs page, written with the typed API.</summary>
    public static CreateInteractionInput DocsExampleRequest() => new()
    {
        AgentId = "123e4567-e89b-12d3-a456-426614174000",
        SkillId = "123e4567-e89b-12d3-a456-426614174000",
        Channel = InteractionChannel.Call,
        AgentOverride = new AgentOverrideInput
        {
            Name = "John Doe",
            Prompt = new PromptOverride
            {
                InitialMessage = "Hello {{firstName}}, My name is {{aiName}}. I am calling you about your order ID {{Order ID}}",
                RoutingConditions = new Dictionary<string, object> { ["priority"] = "high" },
            },
        },
        CustomerOverride = new CustomerOverrideInput
        {
            FirstName = "John",
            LastName = "Doe",
            PhoneNumber = "+1234567890",
            CustomFields = new List<CustomField>
            {
                new("Order ID", "12345"),
                new("Order Date", new DateTime(2025, 3, 12)),
                new("Order Amount", 150.75m),
                new("Active Status", true),
            },
        },
    };
}
