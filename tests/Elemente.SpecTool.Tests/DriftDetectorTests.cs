using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool.Tests;

public sealed class DriftDetectorTests
{
    private static JObject Committed() => (JObject)YamlJson.Parse(Fixtures.CreateCallYaml, "initiate-call.yaml");

    private static JObject Schema(JObject document, string name) => (JObject)document["components"]!["schemas"]![name]!;

    private static (string Summary, bool Breaking) Single(Action<JObject> change)
    {
        var upstream = Committed();
        change(upstream);
        var found = Assert.Single(DriftDetector.Compare(Committed(), upstream));
        return (found.Summary, found.Breaking);
    }

    private static void RemoveValue(JArray array, string value) => array.Single(item => item.ToString() == value).Remove();

    private static DriftChange SingleChange(Action<JObject> change, Action<JObject>? both = null)
    {
        var (committed, upstream) = (Committed(), Committed());
        both?.Invoke(committed);
        both?.Invoke(upstream);
        change(upstream);
        return Assert.Single(DriftDetector.Compare(committed, upstream));
    }

    private static JObject CreateOperation(JObject document) => (JObject)document["paths"]!["/api/v1/calls"]!["post"]!;

    [Fact]
    public void Compare_SameDocument_FindsNothing()
    {
        Assert.Empty(DriftDetector.Compare(Committed(), Committed()));
    }

    [Fact]
    public void Compare_RequestEnumValueRemoved_IsBreaking()
    {
        var change = Single(document => RemoveValue((JArray)Schema(document, "CreateInteractionInput")["properties"]!["channel"]!["enum"]!, "email"));

        Assert.Equal(("removed 'email' from the values of request property CreateInteractionInput.channel", true), change);
    }

    [Fact]
    public void Compare_RequestEnumValueAdded_IsNotBreaking()
    {
        var change = Single(document => ((JArray)Schema(document, "CreateInteractionInput")["properties"]!["channel"]!["enum"]!).Add("voicemail"));

        Assert.Equal(("added 'voicemail' to the values of request property CreateInteractionInput.channel", false), change);
    }

    [Fact]
    public void Compare_ResponsePropertyMadeOptional_IsBreaking()
    {
        var change = Single(document => RemoveValue((JArray)Schema(document, "SanitisedFeedback")["required"]!, "status"));

        Assert.Equal(("made response property SanitisedFeedback.status optional", true), change);
    }

    [Fact]
    public void Compare_ResponsePropertyMadeNullable_IsBreaking()
    {
        var change = Single(document => Schema(document, "SanitisedFeedback")["properties"]!["agentId"]!["nullable"] = true);

        Assert.Equal(("made response property SanitisedFeedback.agentId nullable", true), change);
    }

    [Fact]
    public void Compare_RequestPropertyMadeNonNullableThroughAllOf_IsBreaking()
    {
        var change = Single(document => Schema(document, "AgentOverrideInput")["properties"]!["language"]!["nullable"] = false);

        Assert.Equal(("made request property AgentOverrideInput.language non-nullable", true), change);
    }

    [Fact]
    public void Compare_RequestPropertyFormatChanged_IsBreaking()
    {
        var change = Single(document => Schema(document, "CreateInteractionInput")["properties"]!["agentId"]!["format"] = "uuid");

        Assert.Equal(("changed the format of request property CreateInteractionInput.agentId: string → string (uuid)", true), change);
    }

    [Fact]
    public void Compare_NewRequiredRequestProperty_IsBreaking()
    {
        var change = Single(document =>
        {
            Schema(document, "CustomerOverrideInput")["properties"]!["timezone"] = new JObject { ["type"] = "string" };
            Schema(document, "CustomerOverrideInput")["required"] = new JArray("timezone");
        });

        Assert.Equal(("added required request property CustomerOverrideInput.timezone", true), change);
    }

    [Fact]
    public void Compare_ItemsRetyped_NamesTheItems()
    {
        var change = Single(document => Schema(document, "SanitisedFeedback")["properties"]!["messages"]!["items"]!["type"] = "object");

        Assert.Equal(("changed the type of the items of response property SanitisedFeedback.messages: string → object", true), change);
    }

    [Fact]
    public void Compare_NewSuccessCodeAndNewErrorCode_AreClassifiedApart()
    {
        var upstream = Committed();
        var responses = (JObject)upstream["paths"]!["/api/v1/calls"]!["post"]!["responses"]!;
        responses["201"] = new JObject { ["description"] = "Created" };
        responses["429"] = new JObject { ["description"] = "Too Many Requests" };

        var changes = DriftDetector.Compare(Committed(), upstream).Select(change => (change.Summary, change.Breaking));

        Assert.Equal([("added response 201 to POST /api/v1/calls", true), ("added response 429 to POST /api/v1/calls", false)], changes);
    }

    [Fact]
    public void Compare_AuthenticationChanged_IsBreaking()
    {
        var change = Single(document => document["paths"]!["/api/v1/calls"]!["post"]!["security"] = JArray.Parse("[{\"bearer\": []}]"));

        Assert.Equal(("changed the authentication of POST /api/v1/calls", true), change);
    }

    [Fact]
    public void Compare_SchemaSharedByRequestAndResponse_IsReportedOnceAsBoth()
    {
        var upstream = Committed();
        var committed = Committed();
        foreach (var document in new[] { committed, upstream })
        {
            // A second operation whose response is the request schema.
            document["paths"]!["/api/v1/drafts"] = JObject.Parse(
                "{\"get\": {\"responses\": {\"200\": {\"description\": \"ok\", \"content\": {\"application/json\": {\"schema\": {\"$ref\": \"#/components/schemas/CreateInteractionInput\"}}}}}}}");
        }

        Schema(upstream, "CreateInteractionInput")["properties"]!["skillId"]!["type"] = "integer";

        var change = Assert.Single(DriftDetector.Compare(committed, upstream));

        Assert.Equal("changed the type of request and response property CreateInteractionInput.skillId: string → integer", change.Summary);
        Assert.Equal(["GET /api/v1/drafts", "POST /api/v1/calls"], change.Operations);
        Assert.True(change.Breaking);
    }

