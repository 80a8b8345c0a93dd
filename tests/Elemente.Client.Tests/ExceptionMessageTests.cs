namespace Elemente.Tests;

/// <summary>The messages users read in logs and support tickets, built by the exceptions themselves.</summary>
public class ExceptionMessageTests
{
    private static readonly IReadOnlyDictionary<string, IEnumerable<string>> NoHeaders = new Dictionary<string, IEnumerable<string>>();

    [Fact]
    public void ApiException_KnownErrorStatusWithTwoReasons_NamesStatusMessageAndReasons()
    {
        var error = new ElementeApiException("Request rejected.", 404,
            """{"statusCode":404,"message":["agentId not found","skillId not found"],"error":"Not Found"}""", NoHeaders, null);

        Assert.Equal(
            "The Elemente API answered HTTP 404 (NotFound). Request rejected. Reasons: agentId not found; skillId not found",
            error.Message);
    }

    [Fact]
    public void ApiException_StatusOutsideTheEnum_HasNoReasonPhrase()
    {
        var error = new ElementeApiException("Upstream failed.", 599, null, NoHeaders, null);

        Assert.Equal("The Elemente API answered HTTP 599. Upstream failed.", error.Message);
    }

    [Fact]
    public void ApiException_Status300_IsAnErrorStatusNotAnUnreadableSuccess()
    {
        var error = new ElementeApiException("Moved.", 300, null, NoHeaders, null);

        Assert.Equal($"The Elemente API answered HTTP 300 ({(System.Net.HttpStatusCode)300}). Moved.", error.Message);
    }

    [Fact]
    public void ApiException_OutcomeUnknown_EndsWithTheMayHaveBeenProcessedWarning()
    {
        var error = new ElementeApiException("Gateway timeout.", 504, null, NoHeaders, null, outcomeUnknown: true);

        Assert.Equal(
            "The Elemente API answered HTTP 504 (GatewayTimeout). Gateway timeout. The request was sent and may have been processed: " +
            "the interaction may have been created. It was not retried, so the customer is not contacted twice; check before creating it again.",
            error.Message);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public void ApiException_WithoutHeaders_HasNoRequestIdAndEmptyHeaders()
    {
        var error = new ElementeApiException("Broken.", 500, null, headers: null, null);

        Assert.Null(error.RequestId);
        Assert.Empty(error.Headers);
    }

    [Fact]
    public void ApiException_ReasonList_SkipsEmptyStringsAndKeepsNonStringItemsAsJson()
    {
        var error = new ElementeApiException("Invalid.", 400,
            """{"message":["", "name is required", {"field":"phone"}, true]}""", NoHeaders, null);

        Assert.Equal(new[] { "name is required", """{"field":"phone"}""", "true" }, error.Errors);
    }

    [Fact]
    public void TimeoutException_OutcomeKnown_SaysOnlyHowLongItWaited()
    {
        var error = new ElementeTimeoutException(TimeSpan.FromMilliseconds(2500), outcomeUnknown: false, null);

        Assert.Equal("The Elemente API did not answer within 2.5 s.", error.Message);
    }

    [Fact]
    public void TimeoutException_OutcomeUnknown_AddsTheMayHaveBeenProcessedWarning()
    {
        var error = new ElementeTimeoutException(TimeSpan.FromSeconds(30), outcomeUnknown: true, null);

        Assert.Equal(
            "The Elemente API did not answer within 30 s. The request was sent and may have been processed: " +
            "the interaction may have been created. It was not retried, so the customer is not contacted twice; check before creating it again.",
            error.Message);
    }

    [Fact]
    public void ValidationException_OneProblem_IsSingular()
    {
        var error = new ElementeValidationException(new[] { "agentId: is required" });

        Assert.Equal("The request is invalid and was not sent (1 problem): agentId: is required", error.Message);
    }

    [Fact]
    public void ValidationException_TwoProblems_IsPluralAndSeparated()
    {
        var error = new ElementeValidationException(new[] { "agentId: is required", "skillId: is required" });

        Assert.Equal("The request is invalid and was not sent (2 problems): agentId: is required; skillId: is required", error.Message);
    }

    [Fact]
    public void ValidationException_NullErrors_IsAnArgumentNullException()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new ElementeValidationException(null!));

        Assert.Equal("errors", error.ParamName);
    }
}
