[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(@"Elemente.Client.DependencyInjection, PublicKey=0024000004800000940000000602000000240000525341310004000001000100c7730b6aa0f6f92e0b74261538a8312ce3b9b54eefffca1fd400e472cfe04531e64d83eb89d85eaddc868cb1406f2b2a73699bd360377efefe254ad899b9ef46252ee6ecfce3cc09f3d3f174b28efa1665713b45c1e82f43938ceb11f1c55b4a2b9c9c21cd6869232a215f8b332ad81e15d911b9e4f8ce6f82a08e5252bb44aa")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(@"Elemente.Client.Tests, PublicKey=0024000004800000940000000602000000240000525341310004000001000100c7730b6aa0f6f92e0b74261538a8312ce3b9b54eefffca1fd400e472cfe04531e64d83eb89d85eaddc868cb1406f2b2a73699bd360377efefe254ad899b9ef46252ee6ecfce3cc09f3d3f174b28efa1665713b45c1e82f43938ceb11f1c55b4a2b9c9c21cd6869232a215f8b332ad81e15d911b9e4f8ce6f82a08e5252bb44aa")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(@"Elemente.Client.Tests.NetStandard, PublicKey=0024000004800000940000000602000000240000525341310004000001000100c7730b6aa0f6f92e0b74261538a8312ce3b9b54eefffca1fd400e472cfe04531e64d83eb89d85eaddc868cb1406f2b2a73699bd360377efefe254ad899b9ef46252ee6ecfce3cc09f3d3f174b28efa1665713b45c1e82f43938ceb11f1c55b4a2b9c9c21cd6869232a215f8b332ad81e15d911b9e4f8ce6f82a08e5252bb44aa")]
namespace Elemente
{
    public class AgentOverrideInput
    {
        public AgentOverrideInput() { }
        [Newtonsoft.Json.JsonProperty("actions", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public System.Collections.Generic.ICollection<string>? Actions { get; set; }
        [Newtonsoft.Json.JsonExtensionData]
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        [Newtonsoft.Json.JsonProperty("email", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? Email { get; set; }
        [Newtonsoft.Json.JsonProperty("imageURL", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? ImageURL { get; set; }
        [Newtonsoft.Json.JsonProperty("knowledgebases", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public System.Collections.Generic.ICollection<string>? Knowledgebases { get; set; }
        [Newtonsoft.Json.JsonProperty("language", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? Language { get; set; }
        [Newtonsoft.Json.JsonProperty("name", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? Name { get; set; }
        [Newtonsoft.Json.JsonProperty("phone", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? Phone { get; set; }
        [Newtonsoft.Json.JsonProperty("prompt", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public Elemente.PromptOverride? Prompt { get; set; }
        [Newtonsoft.Json.JsonProperty("voiceSpeed", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public double? VoiceSpeed { get; set; }
        [Newtonsoft.Json.JsonProperty("voiceStability", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public double? VoiceStability { get; set; }
    }
    public class CallsClient
    {
        protected CallsClient() { }
        public virtual System.Threading.Tasks.Task<Elemente.Interaction> CreateAsync(Elemente.CreateInteractionInput body, System.Threading.CancellationToken cancellationToken = default) { }
        public virtual System.Threading.Tasks.Task<Elemente.ElementeResponse<Elemente.Interaction>> CreateWithResponseAsync(Elemente.CreateInteractionInput body, System.Threading.CancellationToken cancellationToken = default) { }
        public virtual System.Threading.Tasks.Task<Elemente.Interaction> GetAsync(string id, System.Threading.CancellationToken cancellationToken = default) { }
        public virtual System.Threading.Tasks.Task<Elemente.ElementeResponse<Elemente.Interaction>> GetWithResponseAsync(string id, System.Threading.CancellationToken cancellationToken = default) { }
        public virtual System.Threading.Tasks.Task<Elemente.Interaction> WaitForCompletionAsync(string id, Elemente.WaitOptions? options = null, System.Threading.CancellationToken cancellationToken = default) { }
        public virtual System.Collections.Generic.IAsyncEnumerable<Elemente.Interaction> WatchAsync(string id, Elemente.WaitOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] System.Threading.CancellationToken cancellationToken = default) { }
    }
    public class CreateInteractionInput
    {
        public CreateInteractionInput() { }
        [Newtonsoft.Json.JsonExtensionData]
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        [Newtonsoft.Json.JsonProperty("agentId", Required=Newtonsoft.Json.Required.Always)]
        public string AgentId { get; set; }
        [Newtonsoft.Json.JsonProperty("agentOverride", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public Elemente.AgentOverrideInput? AgentOverride { get; set; }
        [Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter?))]
        [Newtonsoft.Json.JsonProperty("channel", Required=Newtonsoft.Json.Required.AllowNull)]
        public Elemente.InteractionChannel? Channel { get; set; }
        [Newtonsoft.Json.JsonProperty("customerEmail", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? CustomerEmail { get; set; }
        [Newtonsoft.Json.JsonProperty("customerName", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? CustomerName { get; set; }
        [Newtonsoft.Json.JsonProperty("customerOverride", Required=Newtonsoft.Json.Required.Always)]
        public Elemente.CustomerOverrideInput CustomerOverride { get; set; }
        [Newtonsoft.Json.JsonProperty("customerPhone", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? CustomerPhone { get; set; }
        [Newtonsoft.Json.JsonProperty("skillId", Required=Newtonsoft.Json.Required.Always)]
        public string SkillId { get; set; }
    }
    public class CustomField
    {
        public CustomField() { }
        public CustomField(string name, Elemente.CustomFieldValue value) { }
        public CustomField(string name, System.DateOnly date) { }
        public CustomField(string name, System.DateTime date) { }
        public CustomField(string name, bool value) { }
        public CustomField(string name, decimal value) { }
        public CustomField(string name, double value) { }
        public CustomField(string name, long value) { }
        public CustomField(string name, string value) { }
        [Newtonsoft.Json.JsonExtensionData]
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        [Newtonsoft.Json.JsonProperty("name", Required=Newtonsoft.Json.Required.Always)]
        public string Name { get; set; }
        [Newtonsoft.Json.JsonProperty("value", Required=Newtonsoft.Json.Required.Always)]
        public Elemente.CustomFieldValue Value { get; set; }
        public override string ToString() { }
    }
    [Newtonsoft.Json.JsonConverter(typeof(Elemente.Serialization.CustomFieldValueConverter))]
    public readonly struct CustomFieldValue : System.IEquatable<Elemente.CustomFieldValue>
    {
        public const string DateFormat = "yyyy-MM-dd";
        public CustomFieldValue(System.DateOnly date) { }
        public CustomFieldValue(System.DateTime date) { }
        public CustomFieldValue(bool value) { }
        public CustomFieldValue(decimal value) { }
        public CustomFieldValue(double value) { }
        public CustomFieldValue(long value) { }
        public CustomFieldValue(string value) { }
        public Elemente.CustomFieldValueKind Kind { get; }
        public object? Value { get; }
        public bool? AsBoolean() { }
        public System.DateTime? AsDate() { }
        public decimal? AsDecimal() { }
        public double? AsDouble() { }
        public long? AsInt64() { }
        public string? AsString() { }
        public bool Equals(Elemente.CustomFieldValue other) { }
        public override bool Equals(object? obj) { }
        public override int GetHashCode() { }
        public override string ToString() { }
        public static Elemente.CustomFieldValue op_Implicit(System.DateTime date) { }
        public static Elemente.CustomFieldValue op_Implicit(bool value) { }
        public static Elemente.CustomFieldValue op_Implicit(decimal value) { }
        public static Elemente.CustomFieldValue op_Implicit(double value) { }
        public static Elemente.CustomFieldValue op_Implicit(long value) { }
        public static Elemente.CustomFieldValue op_Implicit(string value) { }
        public static bool operator !=(Elemente.CustomFieldValue left, Elemente.CustomFieldValue right) { }
        public static bool operator ==(Elemente.CustomFieldValue left, Elemente.CustomFieldValue right) { }
    }
    public enum CustomFieldValueKind
    {
        Undefined = 0,
        String = 1,
        Number = 2,
        Boolean = 3,
    }
    public class CustomerOverrideInput
    {
        public CustomerOverrideInput() { }
        [Newtonsoft.Json.JsonExtensionData]
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        [Newtonsoft.Json.JsonProperty("customFields", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public System.Collections.Generic.ICollection<Elemente.CustomField>? CustomFields { get; set; }
        [Newtonsoft.Json.JsonProperty("email", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? Email { get; set; }
        [Newtonsoft.Json.JsonProperty("firstName", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? FirstName { get; set; }
        [Newtonsoft.Json.JsonProperty("language", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? Language { get; set; }
        [Newtonsoft.Json.JsonProperty("lastName", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? LastName { get; set; }
        [Newtonsoft.Json.JsonProperty("phoneNumber", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? PhoneNumber { get; set; }
    }
    public sealed class ElementeApiException : Elemente.ElementeException
    {
        public ElementeApiException(string message, int statusCode, string? response, System.Collections.Generic.IReadOnlyDictionary<string, System.Collections.Generic.IEnumerable<string>>? headers, System.Exception? innerException) { }
        public System.Collections.Generic.IReadOnlyList<string> Errors { get; }
        public System.Collections.Generic.IReadOnlyDictionary<string, System.Collections.Generic.IEnumerable<string>> Headers { get; }
        public string? ResponseBody { get; }
        public int StatusCode { get; }
    }
    public class ElementeClient : System.IDisposable
    {
        protected ElementeClient() { }
        public ElementeClient(Elemente.ElementeClientOptions options, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null) { }
        public ElementeClient(System.Net.Http.HttpClient httpClient, Elemente.ElementeClientOptions options, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null) { }
        public virtual Elemente.CallsClient Calls { get; }
        public void Dispose() { }
        protected virtual void Dispose(bool disposing) { }
    }
    public sealed class ElementeClientOptions
    {
        public ElementeClientOptions() { }
        public string? ApplicationId { get; set; }
        public System.Uri BaseUri { get; set; }
        public bool LogPersonalData { get; set; }
        public int MaxRetries { get; set; }
        public System.TimeSpan MaxRetryDelay { get; set; }
        public string? Password { get; set; }
        public System.TimeSpan RetryDelay { get; set; }
        public System.TimeProvider? TimeProvider { get; set; }
        public System.TimeSpan Timeout { get; set; }
        public string? Username { get; set; }
        public bool ValidateRequests { get; set; }
        public static System.Uri DefaultBaseUri { get; }
        public override string ToString() { }
        public System.Collections.Generic.IReadOnlyList<string> Validate() { }
    }
    public sealed class ElementeConnectionException : Elemente.ElementeException
    {
        public ElementeConnectionException(bool outcomeUnknown, System.Exception innerException) { }
    }
    public abstract class ElementeException : System.Exception
    {
        protected ElementeException(string message, bool outcomeUnknown, string? requestId, System.Exception? innerException) { }
        public bool OutcomeUnknown { get; }
        public string? RequestId { get; }
    }
    public static class ElementeModelFactory
    {
        public static Elemente.Interaction Interaction(string id, Elemente.InteractionStatus? status = default, string? agentId = null, string? skillId = null, string? customerId = null, string? customerName = null, string? customerPhone = null, string? customerEmail = null, string? agentPhone = null, string? agentEmail = null, string? transcription = null, string? recordingUrl = null, System.Collections.Generic.IEnumerable<Elemente.InteractionMessage>? messages = null, double? duration = default) { }
        public static Elemente.InteractionMessage InteractionMessage(string? content, string? sender = null, System.DateTimeOffset? timestamp = default, string? sid = null, string? status = null, string? mediaUrl = null) { }
        public static Elemente.ElementeResponse<T> Response<T>(T value, int statusCode = 200, string? requestId = null) { }
    }
    public sealed class ElementeResponse<T>
    {
        public ElementeResponse(T value, int statusCode, System.Collections.Generic.IReadOnlyDictionary<string, System.Collections.Generic.IEnumerable<string>> headers) { }
        public System.Collections.Generic.IReadOnlyDictionary<string, System.Collections.Generic.IEnumerable<string>> Headers { get; }
        public string? RequestId { get; }
        public int StatusCode { get; }
        public T Value { get; }
    }
    public sealed class ElementeTimeoutException : Elemente.ElementeException
    {
        public ElementeTimeoutException(System.TimeSpan timeout, bool outcomeUnknown, System.Exception? innerException) { }
        public Elemente.InteractionStatus? LastStatus { get; }
        public System.TimeSpan Timeout { get; }
    }
    public sealed class ElementeValidationException : Elemente.ElementeException
    {
        public ElementeValidationException(System.Collections.Generic.IReadOnlyList<string> errors, string? paramName = null) { }
        public System.Collections.Generic.IReadOnlyList<string> Errors { get; }
        public string? ParamName { get; }
    }
    public class Interaction
    {
        public Interaction() { }
        [Newtonsoft.Json.JsonExtensionData]
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        [Newtonsoft.Json.JsonProperty("agentEmail", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? AgentEmail { get; set; }
        [Newtonsoft.Json.JsonProperty("agentId", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? AgentId { get; set; }
        [Newtonsoft.Json.JsonProperty("agentPhone", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? AgentPhone { get; set; }
        [Newtonsoft.Json.JsonProperty("customerEmail", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? CustomerEmail { get; set; }
        [Newtonsoft.Json.JsonProperty("customerId", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? CustomerId { get; set; }
        [Newtonsoft.Json.JsonProperty("customerName", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? CustomerName { get; set; }
        [Newtonsoft.Json.JsonProperty("customerPhone", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? CustomerPhone { get; set; }
        [Newtonsoft.Json.JsonProperty("duration", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public double? Duration { get; set; }
        [Newtonsoft.Json.JsonIgnore]
        public System.TimeSpan? DurationTimeSpan { get; }
        [Newtonsoft.Json.JsonProperty("id", Required=Newtonsoft.Json.Required.Always)]
        public string Id { get; set; }
        [Newtonsoft.Json.JsonProperty("messages", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public System.Collections.Generic.ICollection<Elemente.InteractionMessage>? Messages { get; set; }
        [Newtonsoft.Json.JsonProperty("recordingUrl", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? RecordingUrl { get; set; }
        [Newtonsoft.Json.JsonProperty("skillId", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? SkillId { get; set; }
        [Newtonsoft.Json.JsonProperty("status", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public Elemente.InteractionStatus? Status { get; set; }
        [Newtonsoft.Json.JsonProperty("transcription", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? Transcription { get; set; }
    }
    public enum InteractionChannel
    {
        [System.Runtime.Serialization.EnumMember(Value="call")]
        Call = 0,
        [System.Runtime.Serialization.EnumMember(Value="sms")]
        Sms = 1,
        [System.Runtime.Serialization.EnumMember(Value="whatsapp")]
        Whatsapp = 2,
        [System.Runtime.Serialization.EnumMember(Value="email")]
        Email = 3,
        [System.Runtime.Serialization.EnumMember(Value="webchat")]
        Webchat = 4,
    }
    [Newtonsoft.Json.JsonConverter(typeof(Elemente.Serialization.InteractionMessageConverter?))]
    public class InteractionMessage
    {
        public InteractionMessage() { }
        [Newtonsoft.Json.JsonExtensionData]
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        [Newtonsoft.Json.JsonProperty("content", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? Content { get; set; }
        [Newtonsoft.Json.JsonProperty("mediaUrl", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? MediaUrl { get; set; }
        [Newtonsoft.Json.JsonProperty("sender", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? Sender { get; set; }
        [Newtonsoft.Json.JsonProperty("sid", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? Sid { get; set; }
        [Newtonsoft.Json.JsonProperty("status", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? Status { get; set; }
        [Newtonsoft.Json.JsonProperty("timestamp", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public System.DateTimeOffset? Timestamp { get; set; }
    }
    [Newtonsoft.Json.JsonConverter(typeof(Elemente.Serialization.InteractionStatusConverter))]
    public readonly struct InteractionStatus : System.IEquatable<Elemente.InteractionStatus>
    {
        public InteractionStatus(string value) { }
        public bool IsFinal { get; }
        public bool IsKnown { get; }
        public static Elemente.InteractionStatus Answer { get; }
        public static Elemente.InteractionStatus Busy { get; }
        public static Elemente.InteractionStatus Canceled { get; }
        public static Elemente.InteractionStatus Close { get; }
        public static Elemente.InteractionStatus Closed { get; }
        public static Elemente.InteractionStatus Completed { get; }
        public static Elemente.InteractionStatus Expired { get; }
        public static Elemente.InteractionStatus Failed { get; }
        public static Elemente.InteractionStatus InProgress { get; }
        public static System.Collections.Generic.IReadOnlyList<Elemente.InteractionStatus> KnownValues { get; }
        public static Elemente.InteractionStatus NoAnswer { get; }
        public static Elemente.InteractionStatus Ongoing { get; }
        public static Elemente.InteractionStatus Open { get; }
        public static Elemente.InteractionStatus Pending { get; }
        public static Elemente.InteractionStatus Processing { get; }
        public static Elemente.InteractionStatus Queued { get; }
        public static Elemente.InteractionStatus Resolved { get; }
        public static Elemente.InteractionStatus Ringing { get; }
        public static Elemente.InteractionStatus Stalled { get; }
        public static Elemente.InteractionStatus Voicemail { get; }
        public bool Equals(Elemente.InteractionStatus other) { }
        public override bool Equals(object? obj) { }
        public override int GetHashCode() { }
        public override string ToString() { }
        public static Elemente.InteractionStatus op_Implicit(string value) { }
        public static bool operator !=(Elemente.InteractionStatus left, Elemente.InteractionStatus right) { }
        public static bool operator ==(Elemente.InteractionStatus left, Elemente.InteractionStatus right) { }
    }
    public class PromptOverride
    {
        public PromptOverride() { }
        [Newtonsoft.Json.JsonExtensionData]
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        [Newtonsoft.Json.JsonProperty("initialMessage", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? InitialMessage { get; set; }
        [Newtonsoft.Json.JsonProperty("prompt", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public string? Prompt { get; set; }
        [Newtonsoft.Json.JsonProperty("routingConditions", NullValueHandling=Newtonsoft.Json.NullValueHandling.Ignore, Required=Newtonsoft.Json.Required.Default)]
        public System.Collections.Generic.IDictionary<string, object>? RoutingConditions { get; set; }
    }
    public sealed class WaitOptions
    {
        public WaitOptions() { }
        public System.TimeSpan MaxPollInterval { get; set; }
        public System.TimeSpan PollInterval { get; set; }
        public System.IProgress<Elemente.Interaction>? Progress { get; set; }
        public System.TimeProvider? TimeProvider { get; set; }
        public System.TimeSpan Timeout { get; set; }
    }
}
namespace Elemente.Validation
{
    public static class CreateInteractionValidator
    {
        public static System.Collections.Generic.IReadOnlyList<string> Validate(Elemente.CreateInteractionInput request) { }
    }
}
