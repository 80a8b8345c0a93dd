using System.Net;
using RichardSzalay.MockHttp;

namespace Elemente.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task CreateWithResponseAsync_200ParallelCallsOnOneClient_EachGetsItsOwnValueStatusAndRequestId()
    {
        // The server answers each request from its own body: the id, the request id and the status (200 or 201) all
        // derive from the agentId sent, so a response handed to the wrong caller cannot go unnoticed.
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.CallsUrl).Respond(async request =>
        {
            var agentId = (string)Newtonsoft.Json.Linq.JObject.Parse(await request.Content!.ReadAsStringAsync())["agentId"]!;
            await Task.Yield();
            var number = int.Parse(agentId.Substring("agent-".Length), System.Globalization.CultureInfo.InvariantCulture);
            var response = new HttpResponseMessage(number % 2 == 0 ? HttpStatusCode.OK : HttpStatusCode.Created)
            {
                Content = new StringContent($$"""{"id":"{{agentId}}","status":"queued"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            response.Headers.Add("x-request-id", "req-" + agentId);
            return response;
        });
        using var client = TestClients.With(mock);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
        {
            var request = TestClients.MinimalRequest();
            request.AgentId = $"agent-{i}";
            return client.Calls.CreateWithResponseAsync(request, CancellationToken.None);
        })));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"agent-{i}"), responses.Select(r => r.Value.Id));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"req-agent-{i}"), responses.Select(r => r.RequestId));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? 200 : 201), responses.Select(r => r.StatusCode));
        Assert.All(responses, r => Assert.Equal(InteractionStatus.Queued, r.Value.Status));
    }
}
