using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Elemente.ContractTests.Prism;
using Elemente.Testing;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using Xunit;
using TestingSpec = Elemente.Testing.EmulatorSpec;

namespace Elemente.ContractTests;

/// <summary>
/// The emulator (Elemente.Client.Testing) held to the effective spec, with Prism on the same spec as the independent
/// judge: over one request matrix, the two accept and reject the same requests (the agreement table below), and every
/// answer the emulator gives, at every phase of a call's life, validates against the spec.
/// </summary>
public sealed class EmulatorContractTests : IClassFixture<EffectiveSpecPrismFixture>
{
    private const string Uuid = "123e4567-e89b-12d3-a456-426614174000";
    private const string Minimal = """{"agentId":"a","skillId":"s","channel":"call","customerOverride":{"phoneNumber":"+12155550142"}}""";
    private const string Accepted = "accepted";
    private const string Invalid = "rejected: invalid";
    private const string Unauthorized = "rejected: unauthorized";

    /// <summary>Why Prism cannot know about a rule outside the schema.</summary>
    private const string OnlyTheSchema = "Prism checks only the schema, which has no minLength, pattern or format for this field.";

    private readonly EffectiveSpecPrismFixture _prism;

    public EmulatorContractTests(EffectiveSpecPrismFixture prism) => _prism = prism;

    /// <summary>The agreement table: each request, and what both Prism and the emulator must do with it.</summary>
    private static readonly IReadOnlyList<Row> Table = new[]
    {
        Create("docs example request", Accepted, Elemente.Tests.DocsExamples.Request.ToString(Newtonsoft.Json.Formatting.None)),
        Create("minimal: required fields and a number to call", Accepted, Minimal),
        Create("unknown extra property", Accepted, """{"agentId":"a","skillId":"s","channel":"sms","customerPhone":"+12155550142","customerOverride":{},"campaign":"spring"}"""),
        Create("custom field values: string, number, boolean", Accepted, """{"agentId":"a","skillId":"s","channel":"call","customerOverride":{"phoneNumber":"+12155550142","customFields":[{"name":"a","value":"x"},{"name":"b","value":150.75},{"name":"c","value":true}]}}"""),
        Create("nullable overrides sent as null", Accepted, """{"agentId":"a","skillId":"s","channel":"email","customerEmail":"grace@example.com","customerOverride":{"email":null,"customFields":null},"agentOverride":{"language":null}}"""),
        Create("agentId missing", Invalid, """{"skillId":"s","channel":"call","customerOverride":{}}"""),
        Create("skillId missing", Invalid, """{"agentId":"a","channel":"call","customerOverride":{}}"""),
        Create("channel missing", Invalid, """{"agentId":"a","skillId":"s","customerOverride":{}}"""),
        Create("customerOverride missing", Invalid, """{"agentId":"a","skillId":"s","channel":"call"}"""),
        Create("channel not in the enum", Invalid, """{"agentId":"a","skillId":"s","channel":"fax","customerOverride":{}}"""),
        Create("agentId a number", Invalid, """{"agentId":7,"skillId":"s","channel":"call","customerOverride":{}}"""),
        Create("customFields item a string (the verbatim spec's type)", Invalid, """{"agentId":"a","skillId":"s","channel":"call","customerOverride":{"customFields":["Order ID: 1"]}}"""),
        Create("custom field without value", Invalid, """{"agentId":"a","skillId":"s","channel":"call","customerOverride":{"customFields":[{"name":"x"}]}}"""),
        Create("custom field value an object", Invalid, """{"agentId":"a","skillId":"s","channel":"call","customerOverride":{"customFields":[{"name":"x","value":{"a":1}}]}}"""),
        Create("voiceSpeed a string", Invalid, """{"agentId":"a","skillId":"s","channel":"call","customerOverride":{},"agentOverride":{"voiceSpeed":"fast"}}"""),
        Create("customerOverride a string", Invalid, """{"agentId":"a","skillId":"s","channel":"call","customerOverride":"John"}"""),
        Create("body an array", Invalid, "[1,2]"),
        Create("no Authorization", Unauthorized, Minimal, Auth.None),
        Create("Bearer instead of Basic", Unauthorized, Minimal, Auth.Bearer),
        Get("get an existing call", Accepted),
        Get("get without Authorization", Unauthorized, Auth.None),
    };

