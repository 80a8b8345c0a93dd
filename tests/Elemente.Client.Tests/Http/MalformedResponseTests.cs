using System.Net;
using System.Text;
using Elemente.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace Elemente.Tests;

/// <summary>
/// 100,000 generated responses, good and bad: every status class, truncated and mutated JSON, wrong types, metadata
/// keys, unknown charsets, HTML, empty bodies, huge strings and deep nesting. Every outcome is a parsed value or a
/// documented <see cref="ElementeException"/>; nothing else escapes. The seed is fixed (ELEMENTE_FUZZ_SEED overrides
/// it) and every failure names it with the case's number, so any failure reproduces.
/// </summary>
public class MalformedResponseTests
{
    private const int Cases = 100_000;
    private const int DefaultSeed = 20261129;

    private static readonly string Example = DocsExamples.ResponseJson;

    private static readonly string[] Charsets = { "utf-8", "UTF8", "utf-16", "latin1", "bogus-charset", "\"utf-8\"", string.Empty };

    private static readonly int[] Statuses = { 200, 200, 200, 201, 201, 202, 204, 206, 299, 301, 302, 307, 400, 401, 404, 409, 422, 429, 500, 501, 502, 503, 504, 505, 599 };

    [Fact]
    public async Task Calls_100000GeneratedResponses_EveryOutcomeIsAValueOrADocumentedException()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ELEMENTE_FUZZ_SEED"), out var fromEnvironment) ? fromEnvironment : DefaultSeed;
        var handler = new GeneratedResponses();
        var options = new ElementeClientOptions
        {
            Username = TestClients.Username,
            Password = TestClients.Password,
            MaxRetries = 1,
            RetryDelay = TimeSpan.Zero,
            MaxRetryDelay = TimeSpan.Zero,
        };
        using var client = new ElementeClient(handler, ownsTransport: false, options, null);
        using var core = new ElementeCore(options.ValidatedCopy(), new NonDisposingHandler(handler), NullLogger.Instance);
        var request = TestClients.MinimalRequest();
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < Cases; i++)
        {
            var random = new Random(seed + i);
            var (description, respond) = Generate(random);
            handler.Next = respond;
            var post = i % 2 == 0;
            string outcome;
            try
            {
                var call = post
                    ? await client.Calls.CreateAsync(request, CancellationToken.None)
                    : (await core.SendAsync<Interaction>(new ElementeRequest(HttpMethods.Get, "Calls.Get").AppendPath("api/v1/calls/").AppendPathParameter("id", "call-1"), CancellationToken.None)).Value;
                Assert.True(call?.Id is not null, Reproduce(seed, i, description, "a success without an id"));
                outcome = "value";
            }
            catch (ElementeApiException error)
            {
                if (error.StatusCode is >= 200 and < 300)
                {
                    Assert.True(error.OutcomeUnknown == post, Reproduce(seed, i, description, $"a {error.StatusCode} with an unreadable body must report OutcomeUnknown={post}"));
                }
                else if (error.StatusCode is >= 400 and < 500)
                {
                    Assert.False(error.OutcomeUnknown, Reproduce(seed, i, description, "a 4xx never leaves the outcome unknown"));
                }

                outcome = nameof(ElementeApiException);
            }
            catch (ElementeException error)
            {
                outcome = error.GetType().Name;
            }
            catch (Exception error)
            {
                Assert.Fail(Reproduce(seed, i, description, $"escaped as {error}"));
                throw;
            }

            outcomes[outcome] = outcomes.TryGetValue(outcome, out var count) ? count + 1 : 1;
        }

        // Both kinds of outcome occur in volume, so neither side of the property is vacuous.
        Assert.True(outcomes.GetValueOrDefault("value") > Cases / 20, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(nameof(ElementeApiException)) > Cases / 4, string.Join(", ", outcomes));
    }

    private static string Reproduce(int seed, int index, string description, string problem) =>
        $"Case {index} (ELEMENTE_FUZZ_SEED={seed}): {description}: {problem}";

    private static (string Description, Func<HttpResponseMessage> Respond) Generate(Random random)
    {
        var status = Statuses[random.Next(Statuses.Length)];
        var (bodyKind, body) = Body(random);
        var charset = Charsets[random.Next(Charsets.Length)];
        var mediaType = random.Next(10) switch
        {
            0 => "text/html",
            1 => null,
            _ => "application/json",
        };
        var retryAfter = random.Next(8) switch
        {
            0 => "0",
            1 => "soon",
            2 => "-5",
            3 => "Wed, 21 Oct 2015 07:28:00 GMT",
            _ => null,
        };
        var description = $"HTTP {status}, {mediaType ?? "no content type"}; charset={charset}, Retry-After={retryAfter ?? "none"}, body: {bodyKind}";
        return (description, () =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(body) };
            if (mediaType is not null)
            {
                response.Content.Headers.TryAddWithoutValidation("Content-Type", charset.Length == 0 ? mediaType : $"{mediaType}; charset={charset}");
            }

            if (retryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            }

            return response;
        });
    }

    private static (string Kind, byte[] Body) Body(Random random)
    {
        switch (random.Next(16))
        {
            case 0:
            case 1:
            case 2:
                return ("the docs example", Utf8(Example));
            case 3:
                var cut = random.Next(Example.Length);
                return ($"the docs example truncated at {cut}", Utf8(Example.Substring(0, cut)));
            case 4:
                return ("the docs example with mutated characters", Utf8(Mutate(Example, random)));
            case 5:
                return ("a member with a wrong type", Utf8(WrongType(random)));
            case 6:
                return ("metadata keys", Utf8(Metadata(random)));
            case 7:
                return ("HTML", Utf8("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"));
            case 8:
                return ("empty", Array.Empty<byte>());
            case 9:
                var huge = new JObject { ["id"] = "call-1", ["transcription"] = new string('x', random.Next(50_000, 200_000)) };
                return ("a huge string", Utf8(huge.ToString()));
            case 10:
                var depth = random.Next(50, 5_000);
                return ($"nesting {depth} deep", Utf8("{\"id\":\"call-1\",\"routingConditions\":" + new string('[', depth) + new string(']', depth) + "}"));
            case 11:
                var bytes = new byte[random.Next(1, 200)];
                random.NextBytes(bytes);
                return ("random bytes", bytes);
            case 12:
                return ("a JSON scalar or null", Utf8(new[] { "null", "[]", "\"call-1\"", "123", "true", "{}" }[random.Next(6)]));
            case 13:
                return ("UTF-16 with a byte order mark", new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes(Example)).ToArray());
            case 14:
                return ("the example with trailing garbage", Utf8(Example + new[] { "}", " x", "{}", "]" }[random.Next(4)]));
            default:
                return ("an error body", Utf8("{\"statusCode\":500,\"message\":[\"a\",{\"nested\":1},null],\"error\":\"Internal\"}"));
        }
    }

    private const string MutationChars = "{}[]\":,\\0a-e.\u0000\uD800";

    private static string Mutate(string json, Random random)
    {
        var chars = json.ToCharArray();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            chars[random.Next(chars.Length)] = MutationChars[random.Next(MutationChars.Length)];
        }

        return new string(chars);
    }

    private static string WrongType(Random random)
    {
        var call = JObject.Parse(Example);
        var names = call.Properties().Select(p => p.Name).ToList();
        var name = names[random.Next(names.Count)];
        call[name] = random.Next(7) switch
        {
            0 => new JArray(1, "two", JValue.CreateNull()),
            1 => new JObject { ["x"] = 1 },
            2 => 1e308,
            3 => true,
            4 => "not a number",
            5 => JValue.CreateNull(),
            _ => long.MaxValue,
        };
        return call.ToString();
    }

    private static string Metadata(Random random) => random.Next(6) switch
    {
        0 => "{\"$type\":[",
        1 => "{\"$type\":\"System.IO.FileInfo, System.IO.FileSystem\",\"id\":\"call-1\"}",
        2 => "{\"$id\":\"1\",\"id\":\"call-1\",\"messages\":[{\"$ref\":\"1\"}]}",
        3 => "{\"$ref\":\"#\"}",
        4 => "{\"id\":\"call-1\",\"$values\":[1,2],\"customFields\":{\"$type\":\"x\"}}",
        _ => "{\"id\":{\"$type\":\"System.String\",\"$value\":\"x\"}}",
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Answers each request with the response the test generated for it.</summary>
    private sealed class GeneratedResponses : HttpMessageHandler
    {
        public Func<HttpResponseMessage> Next { get; set; } = () => new HttpResponseMessage(HttpStatusCode.OK);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = Next();
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
