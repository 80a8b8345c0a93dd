using RichardSzalay.MockHttp;

namespace Elemente.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task CreateAsync_200ParallelCallsOnOneClient_EachGetsItsOwnResponse()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.CallsUrl).Respond(async request =>
        {
            var body = Newtonsoft.Json.Linq.JObject.Parse(await request.Content!.ReadAsStringAsync());
            await Task.Yield();
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"id":"{{body["agentId"]}}","status":"queued"}""", System.Text.Encoding.UTF8, "application/json"),
            };
        });
        using var client = TestClients.With(mock);

        var calls = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
        {
            var request = TestClients.MinimalRequest();
            request.AgentId = $"agent-{i}";
            return client.Calls.CreateAsync(request, CancellationToken.None);
        })));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"agent-{i}"), calls.Select(c => c.Id));
        Assert.All(calls, c => Assert.Equal(InteractionStatus.Queued, c.Status));
    }
}