    /// <summary>Where the two differ, on purpose; each side's verdict is pinned so that a change on either is noticed.</summary>
    private static readonly IReadOnlyList<(Row Row, string Prism, string Emulator, string Why)> KnownDifferences = new[]
    {
        (Create("Basic with other credentials", Accepted, Minimal, Auth.WrongPassword), Accepted, Unauthorized,
            "Prism checks that Basic credentials are present, not what they are; the emulator, like the API, checks them."),
        (Create("channel null", Accepted, """{"agentId":"a","skillId":"s","channel":null,"customerOverride":{}}"""), Accepted, Invalid,
            "The effective spec marks the channel enum nullable, for the C# client's sake (an unset channel is null, not call); the API takes no null for a required field, and neither does the emulator."),
        (Get("get an id that does not exist", Accepted, id: "00000000-0000-0000-0000-000000000000"), Accepted, Invalid,
            "Prism mocks every id from the spec's example; the emulator knows which calls exist and answers 404 Call not found."),
        (Create("agentId an empty string", Accepted, """{"agentId":"","skillId":"s","channel":"call","customerOverride":{"phoneNumber":"+12155550142"}}"""), Accepted, Invalid,
            OnlyTheSchema + " The API's NestJS validation refuses an empty id as it refuses a missing one (IsNotEmpty); so do the client's validator and the emulator."),
        (Create("agentId only whitespace", Accepted, """{"agentId":"   ","skillId":"s","channel":"call","customerOverride":{"phoneNumber":"+12155550142"}}"""), Accepted, Invalid,
            OnlyTheSchema + " The client's validator refuses a blank id, and the emulator, from the same rules, does too."),
        (Create("phone number not E.164", Accepted, """{"agentId":"a","skillId":"s","channel":"call","customerOverride":{"phoneNumber":"555-CALL-ME"}}"""), Accepted, Invalid,
            OnlyTheSchema + " The spec declares the number a plain string (no pattern); a number that cannot exist is never answered, so the client's validator and the emulator refuse it."),
        (Create("email not an address", Accepted, """{"agentId":"a","skillId":"s","channel":"email","customerOverride":{"email":"not-an-address"}}"""), Accepted, Invalid,
            OnlyTheSchema + " The spec declares the email a plain string (no format); the client's validator and the emulator refuse what is not an address."),
        (Create("call with no number to dial", Accepted, """{"agentId":"a","skillId":"s","channel":"call","customerOverride":{}}"""), Accepted, Invalid,
            OnlyTheSchema + " The spec requires no number; a call to nobody cannot be carried out, so the client's validator and the emulator refuse it."),
    };

    public static TheoryData<string> Rows() => new(Table.Select(row => row.Name));

    public static TheoryData<string> Differences() => new(KnownDifferences.Select(difference => difference.Row.Name));

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task AgreementTable_PrismAndTheEmulatorAcceptAndRejectTheSameRequests(string name)
    {
        var row = Table.Single(r => r.Name == name);
        await using var emulator = new ElementeEmulator();

        var prism = await SendAsync(row, _prism.BaseUri, new HttpClientHandler(), Uuid);
        var emulated = await SendAsync(row, ElementeEmulator.InMemoryBaseUri, emulator.CreateHandler(), await ExistingIdAsync(emulator));

        Assert.True(row.Expected == prism.Verdict, $"Prism: {prism}; expected {row.Expected}");
        Assert.True(row.Expected == emulated.Verdict, $"Emulator: {emulated}; expected {row.Expected}");
    }

    [Theory]
    [MemberData(nameof(Differences))]
    public async Task AgreementTable_KnownDifferences_EachSideAsDocumented(string name)
    {
        var (row, prismExpected, emulatorExpected, why) = KnownDifferences.Single(d => d.Row.Name == name);
        await using var emulator = new ElementeEmulator();

        var prism = await SendAsync(row, _prism.BaseUri, new HttpClientHandler(), row.Id ?? Uuid);
        var emulated = await SendAsync(row, ElementeEmulator.InMemoryBaseUri, emulator.CreateHandler(), row.Id ?? await ExistingIdAsync(emulator));

        Assert.True(prismExpected == prism.Verdict, $"Prism: {prism}; expected {prismExpected} ({why})");
        Assert.True(emulatorExpected == emulated.Verdict, $"Emulator: {emulated}; expected {emulatorExpected} ({why})");
    }

