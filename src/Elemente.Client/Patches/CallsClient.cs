// PATCH: read bodies as text (an unreadable success body still reaches ElementeApiException.ResponseBody), validate
// requests before they are serialised, and expose the HTTP details of a success (CreateWithResponseAsync).
using System.Runtime.Serialization;
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
        // Per-client settings carry whether to validate; RequestValidation reads it while the body is serialised,
        // so an invalid request fails before anything is sent.
#pragma warning disable SYSLIB0050 // Json.NET's per-serializer context is a StreamingContext; nothing here is formatter-based.
        var settings = new Newtonsoft.Json.JsonSerializerSettings
        {
            Context = new StreamingContext(StreamingContextStates.Other, new RequestValidation(options.ValidateRequests)),
        };
#pragma warning restore SYSLIB0050
        ElementeJson.Configure(settings);
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
