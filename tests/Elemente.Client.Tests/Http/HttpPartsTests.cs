using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Elemente.Diagnostics;
using Elemente.Http;
using Microsoft.Extensions.Logging.Abstractions;
using RichardSzalay.MockHttp;

namespace Elemente.Tests;

/// <summary>The small parts of the pipeline: request ids, the User-Agent, attempt numbers and each attempt's telemetry.</summary>
[Collection(nameof(TelemetryTests))] // ActivityListener and MeterListener see the whole process.
public class HttpPartsTests
{
    [Fact]
    public void RequestId_SeveralIdHeaders_TheFirstNameInPriorityOrderWinsWhateverItsCase()
    {
        var headers = new Dictionary<string, IEnumerable<string>>
        {
            ["CF-Ray"] = new[] { "ray-1" },
            ["X-Correlation-ID"] = new[] { "corr-1", "corr-2" },
        };

        Assert.Equal("corr-1", ResponseHeaders.RequestId(headers));
        Assert.Equal("ray-1", ResponseHeaders.RequestId(new Dictionary<string, IEnumerable<string>> { ["cf-ray"] = new[] { "ray-1" } }));
        Assert.Null(ResponseHeaders.RequestId(new Dictionary<string, IEnumerable<string>> { ["x-other"] = new[] { "o" } }));
    }

    [Theory]
    [InlineData("x-request-id")]
    [InlineData("X-Correlation-Id")]
    [InlineData("Request-Id")]
    [InlineData("x-amzn-RequestId")]
    [InlineData("CF-RAY")]
    public void RequestId_EachKnownHeaderAlone_IsTheRequestId(string name)
    {
        Assert.Equal("id-1", ResponseHeaders.RequestId(new Dictionary<string, IEnumerable<string>> { [name] = new[] { "id-1", "id-2" } }));
    }

    [Fact]
    public void RequestId_KnownHeaderWithoutAValue_IsNoRequestIdNotAnError()
    {
        Assert.Null(ResponseHeaders.RequestId(new Dictionary<string, IEnumerable<string>> { ["x-request-id"] = Array.Empty<string>() }));
    }

    [Fact]
    public void Of_Response_HoldsResponseAndContentHeadersCaseInsensitively()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        response.Headers.Add("x-request-id", "r-1");

        var headers = ResponseHeaders.Of(response);