    [Fact]
    public async Task AgreementTable_TheClientsOwnRequests_BothAcceptEveryChannelAndOverrideCombination()
    {
        // The contract tests' matrix, as the client writes it: the emulator records each body, Prism judges it again.
        await using var emulator = new ElementeEmulator();
        using var client = emulator.CreateClient();
        foreach (var input in ClientMatrix())
        {
            await client.Calls.CreateAsync(input);
        }

        var bodies = emulator.Requests.Select(r => r.Body).ToList();
        Assert.Equal(ClientMatrix().Count(), bodies.Count);
        Assert.All(emulator.Requests, r => Assert.Equal(201, r.StatusCode));
        foreach (var body in bodies)
        {
            var prism = await SendAsync(Create("client matrix", Accepted, body), _prism.BaseUri, new HttpClientHandler(), Uuid);
            Assert.True(prism.Verdict == Accepted, $"Prism: {prism} for {body}");
        }
    }

    [Fact]
    public async Task EveryEmulatorAnswer_OverTheMatrixAndEveryPhase_ValidatesAgainstTheEffectiveSpec()
    {
        // The spec as the spec tool builds it from the repository's pages and overlay, not the copy the emulator embeds.
        var spec = TestingSpec.Parse(_prism.EffectiveSpecJson);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { TimeProvider = clock });
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = ElementeEmulator.InMemoryBaseUri };
        var answers = new List<(string What, HttpResponseMessage Response, string Body)>();
        async Task Record(string what, HttpRequestMessage request)
        {
            var response = await http.SendAsync(request);
            answers.Add((what, response, await response.Content.ReadAsStringAsync()));
        }

        var outcomes = Enum.GetValues<CallOutcome>();
        var rows = Table.Concat(KnownDifferences.Select(d => d.Row)).Where(r => r.Method == HttpMethod.Post).ToList();
        var bodies = rows.Select(r => (r.Name, r.Body!, r.Auth))
            .Concat(ClientMatrix().Select((input, i) => ($"client matrix #{i}", Newtonsoft.Json.JsonConvert.SerializeObject(input), Auth.Emulator)))
            .ToList();
        for (var i = 0; i < bodies.Count; i++)
        {
            emulator.ScriptNextOutcome(outcomes[i % outcomes.Length]);
            await Record(bodies[i].Item1, Request(HttpMethod.Post, "api/v1/calls", bodies[i].Item2, bodies[i].Item3));
        }

        // And a call ending each way (calls are the only channel that can end busy or in voicemail).
        foreach (var outcome in outcomes)
        {
            await Record($"call ending {outcome}", Request(HttpMethod.Post, "api/v1/calls", Minimal, Auth.Emulator));
            emulator.Interactions[^1].ScriptOutcome(outcome);
        }

        await Record("get unknown", Request(HttpMethod.Get, "api/v1/calls/nope", null, Auth.Emulator));
        await Record("get unauthorized", Request(HttpMethod.Get, "api/v1/calls/nope", null, Auth.None));
        // Each created call at each phase of its life: queued, ringing, in progress, and each way it ends.
        foreach (var step in new[] { 0, 1, 2, 5, 10, 30, 60 })
        {
            clock.Advance(TimeSpan.FromSeconds(step));
            foreach (var interaction in emulator.Interactions)
            {
                await Record($"get {interaction.Outcome} {interaction.Channel} at +{step}s", Request(HttpMethod.Get, $"api/v1/calls/{interaction.Id}", null, Auth.Emulator));
            }
        }

        var problems = new List<string>();
        foreach (var (what, response, body) in answers)
        {
            var method = response.RequestMessage!.Method.Method;
            var path = response.RequestMessage.RequestUri!.AbsolutePath;
            var operation = spec.Find(method, path, out _, out _);
            var status = (int)response.StatusCode;
            if (operation is null || !operation.Responses.TryGetValue(status, out var schema))
            {
                problems.Add($"{what}: {method} {path} answered {status}, which the spec does not declare");
                continue;
            }

            if (schema is not null)
            {
                foreach (var error in SpecOperation.Validate(schema, JToken.Parse(body)))
                {
                    problems.Add($"{what}: {error.Path} {error.Kind} in {body}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // Not a vacuous pass: creates, refusals and every final status were all checked.
        var statuses = answers.Select(a => (int)a.Response.StatusCode).ToHashSet();
        Assert.Superset(new HashSet<int> { 200, 201, 400, 401, 404 }, statuses);
        var finals = answers.Where(a => a.Response.StatusCode == HttpStatusCode.OK).Select(a => (string?)JObject.Parse(a.Body)["status"]).ToHashSet();
        Assert.Superset(new HashSet<string?> { "queued", "ringing", "in-progress", "completed", "no-answer", "busy", "voicemail", "failed", "canceled", "expired", "closed", "resolved" }, finals);
    }

    private static IEnumerable<CreateInteractionInput> ClientMatrix()
    {
        foreach (var channel in Enum.GetValues<InteractionChannel>())
        {
            foreach (var withAgentOverride in new[] { false, true })
            {
                foreach (var withCustomerOverride in new[] { false, true })
                {
                    var input = new CreateInteractionInput { AgentId = Uuid, SkillId = Uuid, Channel = channel };
                    if (withAgentOverride)
                    {
                        input.AgentOverride = new AgentOverrideInput { Name = "Ada", VoiceSpeed = 1.1, Prompt = new PromptOverride { InitialMessage = "Hello {{firstName}}" } };
                    }

                    if (withCustomerOverride)
                    {
                        input.CustomerOverride = new CustomerOverrideInput
                        {
                            FirstName = "Grace",
                            PhoneNumber = "+12673624524",
                            Email = "grace@example.com",
                            CustomFields = [new CustomField("Order ID", "12345"), new CustomField("Amount", 150.75m), new CustomField("Active", true), new CustomField("Date", new DateTime(2025, 3, 12))],
                        };
                    }
                    else
                    {
                        input.CustomerName = "Grace Hopper";
                        input.CustomerPhone = "+12673624524";
                        input.CustomerEmail = "grace@example.com";
                    }

                    yield return input;
                }
            }
        }
    }

    private static async Task<string> ExistingIdAsync(ElementeEmulator emulator)
    {
        using var client = emulator.CreateClient();
        return (await client.Calls.CreateAsync(new CreateInteractionInput { AgentId = "a", SkillId = "s", Channel = InteractionChannel.Call, CustomerPhone = "+12673624524" })).Id;
    }

    private static async Task<Result> SendAsync(Row row, Uri baseUri, HttpMessageHandler handler, string existingId)
    {
        using var http = new HttpClient(handler) { BaseAddress = baseUri };
        var path = row.Method == HttpMethod.Get ? $"api/v1/calls/{row.Id ?? existingId}" : "api/v1/calls";
        using var response = await http.SendAsync(Request(row.Method, path, row.Body, row.Auth));
        var status = (int)response.StatusCode;
        var verdict = status switch
        {
            >= 200 and < 300 => Accepted,
            401 => Unauthorized,
            >= 400 and < 500 => Invalid,
            _ => $"unexpected {status}",
        };
        var violations = response.Headers.TryGetValues("sl-violations", out var values) ? string.Join(" ", values) : string.Empty;
        return new Result(verdict, $"HTTP {status} {violations} {await response.Content.ReadAsStringAsync()}");
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? body, Auth auth)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = auth switch
        {
            Auth.Emulator => Basic(ElementeEmulatorOptions.DefaultUsername, ElementeEmulatorOptions.DefaultPassword),
            Auth.WrongPassword => Basic("someone", "not-the-password"),
            Auth.Bearer => new AuthenticationHeaderValue("Bearer", "abc"),
            _ => null,
        };
        return request;
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static Row Create(string name, string expected, string body, Auth auth = Auth.Emulator) => new(name, expected, HttpMethod.Post, body, auth, null);

    private static Row Get(string name, string expected, Auth auth = Auth.Emulator, string? id = null) => new(name, expected, HttpMethod.Get, null, auth, id);

    private enum Auth
    {
        Emulator,
        None,
        WrongPassword,
        Bearer,
    }

    private sealed record Row(string Name, string Expected, HttpMethod Method, string? Body, Auth Auth, string? Id);

    private sealed record Result(string Verdict, string Detail)
    {
        public override string ToString() => $"{Verdict} ({Detail})";
    }
}
