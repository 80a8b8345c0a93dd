using Elemente.Testing;

namespace Elemente.Sample;

/// <summary>Creates the docs-example call, then follows it to its end, printing each status and the final call.</summary>
internal static class SampleRun
{
    /// <summary>How fast the emulator's call moves, so that the sample ends in a few seconds.</summary>
    internal static ElementeEmulatorOptions EmulatorOptions() => new()
    {
        QueuedFor = TimeSpan.FromMilliseconds(200),
        RingingFor = TimeSpan.FromMilliseconds(500),
        ConversationFor = TimeSpan.FromSeconds(1),
    };

    public static async Task<int> RunAsync(TextWriter output, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var username = environment("ELEMENTE_USERNAME");
        var password = environment("ELEMENTE_PASSWORD");
        var live = !string.IsNullOrEmpty(username) && !string.IsNullOrEmpty(password);

        await using var emulator = live ? null : new ElementeEmulator(EmulatorOptions());
        ElementeClient client;
        WaitOptions wait;
        if (emulator is null)
        {
            var baseUrl = environment("ELEMENTE_BASE_URL");
            client = new ElementeClient(new ElementeClientOptions
            {
                BaseUri = string.IsNullOrEmpty(baseUrl) ? ElementeClientOptions.DefaultBaseUri : new Uri(baseUrl),
                Username = username,
                Password = password,
            });
            wait = new WaitOptions { Timeout = TimeSpan.FromMinutes(15) };
            output.WriteLine($"Calling the Elemente API at {(string.IsNullOrEmpty(baseUrl) ? ElementeClientOptions.DefaultBaseUri.ToString() : baseUrl)}.");
        }
        else
        {
            client = emulator.CreateClient();
            wait = new WaitOptions { PollInterval = TimeSpan.FromMilliseconds(100), MaxPollInterval = TimeSpan.FromMilliseconds(250), Timeout = TimeSpan.FromSeconds(30) };
            output.WriteLine("No ELEMENTE_USERNAME/ELEMENTE_PASSWORD set: using the emulator of the Elemente API (Elemente.Client.Testing; no account, no network).");
        }

        using (client)
        {
            try
            {
                var created = await client.Calls.CreateAsync(DocsExampleRequest(), cancellationToken).ConfigureAwait(false);
                output.WriteLine($"Created interaction {created.Id} ({created.Status?.ToString() ?? "no status yet"})");
                await foreach (var step in client.Calls.WatchAsync(created.Id, wait, cancellationToken).ConfigureAwait(false))
                {
                    output.WriteLine($"  status: {step.Status?.ToString() ?? "(none yet)"}");
                    if (step.Status?.IsFinal == true)
                    {
                        Print(output, step);
                    }
                }

                return 0;
            }
            catch (ElementeApiException ex)
            {
                output.WriteLine($"The API refused the call: {ex.Message}");
                return 1;
            }
            catch (ElementeTimeoutException ex)
            {
                output.WriteLine($"Stopped waiting: {ex.Message}");
                return 1;
            }
        }
    }

    private static void Print(TextWriter output, Interaction call)
    {
        output.WriteLine($"  customer: {call.CustomerName} {call.CustomerPhone}");
        output.WriteLine($"  duration: {(call.DurationTimeSpan is { } d ? d.ToString() : "(none)")}");
        foreach (var message in call.Messages ?? Array.Empty<InteractionMessage>())
        {
            output.WriteLine($"  [{message.Timestamp:u}] {message.Sender}: {message.Content} ({message.Status})");
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