        Assert.Equal(new[] { "r-1" }, headers["X-Request-Id"]);
        Assert.Equal("application/json; charset=utf-8", Assert.Single(headers["content-type"]));
    }

    [Fact]
    public void Create_UserAgent_IsProductVersionAndPlatformWithTheApplicationIdInFront()
    {
        var product = UserAgent.Create(null);

        Assert.Matches(@"^Elemente\.Client/[0-9][^ ]* \([^()\p{Cc}]+; [^()\p{Cc}]+\)$", product);
        Assert.Equal(product, UserAgent.Create(string.Empty));
        Assert.Equal("acme-crm " + product, UserAgent.Create("acme-crm"));
    }

    [Theory]
    [InlineData(" .NET 8.0.11 ", ".NET 8.0.11")]
    [InlineData("Linux 6.1.0 (Debian 12)", "Linux 6.1.0 Debian 12")]
    [InlineData("Darwin\t23.1\r\n", "Darwin23.1")]
    [InlineData("()", "")]
    public void Clean_PlatformText_LosesParenthesesControlCharactersAndOuterSpaces(string text, string expected)
    {
        // The runtime's own descriptions contain none of these here, so Create alone cannot show the cleaning.
        Assert.Equal(expected, UserAgent.Clean(text));
    }

    [Fact]
    public void Of_MessageWithoutANumber_IsTheFirstAttempt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.elemente.ai/x");
        Assert.Equal(1, AttemptNumber.Of(request));

        AttemptNumber.Set(request, 3);
        Assert.Equal(3, AttemptNumber.Of(request));
    }

    [Fact]
    public async Task SendAsync_ErrorStatusAndFailure_TaggedAsErrorsWithServerAndMeasured()
    {
        const string host = "telemetry-parts.example";
        var spans = new List<Activity>();
        using var listener = ListenForSpans(host, spans);
        var measured = new List<Dictionary<string, object?>>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == ElementeTelemetry.Name) { l.EnableMeasurementEvents(instrument); } },
        };
        meters.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            if (copy.GetValueOrDefault("server.address") as string == host)
            {
                lock (measured) { measured.Add(copy); }
            }
        });
        meters.Start();
        var mock = new MockHttpMessageHandler();
        mock.When($"https://{host}:8443/fails").Respond(HttpStatusCode.BadGateway);
        mock.When($"https://{host}:8443/throws").Throw(new HttpRequestException("boom"));
        using var invoker = new HttpMessageInvoker(new AttemptTelemetryHandler(NullLogger.Instance, logBodies: false) { InnerHandler = mock });

        using (var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"https://{host}:8443/fails"), CancellationToken.None))
        {
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"https://{host}:8443/throws"), CancellationToken.None));

        Assert.Equal(2, spans.Count);
        Assert.Equal("GET /fails", spans[0].DisplayName);
        Assert.Equal(ActivityKind.Client, spans[0].Kind);
        Assert.Equal(8443, spans[0].GetTagItem("server.port"));
        Assert.Equal("502", spans[0].GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, spans[0].Status);
        Assert.Null(spans[0].GetTagItem("http.request.resend_count"));
        Assert.Equal("System.Net.Http.HttpRequestException", spans[1].GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, spans[1].Status);
        Assert.Equal("HttpRequestException", spans[1].StatusDescription);
        Assert.Equal(2, measured.Count);
        Assert.Equal("GET", measured[0]["http.request.method"]);
        Assert.Equal(8443, measured[0]["server.port"]);
        Assert.Equal(502, measured[0]["http.response.status_code"]);
        Assert.Equal("502", measured[0]["error.type"]);
        Assert.Equal("DELETE", measured[1]["http.request.method"]);
        Assert.False(measured[1].ContainsKey("http.response.status_code"));
        Assert.Equal("System.Net.Http.HttpRequestException", measured[1]["error.type"]);
    }

    [Fact]
    public async Task SendAsync_Success_IsNeitherAnErrorNorTaggedWithOne()
    {
        const string host = "telemetry-ok.example";
        var spans = new List<Activity>();
        using var listener = ListenForSpans(host, spans);
        var mock = new MockHttpMessageHandler();
        mock.When($"https://{host}/ok").Respond(HttpStatusCode.Accepted);
        using var invoker = new HttpMessageInvoker(new AttemptTelemetryHandler(NullLogger.Instance, logBodies: false) { InnerHandler = mock });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{host}/ok");
        AttemptNumber.Set(request, 3);

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        var span = Assert.Single(spans);
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(202, span.GetTagItem("http.response.status_code"));
        Assert.Equal(2, span.GetTagItem("http.request.resend_count"));
    }

    [Fact]
    public async Task SendAsync_OperationRetriedThenFailed_SpanCountsAttemptsAndIsAnErrorNamingTheException()
    {
        var operations = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ElementeTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.DisplayName.StartsWith("Elemente Parts.", StringComparison.Ordinal))
                {
                    lock (operations)
                    {
                        operations.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var mock = new MockHttpMessageHandler();
        mock.When("https://api.elemente.ai/fails").Respond(HttpStatusCode.ServiceUnavailable);
        mock.When("https://api.elemente.ai/empty").Respond(HttpStatusCode.OK, "application/json", string.Empty);
        mock.When("https://api.elemente.ai/ok").Respond("application/json", "{}");
        var options = TestClients.Options();
        options.RetryDelay = TimeSpan.FromMilliseconds(1);
        options.MaxRetries = 1;
        using var core = new ElementeCore(options.ValidatedCopy(), mock, NullLogger.Instance);

        await Assert.ThrowsAsync<ElementeApiException>(() => core.SendAsync<Newtonsoft.Json.Linq.JObject>(new ElementeRequest(HttpMethods.Get, "Parts.Fails").AppendPath("fails"), CancellationToken.None));
        await Assert.ThrowsAsync<ElementeApiException>(() => core.SendAsync<Newtonsoft.Json.Linq.JObject>(new ElementeRequest(HttpMethods.Get, "Parts.Empty").AppendPath("empty"), CancellationToken.None));
        await core.SendAsync<Newtonsoft.Json.Linq.JObject>(new ElementeRequest(HttpMethods.Get, "Parts.Ok").AppendPath("ok"), CancellationToken.None);

        Assert.Equal(new[] { "Elemente Parts.Fails", "Elemente Parts.Empty", "Elemente Parts.Ok" }, operations.Select(o => o.DisplayName));
        Assert.Equal(new object[] { 2, 1, 1 }, operations.Select(o => o.GetTagItem("elemente.attempts")));
        Assert.Equal(new[] { ActivityStatusCode.Error, ActivityStatusCode.Error, ActivityStatusCode.Unset }, operations.Select(o => o.Status));
        Assert.Equal(new[] { "ElementeApiException", "ElementeApiException", null }, operations.Select(o => o.StatusDescription));
        Assert.All(operations, o => Assert.Equal(ActivityKind.Internal, o.Kind));
    }

    private static ActivityListener ListenForSpans(string host, List<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ElementeTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("server.address") as string == host)
                {
                    lock (spans)
                    {
                        spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
