// PATCH: read bodies as text (an unreadable success body still reaches ElementeApiException.ResponseBody), validate
// requests before they are serialised, and expose the HTTP details of a success (CreateWithResponseAsync).
using Elemente.Http;
using Elemente.Serialization;
using Elemente.Validation;

namespace Elemente;

internal partial class CallsClient
{
    public CallsClient(HttpClient httpClient, ElementeClientOptions options)
        : this(httpClient)
    {
        BaseUrl = options.BaseUri.ToString();
        var settings = new Newtonsoft.Json.JsonSerializerSettings();
        ElementeJson.Configure(settings);
        if (options.ValidateRequests)
        {
            // Requests are checked as they are serialised, so an invalid one fails before anything is sent.
            settings.ContractResolver = ValidatingContractResolver.Instance;
        }

        _instanceSettings = settings;
    }

    /// <inheritdoc />
    public async Task<ElementeResponse<SanitisedFeedback>> CreateWithResponseAsync(CreateInteractionInput body, CancellationToken cancellationToken = default)
    {
        var capture = new ResponseCapture();
        ResponseCapture.Current = capture;
        var value = await CreateAsync(body, cancellationToken).ConfigureAwait(false);
        return new ElementeResponse<SanitisedFeedback>(value, capture.StatusCode, capture.Headers!);
    }

    partial void Initialize() => ReadResponseAsString = true;

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => ResponseCapture.Current?.Record(response);

    static partial void UpdateJsonSerializerSettings(Newtonsoft.Json.JsonSerializerSettings settings) => ElementeJson.Configure(settings);
}
