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
    public async Task Calls_MockedWithModelFactory_ClientsOwnCodeRunsOnTheFakesAnswers()
    {
        // Users mock the resource client by subclassing it (protected constructor, virtual methods) and hand their code
        // an ElementeClient whose Calls is overridden: no HTTP is involved. What is checked is the client's code on top
        // of the fake, not the fake: WaitForCompletionAsync (not overridden) polls the fake's GetAsync until the status
        // is final, reports each change, and returns the last answer as the model factory built it.
        var calls = new FakeCalls(
            ElementeModelFactory.Interaction("i-9", InteractionStatus.Queued),
            ElementeModelFactory.Interaction("i-9", InteractionStatus.Queued),
            ElementeModelFactory.Interaction("i-9", InteractionStatus.Completed,
                messages: new[] { ElementeModelFactory.InteractionMessage("Hi", sender: "agent") }, duration: 90));
        using ElementeClient client = new FakeClient(calls);
        var changes = new List<InteractionStatus?>();

        var created = await client.Calls.CreateWithResponseAsync(TestClients.MinimalRequest());
        var ended = await client.Calls.WaitForCompletionAsync(created.Value.Id, new WaitOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(1),
            MaxPollInterval = TimeSpan.FromMilliseconds(1),
            Progress = new SynchronousProgress(c => changes.Add(c.Status)),
        });

        Assert.Equal("req-1", created.RequestId);
        Assert.Equal(new[] { "i-9", "i-9", "i-9" }, calls.Polled);
        Assert.Equal(new InteractionStatus?[] { InteractionStatus.Queued, InteractionStatus.Completed }, changes);
        Assert.Equal(InteractionStatus.Completed, ended.Status);
        Assert.Equal(TimeSpan.FromSeconds(90), ended.DurationTimeSpan);
        Assert.Equal("Hi", Assert.Single(ended.Messages!).Content);
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
        private readonly Queue<Interaction> _answers;

        public FakeCalls(params Interaction[] answers) => _answers = new Queue<Interaction>(answers);

        public List<string> Polled { get; } = new();

        public override Task<ElementeResponse<Interaction>> CreateWithResponseAsync(CreateInteractionInput body, CancellationToken cancellationToken = default) =>
            Task.FromResult(ElementeModelFactory.Response(ElementeModelFactory.Interaction("i-9", InteractionStatus.Queued), statusCode: 201, requestId: "req-1"));

        public override Task<Interaction> GetAsync(string id, CancellationToken cancellationToken = default)
        {
            Polled.Add(id);
            return Task.FromResult(_answers.Dequeue());
        }
    }

    [Fact]
    public void ModelFactoryResponse_WithoutRequestId_HasNoHeaders()
    {
        var response = ElementeModelFactory.Response("value");

        Assert.Empty(response.Headers);
        Assert.Null(response.RequestId);
    }

    private sealed class SynchronousProgress(Action<Interaction> report) : IProgress<Interaction>
    {
        public void Report(Interaction value) => report(value);
    }
}
