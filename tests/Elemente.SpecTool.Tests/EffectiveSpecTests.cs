using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

/// <summary>One regression test per overlay patch: removing the patch fails the test named after it.</summary>
public class EffectiveSpecTests
{
    private static readonly Lazy<JObject> Effective = new(() => JObject.Parse(EffectiveSpec.FromFiles(
        Fixtures.CommittedPagesFolder, Fixtures.OverlayPath)));

    private static JToken Schema(string name) => Effective.Value["components"]!["schemas"]![name]!;

    [Fact]
    public void Naming_CreateCall_IsCallsCreateByConventionAndKeepsUpstreamId()
    {
        var operation = Effective.Value["paths"]!["/api/v1/calls"]!["post"]!;

        Assert.Equal("Calls_Create", (string?)operation["operationId"]);
        Assert.Contains("InteractionController_createConversation", (string?)operation["description"]);
        Assert.Equal("Calls", (string?)operation["tags"]![0]);
    }

    [Fact]
    public void Patch_CustomFields_ItemsAreNameValueObjects()
    {
        var items = Schema("CustomerOverrideInput")["properties"]!["customFields"]!["items"]!;
        Assert.Equal("#/components/schemas/CustomField", (string?)items["$ref"]);
        Assert.Null(items["type"]);

        var value = Schema("CustomFieldValue")["anyOf"]!.Select(t => (string?)t["type"]).ToArray();
        Assert.Equal(new[] { "string", "number", "boolean" }, value);
        Assert.Equal(new[] { "name", "value" }, Schema("CustomField")["required"]!.Values<string>());
    }

    [Fact]
    public void Patch_Messages_ItemsAreMessageObjects()
    {
        var messages = Schema("Interaction")["properties"]!["messages"]!;
        Assert.Equal("#/components/schemas/InteractionMessage", (string?)messages["items"]!["$ref"]);
        Assert.Equal(
            new[] { "sid", "timestamp", "sender", "content", "mediaUrl", "status" },
            ((JObject)Schema("InteractionMessage")["properties"]!).Properties().Select(p => p.Name));
    }

    [Fact]
    public void Patch_ResponseRequired_OnlyIdRequiredAndTheRestNullable()
    {
        var feedback = Schema("Interaction");
        Assert.Equal(new[] { "id" }, feedback["required"]!.Values<string>());
        foreach (var property in ((JObject)feedback["properties"]!).Properties().Where(p => p.Name != "id"))
        {
            Assert.True(AdmitsNull(property.Value), $"{property.Name} is not nullable");
        }
    }

    [Fact]
    public void Patch_ResponseNullable_CoversAPropertyTheDocsAddLater()
    {
        // Upstream adds a number to the response: an in-progress call sends null for it, like for every optional field.
        var merged = JObject.Parse(EffectiveSpec.MergedFromFiles(Fixtures.PagesFolder));
        var properties = (JObject)merged["components"]!["schemas"]!["SanitisedFeedback"]!["properties"]!;
        properties["hangupCode"] = new JObject { ["type"] = "number" };

        var effective = EffectiveSpec.Apply(merged, File.ReadAllText(Fixtures.OverlayPath), Fixtures.OverlayPath);

        var schema = effective["components"]!["schemas"]!["SanitisedFeedback"]!;
        Assert.True((bool?)schema["properties"]!["hangupCode"]!["nullable"] == true, "an added response property is not nullable");
        Assert.NotEqual(true, (bool?)schema["properties"]!["id"]!["nullable"]);
    }

    // nullable: true on the schema, or (status) on a branch of the schema it references.
    private static bool AdmitsNull(JToken schema) =>
        (bool?)schema["nullable"] == true
        || schema["allOf"]?.Any(part => AdmitsNull(Schema(((string)part["$ref"]!).Split('/')[^1]))) == true
        || schema["anyOf"]?.Any(AdmitsNull) == true;

    [Fact]
    public void Patch_Duration_IsNullableNumberWithNumericExample()
    {
        var duration = Schema("Interaction")["properties"]!["duration"]!;
        Assert.Equal("number", (string?)duration["type"]);
        Assert.Equal(JTokenType.Integer, duration["example"]!.Type);
        Assert.Contains("numeric string", (string?)duration["description"]);
    }

    [Fact]
    public void Patch_AgentOverride_NothingRequiredAndPromptAdded()
    {
        var agent = Schema("AgentOverrideInput");
        Assert.Null(agent["required"]);
        Assert.Equal("#/components/schemas/PromptOverride", (string?)agent["properties"]!["prompt"]!["allOf"]![0]!["$ref"]);
        Assert.Equal(
            new[] { "initialMessage", "prompt", "routingConditions" },
            ((JObject)Schema("PromptOverride")["properties"]!).Properties().Select(p => p.Name));
    }

    [Fact]
    public void Patch_Status_IsOpenWithNineteenKnownValues()
    {
        var anyOf = Schema("InteractionStatus")["anyOf"]!;
        Assert.Equal(19, anyOf[0]!["enum"]!.Count());
        Assert.Equal("string", (string?)anyOf[1]!["type"]);
        Assert.Null(anyOf[1]!["enum"]);
        Assert.True((bool?)anyOf[1]!["nullable"]);
    }

    [Fact]
    public void Patch_Channel_IsNamedEnumWithUpstreamValues()
    {
        Assert.Equal(new[] { "call", "sms", "whatsapp", "email", "webchat" }, Schema("InteractionChannel")["enum"]!.Values<string>());
    }

    [Fact]
    public void Patch_ChannelNullable_StaysRequiredButCanBeUnset()
    {
        // Nullable, so the C# property is InteractionChannel? and an unset channel is not taken for call (the enum's
        // default); required, so the validator and the wire contract still demand one. The named enum carries
        // nullable beside its type (valid OpenAPI 3.0), and channel refers to it.
        var input = Schema("CreateInteractionInput");
        Assert.True((bool?)Schema("InteractionChannel")["nullable"]);
        Assert.Equal("#/components/schemas/InteractionChannel", (string?)input["properties"]!["channel"]!["allOf"]![0]!["$ref"]);
        Assert.Contains("channel", input["required"]!.Values<string>());
    }
}
