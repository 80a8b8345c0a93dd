using Elemente.SpecTool;
using Newtonsoft.Json.Linq;

namespace Elemente.Tests;

/// <summary>
/// The example request and response of the Create Call docs page, assembled from the per-property examples of the
/// pages, merged (the page shows no whole example body; this is also what a mock server answers). The pages are the
/// frozen copy in tests/fixtures/scenario, which <see cref="TypedRequest"/> is written after: an example the docs edit
/// later is not a change of the wire format, and does not retire these tests.
/// </summary>
internal static class DocsExamples
{
    private static readonly Lazy<JObject> Spec = new(() => SpecMerger.Merge(SpecPages.Load(Repository.File("tests", "fixtures", "scenario", "pages"))));

    public static JObject Request => FromExamples("CreateInteractionInput");

    public static JObject Response => FromExamples("SanitisedFeedback");

    public static string ResponseJson => Response.ToString();

    private static JObject FromExamples(string schema)
    {
        var result = new JObject();
        foreach (var property in ((JObject)Spec.Value["components"]!["schemas"]![schema]!["properties"]!).Properties())
        {
            if (property.Value["example"] is { } example)
            {
                result[property.Name] = example.DeepClone();
            }
        }

        return result;
    }

    /// <summary>The docs example request, written with the typed API as a user would.</summary>
    public static CreateInteractionInput TypedRequest() => new()
    {
        AgentId = "123e4567-e89b-12d3-a456-426614174000",
        SkillId = "123e4567-e89b-12d3-a456-426614174000",
        Channel = InteractionChannel.Call,
        AgentOverride = new AgentOverrideInput
        {
            Name = "John Doe",
            Phone = "+12673624524",
            ImageURL = "https://example.com/image.jpg",
            Language = "en-US",
            VoiceStability = 0.5,
            VoiceSpeed = 1.5,
            Prompt = new PromptOverride
            {
                InitialMessage = "Hello {{firstName}}, My name is {{aiName}}. I am calling you about your order ID {{Order ID}}",
                Prompt = "Your sponsibility is to notify the customer: {{firstName}} about his  order ID {{Order ID}} and the total cost  of {{Order Amount}}  with delivery date {{Delivery Date}}. That is all",
                RoutingConditions = new Dictionary<string, object> { ["priority"] = "high" },
            },
        },
        CustomerOverride = new CustomerOverrideInput
        {
            FirstName = "John",
            LastName = "Doe",
            PhoneNumber = "+1234567890",
            Email = "admin@email.com",
            Language = "en-US",
            CustomFields = new List<CustomField>
            {
                new("Order ID", "12345"),
                new("Order Date", new DateTime(2025, 3, 12)),
                new("Order Amount", 150.75m),
                new("Active Status", true),
            },
        },
        CustomerName = "John Does",
        CustomerPhone = "+1234567890",
        CustomerEmail = "customer@email.com",
    };
}
