// PATCH: read bodies as text so that an unreadable success body still reaches ElementeApiException.ResponseBody, and use the client's JSON settings.
using Elemente.Serialization;

namespace Elemente;

internal partial class CallsClient
{
    partial void Initialize() => ReadResponseAsString = true;

    static partial void UpdateJsonSerializerSettings(Newtonsoft.Json.JsonSerializerSettings settings) => ElementeJson.Configure(settings);
}
