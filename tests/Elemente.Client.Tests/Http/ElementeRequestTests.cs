using System.Collections;
using System.Globalization;
using Elemente.Http;

namespace Elemente.Tests;

/// <summary>
/// How an operation's path, query and body become the request: what a future generated operation with parameters
/// (the API's list and get calls) sends. No value can change the path, and numbers and dates never follow the culture.
/// </summary>
public class ElementeRequestTests
{
    [Fact]
    public void AppendPath_LeadingSlash_DroppedOnlyAtTheStart()
    {
        var request = new ElementeRequest(HttpMethods.Get, "Calls.Get").AppendPath("/api/v1/calls").AppendPath("/x");

        Assert.Equal("api/v1/calls/x", request.RelativeUri);
        Assert.Equal("Calls.Get", request.OperationName);
        Assert.Equal(HttpMethods.Get, request.Method);
    }

    [Theory]
    [InlineData("a/b?c", "a%2Fb%3Fc")]
    [InlineData("call 1#x", "call%201%23x")]
    [InlineData("...", "...")]
    public void AppendPathParameter_Value_IsEscapedSoItCannotChangeThePath(string value, string expected)
    {
        var request = new ElementeRequest(HttpMethods.Get, "Calls.Get").AppendPath("api/v1/calls/").AppendPathParameter("id", value);

        Assert.Equal("api/v1/calls/" + expected, request.RelativeUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void AppendPathParameter_NullOrEmpty_IsAValidationErrorNamingIt(string? value)
    {
        var request = new ElementeRequest(HttpMethods.Get, "Calls.Get").AppendPath("api/v1/calls/");

        var error = Assert.Throws<ElementeValidationException>(() => request.AppendPathParameter("callId", value));

        Assert.Equal(new[] { "callId: is required and must not be empty" }, error.Errors);
        Assert.Equal("api/v1/calls/", request.RelativeUri);
    }

    [Fact]
    public void AppendPathParameter_ObjectWhoseTextIsNull_IsAValidationError()
    {
        var request = new ElementeRequest(HttpMethods.Get, "Calls.Get");

        Assert.Throws<ElementeValidationException>(() => request.AppendPathParameter("id", new Text(null)));
    }

    [Fact]
    public void AppendPathParameter_PlainObject_UsesItsText()
    {
        var request = new ElementeRequest(HttpMethods.Get, "Calls.Get").AppendPathParameter("id", new Text("x/y"));

        Assert.Equal("x%2Fy", request.RelativeUri);
    }

    [Fact]
    public void SetBody_Null_ThrowsNamingTheArgument()
    {
        var request = new ElementeRequest(HttpMethods.Post, "Calls.Create");

        var error = Assert.Throws<ArgumentNullException>(() => request.SetBody(null, "input"));

        Assert.Equal("input", error.ParamName);
        Assert.Null(request.Body);
        Assert.Equal("body", request.BodyParameterName);
    }

    [Fact]
    public void SetBody_Value_IsKeptWithItsArgumentName()
    {
        var body = new object();

        var request = new ElementeRequest(HttpMethods.Post, "Calls.Create").SetBody(body, "input");

        Assert.Same(body, request.Body);
        Assert.Equal("input", request.BodyParameterName);
    }

    [Fact]
    public void AddQuery_ScalarsInAGermanCulture_AreInvariantAndEscaped()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var request = new ElementeRequest(HttpMethods.Get, "Calls.List").AppendPath("api/v1/calls")
                .AddQuery("limit", 10)
                .AddQuery("ratio", 1.5)
                .AddQuery("active", true)
                .AddQuery("archived", false)
                .AddQuery("skip", null)
                .AddQuery("q", "a&b=c d")
                .AddQuery("channel", InteractionChannel.Whatsapp)
                .AddQuery("kind", Plain.SecondValue)
                .AddQuery("callback", new Uri("https://example.com/x"))
                .AddQuery("since", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)))
                .AddQuery("until", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));

            Assert.Equal(
                "api/v1/calls?limit=10&ratio=1.5&active=true&archived=false&q=a%26b%3Dc%20d&channel=whatsapp&kind=SecondValue" +
                "&callback=https%3A%2F%2Fexample.com%2Fx&since=2026-01-02T03%3A04%3A05.0000000%2B01%3A00&until=2026-01-02T03%3A04%3A05.0000000Z",
                request.RelativeUri);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void AddQuery_OnlyNull_LeavesNoQuery()
    {
        var request = new ElementeRequest(HttpMethods.Get, "Calls.List").AppendPath("api/v1/calls").AddQuery("skip", null);

        Assert.Equal("api/v1/calls", request.RelativeUri);
    }

    [Fact]
    public void AddQuery_Collection_RepeatsTheName()
    {
        var request = new ElementeRequest(HttpMethods.Get, "Calls.List").AddQuery("status", new[] { "queued", "done" });

        Assert.Equal("?status=queued&status=done", request.RelativeUri);
    }

    [Fact]
    public void AddQuery_Dictionary_IsDeepObject()
    {
        var request = new ElementeRequest(HttpMethods.Get, "Calls.List").AddQuery("filter", new SortedDictionary<string, object?> { ["a"] = 1, ["b"] = "x", ["c"] = null });

        Assert.Equal("?filter%5Ba%5D=1&filter%5Bb%5D=x", request.RelativeUri);
    }

    [Fact]
    public void AddQuery_Object_IsDeepObjectByJsonNameWithAdditionalPropertiesFlattened()
    {
        var filter = new Filter { Status = "queued", Plain = 2 };
        filter.AdditionalProperties["extra"] = "e";

        var request = new ElementeRequest(HttpMethods.Get, "Calls.List").AddQuery("f", filter);

        Assert.Equal("?f%5Bstatus%5D=queued&f%5BPlain%5D=2&f%5Bextra%5D=e", request.RelativeUri);
    }

    [Fact]
    public void AddQuery_AdditionalPropertiesThatIsNotADictionary_IsAnOrdinaryMember()
    {
        var request = new ElementeRequest(HttpMethods.Get, "Calls.List").AddQuery("f", new NotNSwag { AdditionalProperties = "x" });

        Assert.Equal("?f%5BAdditionalProperties%5D=x", request.RelativeUri);
    }

    [Fact]
    public void AddQuery_ObjectWithAnIndexer_LeavesTheIndexerOut()
    {
        var request = new ElementeRequest(HttpMethods.Get, "Calls.List").AddQuery("f", new Indexed { Name = "n" });

        Assert.Equal("?f%5BName%5D=n", request.RelativeUri);
    }

    private enum Plain
    {
        FirstValue,
        SecondValue,
    }

    private sealed class Text
    {
        private readonly string? _text;

        public Text(string? text) => _text = text;

        public override string? ToString() => _text;
    }

    private sealed class Filter
    {
        [Newtonsoft.Json.JsonProperty("status")]
        public string? Status { get; set; }

        public int Plain { get; set; }

        public IDictionary<string, object> AdditionalProperties { get; } = new Dictionary<string, object>();
    }

    private sealed class NotNSwag
    {
        public string? AdditionalProperties { get; set; }
    }

    private sealed class Indexed
    {
        public string? Name { get; set; }

        public string this[int index] => index.ToString(CultureInfo.InvariantCulture);
    }
}
