using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Elemente.Testing;
using Newtonsoft.Json.Linq;

namespace Elemente.Tests.Emulator;

/// <summary>The emulator refuses what the API (and the client's validator) refuses, and routes as Express does.</summary>
public class EmulatorRulesTests
{
    [Theory]
    [InlineData("agentId", "", "agentId should not be empty")]
    [InlineData("agentId", "   ", "agentId should not be empty")]
    [InlineData("skillId", " \t", "skillId should not be empty")]
    [InlineData("phone", "555-CALL-ME", "customerOverride.phoneNumber must be E.164 (+ then 7 to 15 digits)")]
    [InlineData("email", "not-an-address", "customerOverride.email must be an email address")]
    public async Task CreateAsync_ClientValidationOff_EmulatorRefusesWhatTheValidatorRefuses(string field, string value, string message)
    {
        await using var emulator = new ElementeEmulator();
        using var client = emulator.CreateClient(new ElementeClientOptions { ValidateRequests = false });
        var request = EmulatorRequests.Call("+12155550142");
        switch (field)
        {
            case "agentId": request.AgentId = value; break;
            case "skillId": request.SkillId = value; break;
            case "phone": request.CustomerOverride!.PhoneNumber = value; break;
            default: request.CustomerOverride!.Email = value; break;
        }

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.CreateAsync(request));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(new[] { message }, error.Errors);
        Assert.Empty(emulator.Interactions);
        // The same rule, from the same place: the client's validator refuses the same request.
        Assert.Single(Elemente.Validation.CreateInteractionValidator.Validate(request));
    }

    [Fact]
    public async Task CreateAsync_CallWithNoNumberToDial_400NamingTheNumber()
    {
        await using var emulator = new ElementeEmulator();
        using var client = emulator.CreateClient(new ElementeClientOptions { ValidateRequests = false });
        var request = new CreateInteractionInput { AgentId = "a", SkillId = "s", Channel = InteractionChannel.Call, CustomerOverride = new CustomerOverrideInput() };

        var error = await Assert.ThrowsAsync<ElementeApiException>(() => client.Calls.CreateAsync(request));

        Assert.Equal(new[] { "customerOverride.phoneNumber is required for channel call (or set customerPhone)" }, error.Errors);
    }

    [Theory]
    [InlineData("POST", "api/v1/calls/")]
    [InlineData("POST", "API/V1/Calls")]
    [InlineData("POST", "api/v1/CALLS/")]
    public async Task Create_TrailingSlashOrOtherCase_RoutedAsExpressDoes(string method, string path)
    {
        await using var emulator = new ElementeEmulator();
        using var http = Http(emulator);

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(ValidCall) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(EmulatorOperations.CreateCall, emulator.Requests.Single().Operation);
    }

    [Fact]
    public async Task Get_TrailingSlashAndOtherCase_FindsTheCall()
    {
        await using var emulator = new ElementeEmulator();
        using var http = Http(emulator);
        using var created = await http.PostAsync("api/v1/calls", Json(ValidCall));
        var id = (string)JObject.Parse(await created.Content.ReadAsStringAsync())["id"]!;

        using var response = await http.GetAsync($"Api/V1/Calls/{id}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (string?)JObject.Parse(await response.Content.ReadAsStringAsync())["id"]);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Create_JsonBodyUnderANonJsonContentType_400AsNestJsAndNothingCreated(string contentType)
    {
        await using var emulator = new ElementeEmulator();
        using var http = Http(emulator);

        using var response = await http.PostAsync("api/v1/calls", new StringContent(ValidCall, Encoding.UTF8, contentType));

        // Express's JSON parser leaves a body of another type unread, so NestJS validates an empty object.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("agentId should not be empty", JObject.Parse(await response.Content.ReadAsStringAsync())["message"]!.Values<string>());
        Assert.Empty(emulator.Interactions);
    }

    private const string ValidCall = """{"agentId":"a","skillId":"s","channel":"call","customerOverride":{"phoneNumber":"+12155550142"}}""";

    private static HttpClient Http(ElementeEmulator emulator)
    {
        var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = new Uri("https://emulator.test/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emulator.Username}:{emulator.Password}")));
        return http;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
