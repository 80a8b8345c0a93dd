// Compiled by GenerationShapesTests together with the client generated from the real pages plus shapes/agents.yaml:
// each call uses a shape's generated signature (so this file compiling is part of the proof) and records the request sent.
using System.Net;
using System.Text;

namespace Elemente.ShapesProbe;

/// <summary>Calls every shape once.</summary>
public static class Probe
{
    /// <summary>Runs the calls against a recording handler and returns what was sent.</summary>
    public static async Task<string> RunAsync()
    {
        var handler = new Recorder();
        var options = new ElementeClientOptions { BaseUri = new Uri("https://api.elemente.ai"), Username = "u", Password = "p", MaxRetries = 0 };
        using var client = new ElementeClient(new HttpClient(handler), options);

        ICollection<ShapesAgent> agents = await client.Agents.ListAsync(
            "w 1",
            new ListAgentsOptions { Limit = 5, Status = ListAgentsStatus.Archived, Language = ShapesLanguage.DeDE, Filter = new ListAgentsFilter { Name = "Ava", CreatedAfter = "2026-01-01" }, Tags = new[] { "a", "b" } },
            CancellationToken.None);
        handler.Note($"agents: {agents.Count}, first {agents.First().Id}");
        await client.Agents.ListAsync("w", CancellationToken.None);
        await client.Agents.ListAsync("w", new ListAgentsOptions());
        ShapesAgent created = await client.Agents.CreateAsync(new ShapesAgentInput { Name = "Ava", Language = ShapesLanguage.EnUS });
        ShapesAgent one = await client.Agents.GetAsync("a/1?x");
        ShapesAgent updated = await client.Agents.UpdateAsync("a1", new ShapesAgentInput { Name = "Bea" });
        await client.Agents.DeleteAsync("a1");
        ElementeResponse<object?> deleted = await client.Agents.DeleteWithResponseAsync("a1");
        handler.Note($"delete: {deleted.StatusCode}, value {(deleted.Value is null ? "null" : "set")}");
        ShapesPrompt prompt = await client.Agents.PutByAgentIdPromptAsync("a1", new ShapesPrompt { Text = "hi" });
        ICollection<string> actions = await client.Skills.GetActionsAsync("s1", new GetActionsSkillsOptions { Page = 2 });
        Interaction call = await client.Calls.GetAsync("c1");
        handler.Note($"{created.Id} {one.Id} {updated.Id} {prompt.Text} {string.Join(",", actions)} {call.Id}");
        return handler.ToString();
    }

    private sealed class Recorder : HttpMessageHandler
    {
        private readonly StringBuilder _log = new();

        public void Note(string line) => _log.Append("# ").Append(line).Append('\n');

        public override string ToString() => _log.ToString();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : " " + await request.Content.ReadAsStringAsync(cancellationToken);
            _log.Append(request.Method).Append(' ').Append(request.RequestUri!.AbsoluteUri).Append(body).Append('\n');
            var path = request.RequestUri.AbsolutePath;
            if (request.Method == HttpMethod.Delete)
            {
                return new HttpResponseMessage(HttpStatusCode.NoContent) { RequestMessage = request };
            }

            var json = path.EndsWith("/agents", StringComparison.Ordinal) && request.Method == HttpMethod.Get ? """[{"id":"a1","status":"active"}]"""
                : path.EndsWith("/actions", StringComparison.Ordinal) ? """["x","y"]"""
                : """{"id":"id-1","text":"hi"}""";
            return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }
}
