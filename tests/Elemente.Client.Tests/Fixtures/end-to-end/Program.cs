// Calls operations that `update` added from the synthetic docs (new tags Agents and Knowledgebase, and Calls' list),
// through ElementeClient, against an in-memory fake API; then uses the test doubles written before the update.
using System.Net;
using System.Text;
using Elemente;
using Elemente.Tests.TestDoubles;

var api = new FakeApi();
var options = new ElementeClientOptions { BaseUri = new Uri("https://api.elemente.ai"), Username = "u", Password = "p" };
using (var client = new ElementeClient(new HttpClient(api), options))
{
    Agent agent = await client.Agents.GetAsync("agent-7", CancellationToken.None);
    Console.WriteLine($"agent {agent.Id} {agent.Name}");
    Knowledgebase knowledgebase = await client.Knowledgebase.CreateAsync(new CreateKnowledgebaseInput { Name = "Catalogue", Url = "https://example.com/c" });
    Console.WriteLine($"knowledgebase {knowledgebase.Id} {knowledgebase.Name}");
    PaginatedInteractions page = await client.Calls.ListAsync(new ListCallsOptions { Limit = 10 }, CancellationToken.None);
    Console.WriteLine($"calls {page.Total} {page.Data.Single().Id}");
}

var doubleCalls = new FakeCallsClient();
using (ElementeClient fake = new FakeElementeClient(doubleCalls))
{
    var call = await fake.Calls.CreateAsync(new CreateInteractionInput
    {
        AgentId = "a", SkillId = "s", Channel = InteractionChannel.Call, CustomerOverride = new CustomerOverrideInput { PhoneNumber = "+4915112345678" },
    });
    Console.WriteLine($"double {call.Id} {doubleCalls.Created.Count}");
}

Console.Write(api.Log);

internal sealed class FakeApi : HttpMessageHandler
{
    private readonly StringBuilder _log = new();

    public string Log => _log.ToString();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : " " + await request.Content.ReadAsStringAsync(cancellationToken);
        _log.Append("sent ").Append(request.Method).Append(' ').Append(request.RequestUri!.AbsoluteUri).Append(body).Append('\n');
        var path = request.RequestUri.AbsolutePath;
        var (status, json) = path switch
        {
            "/api/v1/agents/agent-7" => (HttpStatusCode.OK, """{"id":"agent-7","name":"Ava"}"""),
            "/api/v1/knowledgebase" => (HttpStatusCode.Created, """{"id":"kb-1","name":"Catalogue"}"""),
            "/api/v1/calls" => (HttpStatusCode.OK, """{"data":[{"id":"call-1"}],"total":1,"page":1}"""),
            _ => (HttpStatusCode.NotFound, """{"statusCode":404,"message":"no such path"}"""),
        };
        return new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
