namespace Elemente;

/// <summary>Builds response models for your tests (for example as what a mocked <see cref="CallsClient"/> returns).</summary>
public static class ElementeModelFactory
{
    /// <summary>Builds an interaction as the API reports it.</summary>
    /// <param name="id">The interaction id.</param>
    /// <param name="status">Its status.</param>
    /// <param name="agentId">The agent's id.</param>
    /// <param name="skillId">The skill's id.</param>
    /// <param name="customerId">The customer's id.</param>
    /// <param name="customerName">The customer's name.</param>
    /// <param name="customerPhone">The customer's phone number.</param>
    /// <param name="customerEmail">The customer's email.</param>
    /// <param name="agentPhone">The agent's phone number.</param>
    /// <param name="agentEmail">The agent's email.</param>
    /// <param name="transcription">The transcription.</param>
    /// <param name="recordingUrl">The recording's address.</param>
    /// <param name="messages">The conversation's messages.</param>
    /// <param name="duration">The duration in seconds.</param>
    /// <returns>The interaction.</returns>
    public static Interaction Interaction(
        string id,
        InteractionStatus? status = null,
        string? agentId = null,
        string? skillId = null,
        string? customerId = null,
        string? customerName = null,
        string? customerPhone = null,
        string? customerEmail = null,
        string? agentPhone = null,
        string? agentEmail = null,
        string? transcription = null,
        string? recordingUrl = null,
        IEnumerable<InteractionMessage>? messages = null,
        double? duration = null) => new()
    {
        Id = id ?? throw new ArgumentNullException(nameof(id)),
        Status = status,
        AgentId = agentId,
        SkillId = skillId,
        CustomerId = customerId,
        CustomerName = customerName,
        CustomerPhone = customerPhone,
        CustomerEmail = customerEmail,
        AgentPhone = agentPhone,
        AgentEmail = agentEmail,
        Transcription = transcription,
        RecordingUrl = recordingUrl,
        Messages = messages?.ToList(),
        Duration = duration,
    };

    /// <summary>Builds one conversation message.</summary>
    /// <param name="content">The text.</param>
    /// <param name="sender">Who sent it (agent or customer).</param>
    /// <param name="timestamp">When.</param>
    /// <param name="sid">The provider's message id.</param>
    /// <param name="status">The delivery status.</param>
    /// <param name="mediaUrl">A media attachment.</param>
    /// <returns>The message.</returns>
    public static InteractionMessage InteractionMessage(
        string? content,
        string? sender = null,
        DateTimeOffset? timestamp = null,
        string? sid = null,
        string? status = null,
        string? mediaUrl = null) => new()
    {
        Content = content,
        Sender = sender,
        Timestamp = timestamp,
        Sid = sid,
        Status = status,
        MediaUrl = mediaUrl,
    };

    /// <summary>Builds a successful response wrapper, as <see cref="CallsClient.CreateWithResponseAsync(CreateInteractionInput, System.Threading.CancellationToken)"/> returns.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="value">The body.</param>
    /// <param name="statusCode">The status code (200 by default).</param>
    /// <param name="requestId">The request id, sent as <c>x-request-id</c>.</param>
    /// <returns>The response.</returns>
    public static ElementeResponse<T> Response<T>(T value, int statusCode = 200, string? requestId = null) =>
        new(value, statusCode, requestId is null
            ? new Dictionary<string, IEnumerable<string>>()
            : new Dictionary<string, IEnumerable<string>> { ["x-request-id"] = new[] { requestId } });
}
