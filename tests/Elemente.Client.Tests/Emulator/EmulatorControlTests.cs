using System.Net;
using System.Text;
using Elemente.Testing;
using Newtonsoft.Json.Linq;

namespace Elemente.Tests.Emulator;

/// <summary>The control surface under /__emulator, as a test in another language drives it (here in memory).</summary>
public class EmulatorControlTests
{
    [Fact]
    public async Task Faults_OverHttp_ScopedToAnOperationAndACount()
    {
        await using var emulator = new ElementeEmulator();
        using var control = new HttpClient(emulator.CreateHandler()) { BaseAddress = new Uri("http://127.0.0.1/") };

        using var injected = await control.PostAsync("__emulator/faults", Json("""{"kind":"status","statusCode":502,"operation":"Calls_Get","count":2,"headers":{"X-Edge":"lb-1"}}"""));

        Assert.Equal(HttpStatusCode.Created, injected.StatusCode);
        Assert.Equal(2, emulator.PendingFaults);
        using var client = emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 });
        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"))).Id;
        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.GetAsync(id));
        Assert.Equal(502, error.StatusCode);
        Assert.Equal("lb-1", error.Headers["X-Edge"].Single());
        using var cleared = await control.DeleteAsync("__emulator/faults");
        Assert.Equal(0, emulator.PendingFaults);
        // The control requests are the test's own: not recorded.
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Theory]
    [InlineData("__emulator/faults", """{"kind":"explode"}""", "Valid kinds: rate-limited, service-unavailable")]
    [InlineData("__emulator/faults", """{"kind":"timeout","operation":"Calls_create"}""", "Valid names: Calls_Create, Calls_Get")]
    [InlineData("__emulator/scripts", """{"phoneNumber":"+12155550100","outcome":"engaged"}""", "Valid outcomes: completed, no-answer, busy")]
    [InlineData("__emulator/scripts", """{"outcome":"busy"}""", "\"next\": true")]
    public async Task Control_BadRequest_400SayingWhatIsValid(string path, string body, string message)
    {
        await using var emulator = new ElementeEmulator();
        using var control = new HttpClient(emulator.CreateHandler()) { BaseAddress = new Uri("http://127.0.0.1/") };

        using var response = await control.PostAsync(path, Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (string?)JObject.Parse(await response.Content.ReadAsStringAsync())["message"], StringComparison.Ordinal);
        Assert.Equal(0, emulator.PendingFaults);
    }

    [Fact]
    public async Task ScriptsAndReset_OverHttp_ScriptAConversationThenStartOver()
    {
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider() });
        using var control = new HttpClient(emulator.CreateHandler()) { BaseAddress = new Uri("http://127.0.0.1/") };
        using var client = emulator.CreateClient();

        (await control.PostAsync("__emulator/scripts", Json("""{"next":true,"outcome":"resolved","lines":[{"sender":"customer","content":"Done, {{firstName}}?"}],"durationSeconds":3}"""))).Dispose();
        var id = (await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142", firstName: "Ada"))).Id;
        ((Microsoft.Extensions.Time.Testing.FakeTimeProvider)emulator.TimeProvider).Advance(TimeSpan.FromMinutes(1));
        var interactions = JArray.Parse(await control.GetStringAsync("__emulator/interactions"));

        Assert.Equal("resolved", (string?)interactions.Single()["status"]);
        Assert.Equal("customer: Done, Ada?", (await client.Calls.GetAsync(id)).Transcription);
        (await control.PostAsync("__emulator/reset", null)).Dispose();
        Assert.Empty(JArray.Parse(await control.GetStringAsync("__emulator/interactions")));
        Assert.Empty(emulator.Requests);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
