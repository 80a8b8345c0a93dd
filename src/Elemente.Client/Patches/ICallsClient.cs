// PATCH: the spec has no way to ask for the HTTP details of a success; add CreateWithResponseAsync.
namespace Elemente;

/// <summary>
/// Creating interactions: the AI agent calls, texts, emails or chats with a customer. Reach it as
/// <see cref="ElementeClient.Calls"/>; mock it in your tests.
/// </summary>
public partial interface ICallsClient
{
    /// <summary>
    /// Create Call, returning the HTTP details too: status code, headers and the server's request id.
    /// </summary>
    /// <param name="body">What to start: agent, skill, channel and customer.</param>
    /// <param name="cancellationToken">Cancels the request; a request cancelled before it is sent is not sent.</param>
    /// <returns>The created interaction with the response's status, headers and request id.</returns>
    /// <exception cref="ElementeValidationException">The request is invalid; nothing was sent.</exception>
    /// <exception cref="ElementeApiException">The API answered with an error, or with a body that cannot be read.</exception>
    /// <exception cref="ElementeTimeoutException">The API did not answer in time.</exception>
    /// <exception cref="ElementeConnectionException">The API could not be reached, or the connection dropped.</exception>
    Task<ElementeResponse<SanitisedFeedback>> CreateWithResponseAsync(CreateInteractionInput body, CancellationToken cancellationToken = default);
}