    [Fact]
    public void Compare_OptionalQueryParameterAdded_IsNonBreakingBecauseItGoesIntoTheOptionsObject()
    {
        var change = SingleChange(document => ((JArray)CreateOperation(document)["parameters"]!).Add(
            JObject.Parse("{\"name\": \"dryRun\", \"in\": \"query\", \"required\": false, \"schema\": {\"type\": \"boolean\"}}")));

        Assert.Equal(("added optional query parameter dryRun to POST /api/v1/calls", DriftImpact.NonBreaking), (change.Summary, change.Impact));
        Assert.Contains("options object", change.Reason);
    }

    [Fact]
    public void Compare_OptionalHeaderParameterAdded_IsACodeChange()
    {
        var change = SingleChange(document => ((JArray)CreateOperation(document)["parameters"]!).Add(
            JObject.Parse("{\"name\": \"X-Trace\", \"in\": \"header\", \"schema\": {\"type\": \"string\"}}")));

        Assert.Equal(DriftImpact.CodeChange, change.Impact);
    }

    [Fact]
    public void Compare_SecuritySchemeRedefinedUnderSameName_IsBreaking()
    {
        var change = SingleChange(document => document["components"]!["securitySchemes"]!["basic"] = JObject.Parse("{\"type\": \"apiKey\", \"in\": \"header\", \"name\": \"X-Api-Key\"}"));

        Assert.Equal(("redefined security scheme basic: http basic → apiKey header X-Api-Key", true), (change.Summary, change.Breaking));
        Assert.Equal(["POST /api/v1/calls"], change.Operations);
    }

    [Fact]
    public void Compare_SecuritySchemeDescriptionChanged_IsNoChange()
    {
        var upstream = Committed();
        upstream["components"]!["securitySchemes"]!["basic"]!["description"] = "Your API key and secret";

        Assert.Empty(DriftDetector.Compare(Committed(), upstream));
    }

    [Fact]
    public void Compare_SecurityRemovedFromOperation_IsNotBreaking()
    {
        var change = SingleChange(document => CreateOperation(document).Remove("security"));

        Assert.Equal(("removed the authentication of POST /api/v1/calls", DriftImpact.NonBreaking), (change.Summary, change.Impact));
    }

    [Fact]
    public void Compare_SecurityAlternativeAdded_IsNotBreaking()
    {
        var change = SingleChange(document => ((JArray)CreateOperation(document)["security"]!).Add(JObject.Parse("{\"bearer\": []}")));

        Assert.Equal(DriftImpact.NonBreaking, change.Impact);
    }

    [Fact]
    public void Compare_ResponseNumberMadeNonNullable_IsACodeChange()
    {
        var change = SingleChange(
            document => Schema(document, "SanitisedFeedback")["properties"]!["duration"]!["nullable"] = false,
            both => Schema(both, "SanitisedFeedback")["properties"]!["duration"]!["nullable"] = true);

        Assert.Equal(("made response property SanitisedFeedback.duration non-nullable", DriftImpact.CodeChange), (change.Summary, change.Impact));
        Assert.Contains("double?", change.Reason);
    }

    [Fact]
    public void Compare_ResponseBooleanMadeNonNullable_IsACodeChange()
    {
        var change = SingleChange(
            document => Schema(document, "SanitisedFeedback")["properties"]!["answered"]!["nullable"] = false,
            both => Schema(both, "SanitisedFeedback")["properties"]!["answered"] = JObject.Parse("{\"type\": \"boolean\", \"nullable\": true}"));

        Assert.Equal(DriftImpact.CodeChange, change.Impact);
    }

    [Fact]
    public void Compare_ResponseStringMadeNonNullable_IsNotBreaking()
    {
        var change = SingleChange(
            document => Schema(document, "SanitisedFeedback")["properties"]!["agentId"]!["nullable"] = false,
            both => Schema(both, "SanitisedFeedback")["properties"]!["agentId"]!["nullable"] = true);

        Assert.Equal(DriftImpact.NonBreaking, change.Impact);
    }

    [Fact]
    public void Compare_ResponseEnumValueRemoved_IsACodeChange()
    {
        var change = SingleChange(
            document => RemoveValue((JArray)Schema(document, "SanitisedFeedback")["properties"]!["status"]!["enum"]!, "ringing"),
            both => Schema(both, "SanitisedFeedback")["properties"]!["status"]!["enum"] = new JArray("queued", "ringing", "completed"));

        Assert.Equal(("removed 'ringing' from the values of response property SanitisedFeedback.status", DriftImpact.CodeChange), (change.Summary, change.Impact));
    }

    [Fact]
    public void Compare_OperationAdded_IsNonBreakingBecauseResourceClientMethodsAreVirtual()
    {
        var change = SingleChange(document => document["paths"]!["/api/v1/calls/{id}"] = JObject.Parse(
            "{\"get\": {\"tags\": [\"Calls\"], \"summary\": \"Get call\", \"responses\": {\"200\": {\"description\": \"ok\"}}}}"));

        Assert.Equal(("added GET /api/v1/calls/{id}", DriftImpact.NonBreaking), (change.Summary, change.Impact));
        Assert.Contains("virtual", change.Reason);
    }
}
