using System.Net;
using System.Text.RegularExpressions;
using RichardSzalay.MockHttp;

namespace Elemente.Tests;

public class ResponseDetailsTests
{
    [Fact]
    public async Task CreateWithResponseAsync_Success_ReturnsStatusHeadersAndRequestId()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.CallsUrl).Respond(HttpStatusCode.OK, new[] { new KeyValuePair<string, string>("x-request-id", "req-7") }, "application/json", """{"id":"i-1"}""");
        using var client = TestClients.With(mock);

        var response = await client.Calls.CreateWithResponseAsync(TestClients.MinimalRequest());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("req-7", response.RequestId);
        Assert.Equal("i-1", response.Value.Id);
        Assert.Contains("application/json", response.Headers["Content-Type"].Single());
    }

    [Fact]
    public async Task CreateAsync_EveryRequest_CarriesUserAgentWithApplicationIdOverCallerDefaults()
    {
        var agents = new List<string>();
        var mock = new MockHttpMessageHandler();
        mock.When("*").With(r => { agents.Add(r.Headers.UserAgent.ToString()); return true; }).Respond("application/json", """{"id":"i-1"}""");
        var http = mock.ToHttpClient();
        http.DefaultRequestHeaders.UserAgent.ParseAdd("CallerAgent/1.0");
        var options = TestClients.Options();
        options.ApplicationId = "order-bot";
        using var client = new ElementeClient(http, options);

        await client.Calls.CreateAsync(TestClients.MinimalRequest());

        Assert.Matches(new Regex(@"^order-bot Elemente\.Client/\d+\.\d+\.\d+\S* \([^()]+; [^()]+\)$"), Assert.Single(agents));
    }

    [Fact]
    public async Task Calls_CanBeMockedWithModelFactory()
    {
        // Users mock the resource client by subclassing it (protected constructor, virtual methods) and hand their code
        // an ElementeClient whose Calls is overridden: no HTTP is involved.
        using ElementeClient client = new FakeClient(new FakeCalls(ElementeModelFactory.SanitisedFeedback("i-9", InteractionStatus.Completed,
            messages: new[] { ElementeModelFactory.InteractionMessage("Hi", sender: "agent") }, duration: 90)));

        var call = await client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None);
        var response = await client.Calls.CreateWithResponseAsync(TestClients.MinimalRequest());

        Assert.Equal(InteractionStatus.Completed, call.Status);
        Assert.Equal(TimeSpan.FromSeconds(90), call.DurationTimeSpan);
        Assert.Equal("Hi", call.Messages!.Single().Content);
        Assert.Equal("req-1", response.RequestId);
    }

    [Fact]
    public void Options_InvalidRetrySettings_NameTheSetting()
    {
        var options = TestClients.Options();
        options.MaxRetries = -1;
        options.ApplicationId = "has space";

        var problems = options.Validate();

        Assert.Contains(problems, p => p.StartsWith("MaxRetries ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ApplicationId ", StringComparison.Ordinal));
    }

    private sealed class FakeClient : ElementeClient
    {
        public FakeClient(CallsClient calls) => Calls = calls;

        public override CallsClient Calls { get; }
    }

    private sealed class FakeCalls : CallsClient
    {
        private readonly SanitisedFeedback _call;

        public FakeCalls(SanitisedFeedback call) => _call = call;

        public override Task<SanitisedFeedback> CreateAsync(CreateInteractionInput body, CancellationToken cancellationToken = default) => Task.FromResult(_call);

        public override Task<ElementeResponse<SanitisedFeedback>> CreateWithResponseAsync(CreateInteractionInput body, CancellationToken cancellationToken = default) =>
            Task.FromResult(ElementeModelFactory.Response(_call, requestId: "req-1"));
    }
}
