using Elemente.Sample;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Elemente.Tests;

public class SampleTests
{
    [Fact]
    public async Task Run_WithoutCredentials_CreatesTheDocsExampleCallAgainstTheEmbeddedFake()
    {
        using var output = new StringWriter();

        var exitCode = await SampleRun.RunAsync(output, _ => null, CancellationToken.None);

        Assert.Equal(0, exitCode);
        var text = output.ToString();
        Assert.Contains("embedded fake", text);
        Assert.Contains("Created interaction 123e4567-e89b-12d3-a456-426614174000", text);
        Assert.Contains("status:   in-progress", text);
        Assert.Contains("duration: 02:00:00", text);
        Assert.Contains("agent: Hello, how can I assist you today? (delivered)", text);
    }

    [Fact]
    public void EmbeddedExampleResponse_IsTheDocsExampleResponse()
    {
        var embedded = JsonConvert.DeserializeObject<JObject>(FakeElementeApi.ExampleResponse, new JsonSerializerSettings { DateParseHandling = DateParseHandling.None })!;

        Assert.Equal(DocsExamples.Response.ToString(), embedded.ToString());
    }
}
