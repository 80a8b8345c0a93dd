using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Elemente.Testing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Elemente.Tests.Emulator;

/// <summary>The emulator as the API: credentials, validation, routing, recording, and its loopback server.</summary>
public class EmulatorApiTests
{
    [Fact]
    public async Task Post_MissingRequiredFields_NestStyle400NamingEachAndNothingCreated()
    {
        await using var emulator = new ElementeEmulator();
        using var http = Http(emulator, authorized: true);

        using var response = await http.PostAsync("api/v1/calls", Json("""{"agentId":"a"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, (int)body["statusCode"]!);
        Assert.Equal("Bad Request", (string?)body["error"]);
        Assert.Equal(
            new[] { "channel should not be empty", "customerOverride should not be empty", "skillId should not be empty" },
            body["message"]!.Values<string>().Order(StringComparer.Ordinal));
        Assert.Empty(emulator.Interactions);
    }

    [Theory]
    [InlineData("""{"agentId":"a","skillId":"s","channel":"fax","customerOverride":{}}""", "channel must be one of the following values: call, sms, whatsapp, email, webchat")]
    [InlineData("""{"agentId":"a","skillId":"s","channel":"call","customerOverride":{"customFields":["Order ID: 1"]}}""", "customerOverride.customFields.0 must be an object")]
    [InlineData("""{"agentId":"a","skillId":"s","channel":"call","customerOverride":{"customFields":[{"name":"x"}]}}""", "customerOverride.customFields.0.value should not be empty")]
    [InlineData("""{"agentId":"a","skillId":"s","channel":"call","customerOverride":{"customFields":[{"name":"x","value":{"a":1}}]}}""", "customerOverride.customFields.0.value must be a string, a number or a boolean")]
    [InlineData("""{"agentId":7,"skillId":"s","channel":"call","customerOverride":{}}""", "agentId must be a string")]
    [InlineData("""{"agentId":"a","skillId":"s","channel":"call","customerOverride":{},"agentOverride":{"voiceSpeed":"fast"}}""", "agentOverride.voiceSpeed must be a number conforming to the specified constraints")]
    [InlineData("""[1,2]""", "body must be an object")]
    public async Task Post_InvalidField_400MessageNamesIt(string json, string message)
    {
        await using var emulator = new ElementeEmulator();
        using var http = Http(emulator, authorized: true);

        using var response = await http.PostAsync("api/v1/calls", Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = JObject.Parse(await response.Content.ReadAsStringAsync())["message"]!.Values<string>();
        Assert.Contains(message, messages);
        Assert.Empty(emulator.Interactions);
    }

    [Fact]
    public async Task Post_NotJson_400AndNothingCreated()
    {
        await using var emulator = new ElementeEmulator();
        using var http = Http(emulator, authorized: true);

        using var response = await http.PostAsync("api/v1/calls", Json("""{"agentId":"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Unexpected", (string?)JObject.Parse(await response.Content.ReadAsStringAsync())["message"], StringComparison.Ordinal);
        Assert.Empty(emulator.Interactions);
    }

    [Fact]
    public async Task CreateAsync_ClientValidationOff_Emulator400ReachesTheCallerNamingTheField()
    {
        await using var emulator = new ElementeEmulator();
        using var client = emulator.CreateClient(new ElementeClientOptions { ValidateRequests = false });

        // The channel was never set: without the client's own check it goes out as null, which the API refuses.
        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.CreateAsync(new CreateInteractionInput { AgentId = "a", SkillId = "s", CustomerPhone = "+12155550142" }));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(new[] { "channel should not be empty" }, error.Errors);
        Assert.False(error.OutcomeUnknown);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("emulator:wrong-password")]
    [InlineData("someone:emulator-password")]
    public async Task Post_WithoutTheEmulatorsCredentials_401AndNothingCreated(string? credentials)
    {
        await using var emulator = new ElementeEmulator();
        using var http = Http(emulator, authorized: false);
        if (credentials is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        using var response = await http.PostAsync("api/v1/calls", Json("""{"agentId":"a","skillId":"s","channel":"call","customerOverride":{}}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, (int)JObject.Parse(await response.Content.ReadAsStringAsync())["statusCode"]!);
        Assert.Empty(emulator.Interactions);
        Assert.False(Assert.Single(emulator.Requests).Authenticated);
    }

    [Fact]
    public async Task Options_OwnCredentials_OnlyThoseAreAccepted()
    {
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { Username = "team", Password = "s3cret" });
        using var wrong = new ElementeClient(new HttpClient(emulator.CreateHandler()), new ElementeClientOptions { Username = "emulator", Password = "emulator-password", MaxRetries = 0 });
        using var right = emulator.CreateClient();

        Assert.Equal(401, (await Assert.ThrowsAsync<ElementeApiException>(() => wrong.Calls.CreateAsync(EmulatorRequests.Call("+12155550142")))).StatusCode);
        Assert.NotNull(await right.Calls.CreateAsync(EmulatorRequests.Call("+12155550142")));
        Assert.Equal("team", emulator.Username);
    }

    [Fact]
    public async Task Requests_RecordEachRequestWithoutTheCredentials()
    {
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { Password = "never-shown-anywhere" });
        using var client = emulator.CreateClient();

        var call = await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"));
        await client.Calls.GetAsync(call.Id);

        var requests = emulator.Requests;
        Assert.Equal(new[] { "POST /api/v1/calls", $"GET /api/v1/calls/{call.Id}" }, requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.Equal(new[] { EmulatorOperations.CreateCall, EmulatorOperations.GetCall }, requests.Select(r => r.Operation));
        Assert.Equal(new int?[] { 201, 200 }, requests.Select(r => r.StatusCode));
        Assert.Equal(new long[] { 1, 2 }, requests.Select(r => r.Sequence));
        Assert.All(requests, r => Assert.True(r.Authenticated));
        Assert.Equal("(redacted)", requests[0].Headers["Authorization"]);
        Assert.Equal("+12155550142", (string?)JObject.Parse(requests[0].Body).SelectToken("customerOverride.phoneNumber"));
        var everything = string.Join("\n", requests.SelectMany(r => r.Headers.Values.Append(r.ToString()).Append(r.Body)))
            + emulator + new ElementeEmulatorOptions { Password = "never-shown-anywhere" };
        Assert.DoesNotContain("never-shown-anywhere", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("emulator:never-shown-anywhere")), everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactions_HoldTheParsedRequest()
    {
        await using var emulator = new ElementeEmulator();
        using var client = emulator.CreateClient();
        var request = EmulatorRequests.Call("+12155550142", firstName: "Ada");
        request.CustomerOverride!.CustomFields = [new CustomField("Order Amount", 150.75m), new CustomField("Active", true)];

        var call = await client.Calls.CreateAsync(request);

        var interaction = Assert.Single(emulator.Interactions);
        Assert.Same(interaction, emulator.FindInteraction(call.Id));
        Assert.Equal(InteractionChannel.Call, interaction.Channel);
        Assert.Equal("Ada", interaction.Request.CustomerOverride!.FirstName);
        Assert.Equal(EmulatorRequests.SkillId, interaction.Request.SkillId);
        Assert.Equal(new[] { "150.75", "true" }, interaction.Request.CustomerOverride.CustomFields!.Select(f => f.Value.ToString().ToLowerInvariant()));
        Assert.Equal(InteractionStatus.Queued, interaction.GetState().Status);
        Assert.Null(emulator.FindInteraction("no-such-id"));
    }

    [Fact]
    public async Task GetAsync_UnknownId_404CallNotFound()
    {
        await using var emulator = new ElementeEmulator();
        using var client = emulator.CreateClient();

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.GetAsync("no-such-id"));

        Assert.Equal(404, error.StatusCode);
        Assert.Contains("Call not found", error.Errors);
    }

    [Theory]
    [InlineData("GET", "/api/v1/agents")]
    [InlineData("PUT", "/api/v1/calls")]
    [InlineData("DELETE", "/api/v1/calls/abc")]
    public async Task UnknownRoute_404CannotMethodPath(string method, string path)
    {
        await using var emulator = new ElementeEmulator();
        using var http = Http(emulator, authorized: true);

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"Cannot {method} {path}", (string?)JObject.Parse(await response.Content.ReadAsStringAsync())["message"]);
        Assert.Null(Assert.Single(emulator.Requests).Operation);
    }

    [Fact]
    public async Task OperationTheEmulatorDoesNotEmulate_501NamingIt()
    {
        var spec = JObject.Parse(EmulatorSpec.Default.Json);
        spec["paths"]!["/api/v1/agents/{id}"] = JObject.Parse("""{"get":{"operationId":"Agents_Get","tags":["Agents"],"responses":{"200":{"description":"ok"}}}}""");
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions(), EmulatorSpec.Parse(spec.ToString()));
        using var http = Http(emulator, authorized: true);

        using var response = await http.GetAsync("api/v1/agents/42");

        Assert.Equal((HttpStatusCode)501, response.StatusCode);
        var message = (string?)JObject.Parse(await response.Content.ReadAsStringAsync())["message"];
        Assert.Equal("The Elemente emulator does not emulate Agents_Get (GET /api/v1/agents/{id}).", message);
        Assert.Equal("Agents_Get", Assert.Single(emulator.Requests).Operation);
    }

    [Fact]
    public void EmulatorSpec_Embedded_HasEveryOperationOfTheGeneratedClient()
    {
        // The emulator's spec is the one the client was generated from: each operation is a method of a resource client.
        var operations = EmulatorSpec.Default.Operations.Select(o => o.Id).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(new[] { EmulatorOperations.CreateCall, EmulatorOperations.GetCall }, operations);
        Assert.NotNull(typeof(CallsClient).GetMethod("CreateAsync", new[] { typeof(CreateInteractionInput), typeof(CancellationToken) }));
        Assert.NotNull(typeof(CallsClient).GetMethod("GetAsync", new[] { typeof(string), typeof(CancellationToken) }));
    }

    [Fact]
    public async Task StartServerAsync_ServesOverLoopbackThenStopFreesThePort()
    {
        var emulator = new ElementeEmulator();
        var baseUri = await emulator.StartServerAsync();

        Assert.Equal("127.0.0.1", baseUri.Host);
        Assert.Equal(baseUri, emulator.ServerUri);
        Assert.Equal(baseUri, await emulator.StartServerAsync());
        using (var client = new ElementeClient(new ElementeClientOptions { BaseUri = baseUri, Username = emulator.Username, Password = emulator.Password }))
        {
            var call = await client.Calls.CreateAsync(EmulatorRequests.Call("+12155550142"));
            Assert.Equal(call.Id, (await client.Calls.GetAsync(call.Id)).Id);
        }

        Assert.Equal(2, emulator.Requests.Count);

        await emulator.StopServerAsync();

        Assert.Null(emulator.ServerUri);
        using (var probe = new TcpClient())
        {
            await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(baseUri.Host, baseUri.Port));
        }

        // The port is free: something else can listen on it.
        var listener = new TcpListener(System.Net.IPAddress.Loopback, baseUri.Port);
        listener.Start();
        listener.Stop();
        await emulator.DisposeAsync();
    }

    [Fact]
    public async Task StartServerAsync_PortTaken_IOExceptionNamingIt()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { ServerPort = port });

            var error = await Assert.ThrowsAsync<IOException>(() => emulator.StartServerAsync());

            Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
            Assert.Null(emulator.ServerUri);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task DisposeAsync_StopsTheServer()
    {
        var emulator = new ElementeEmulator();
        var baseUri = await emulator.StartServerAsync();

        await emulator.DisposeAsync();

        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(baseUri.Host, baseUri.Port));
        Assert.Throws<ObjectDisposedException>(() => emulator.CreateClient());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => emulator.StartServerAsync());
    }

    [Fact]
    public void Options_Invalid_NamedInTheError()
    {
        Assert.Equal("Username", Assert.Throws<ArgumentException>(() => new ElementeEmulator(new ElementeEmulatorOptions { Username = "a:b" })).ParamName);
        Assert.Equal("QueuedFor", Assert.Throws<ArgumentException>(() => new ElementeEmulator(new ElementeEmulatorOptions { QueuedFor = TimeSpan.FromSeconds(-1) })).ParamName);
        Assert.Equal("ServerPort", Assert.Throws<ArgumentException>(() => new ElementeEmulator(new ElementeEmulatorOptions { ServerPort = 70000 })).ParamName);
    }

    private static HttpClient Http(ElementeEmulator emulator, bool authorized)
    {
        var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = new Uri("https://emulator.test/") };
        if (authorized)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emulator.Username}:{emulator.Password}")));
        }

        return http;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

/// <summary>The emulator behind dependency injection: its handler as the IHttpClientFactory client's primary handler.</summary>
public class EmulatorDependencyInjectionTests
{
    [Fact]
    public async Task AddElementeClient_WithTheEmulatorsHandler_InjectedClientsTalkToIt()
    {
        await using var emulator = new ElementeEmulator();
        var services = new ServiceCollection();
        services.AddElementeClient(o =>
        {
            o.Username = emulator.Username;
            o.Password = emulator.Password;
        }).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        await using var provider = services.BuildServiceProvider();

        var calls = provider.GetRequiredService<CallsClient>();
        var call = await calls.CreateAsync(EmulatorRequests.Call("+12155550142"));

        Assert.Equal(call.Id, Assert.Single(emulator.Interactions).Id);
        Assert.True(Assert.Single(emulator.Requests).Authenticated);
    }
}
