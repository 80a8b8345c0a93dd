using System.Net;
using Newtonsoft.Json;
using RichardSzalay.MockHttp;

namespace Elemente.Tests;

/// <summary>The client's JSON is isolated from the host application's Newtonsoft defaults.</summary>
[Collection(nameof(GlobalStateCollection))]
public class JsonIsolationTests
{
    [Fact]
    public async Task CreateAsync_HostSetsJsonConvertDefaultSettings_WireAndParsingUnchanged()
    {
        var wire = new List<string>();
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(async request =>
        {
            wire.Add(await request.Content!.ReadAsStringAsync());
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"call-1","unknownMember":1,"status":"queued"}""") };
        });
        using var client = TestClients.With(mock);
        await client.Calls.CreateAsync(DocsExamples.TypedRequest(), CancellationToken.None);

        var previous = JsonConvert.DefaultSettings;
        JsonConvert.DefaultSettings = () => new JsonSerializerSettings
        {
            TypeNameHandling = TypeNameHandling.Objects,
            MissingMemberHandling = MissingMemberHandling.Error,
            NullValueHandling = NullValueHandling.Ignore,
            Formatting = Formatting.Indented,
            ContractResolver = new Newtonsoft.Json.Serialization.CamelCasePropertyNamesContractResolver(),
            MaxDepth = 2,
        };
        try
        {
            var call = await client.Calls.CreateAsync(DocsExamples.TypedRequest(), CancellationToken.None);

            Assert.Equal("call-1", call.Id);
            Assert.DoesNotContain("$type", wire[1]);
            Assert.Equal(wire[0], wire[1]);
        }
        finally
        {
            JsonConvert.DefaultSettings = previous;
        }
    }
}
