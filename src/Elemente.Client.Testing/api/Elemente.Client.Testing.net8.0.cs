[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(@"Elemente.Client.ContractTests, PublicKey=0024000004800000940000000602000000240000525341310004000001000100c7730b6aa0f6f92e0b74261538a8312ce3b9b54eefffca1fd400e472cfe04531e64d83eb89d85eaddc868cb1406f2b2a73699bd360377efefe254ad899b9ef46252ee6ecfce3cc09f3d3f174b28efa1665713b45c1e82f43938ceb11f1c55b4a2b9c9c21cd6869232a215f8b332ad81e15d911b9e4f8ce6f82a08e5252bb44aa")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(@"Elemente.Client.Tests, PublicKey=0024000004800000940000000602000000240000525341310004000001000100c7730b6aa0f6f92e0b74261538a8312ce3b9b54eefffca1fd400e472cfe04531e64d83eb89d85eaddc868cb1406f2b2a73699bd360377efefe254ad899b9ef46252ee6ecfce3cc09f3d3f174b28efa1665713b45c1e82f43938ceb11f1c55b4a2b9c9c21cd6869232a215f8b332ad81e15d911b9e4f8ce6f82a08e5252bb44aa")]
namespace Elemente.Testing
{
    public enum CallOutcome
    {
        Completed = 0,
        NoAnswer = 1,
        Busy = 2,
        Voicemail = 3,
        Failed = 4,
        Canceled = 5,
        Expired = 6,
        Closed = 7,
        Resolved = 8,
    }
    public sealed class ElementeEmulator : System.IAsyncDisposable, System.IDisposable
    {
        public static readonly System.Uri InMemoryBaseUri;
        public ElementeEmulator() { }
        public ElementeEmulator(Elemente.Testing.ElementeEmulatorOptions options) { }
        public System.Collections.Generic.IReadOnlyList<Elemente.Testing.EmulatedInteraction> Interactions { get; }
        public string Password { get; }
        public int PendingFaults { get; }
        public System.Collections.Generic.IReadOnlyList<Elemente.Testing.RecordedRequest> Requests { get; }
        public System.Uri? ServerUri { get; }
        public System.TimeProvider TimeProvider { get; }
        public string Username { get; }
        public void ClearFaults() { }
        public Elemente.ElementeClient CreateClient(Elemente.ElementeClientOptions? options = null) { }
        public System.Net.Http.HttpMessageHandler CreateHandler() { }
        public void Dispose() { }
        public System.Threading.Tasks.ValueTask DisposeAsync() { }
        public Elemente.Testing.EmulatedInteraction? FindInteraction(string id) { }
        public void InjectFault(Elemente.Testing.EmulatedFault fault, int count = 1) { }
        public void Reset() { }
        public void ScriptConversation(string phoneNumber, Elemente.Testing.EmulatedConversation conversation) { }
        public void ScriptNextConversation(Elemente.Testing.EmulatedConversation conversation) { }
        public void ScriptNextOutcome(Elemente.Testing.CallOutcome outcome) { }
        public void ScriptOutcome(string phoneNumber, Elemente.Testing.CallOutcome outcome) { }
        public System.Threading.Tasks.Task<System.Uri> StartServerAsync(System.Threading.CancellationToken cancellationToken = default) { }
        public System.Threading.Tasks.Task StopServerAsync(System.Threading.CancellationToken cancellationToken = default) { }
        public override string ToString() { }
    }
    public sealed class ElementeEmulatorOptions
    {
        public const string DefaultPassword = "emulator-password";
        public const string DefaultUsername = "emulator";
        public ElementeEmulatorOptions() { }
        public System.TimeSpan ConversationFor { get; set; }
        public Elemente.Testing.CallOutcome DefaultOutcome { get; set; }
        public string Password { get; set; }
        public System.TimeSpan QueuedFor { get; set; }
        public System.TimeSpan RingingFor { get; set; }
        public int? Seed { get; set; }
        public int ServerPort { get; set; }
        public System.TimeProvider TimeProvider { get; set; }
        public string Username { get; set; }
        public override string ToString() { }
    }
    public sealed class EmulatedConversation
    {
        public EmulatedConversation() { }
        public System.TimeSpan? Duration { get; init; }
        public string? FinalStatus { get; init; }
        public System.Collections.Generic.IReadOnlyList<Elemente.Testing.EmulatedLine>? Lines { get; init; }
        public Elemente.Testing.CallOutcome Outcome { get; init; }
        public System.Uri? RecordingUrl { get; init; }
        public override string ToString() { }
    }
    public sealed class EmulatedFault
    {
        public string? Body { get; }
        public int? ChunkBytes { get; }
        public System.TimeSpan? Delay { get; }
        public System.Collections.Generic.IReadOnlyDictionary<string, string> Headers { get; }
        public System.TimeSpan? Jitter { get; }
        public Elemente.Testing.EmulatedFaultKind Kind { get; }
        public string? Operation { get; }
        public System.TimeSpan? RetryAfter { get; }
        public int? StatusCode { get; }
        public Elemente.Testing.EmulatedFault ForOperation(Elemente.Testing.EmulatorOperation operation) { }
        public Elemente.Testing.EmulatedFault ForOperation(string operation) { }
        public override string ToString() { }
        public static Elemente.Testing.EmulatedFault DropConnectionAfterProcessing() { }
        public static Elemente.Testing.EmulatedFault Latency(System.TimeSpan delay, System.TimeSpan? jitter = default) { }
        public static Elemente.Testing.EmulatedFault RateLimited(System.TimeSpan? retryAfter = default) { }
        public static Elemente.Testing.EmulatedFault ResetAfterProcessing() { }
        public static Elemente.Testing.EmulatedFault ResetBeforeProcessing() { }
        public static Elemente.Testing.EmulatedFault ServiceUnavailable(System.TimeSpan? retryAfter = default) { }
        public static Elemente.Testing.EmulatedFault SlowBody(System.TimeSpan delayBetweenChunks, int chunkBytes = 16) { }
        public static Elemente.Testing.EmulatedFault Status(int statusCode, string? body = null, System.Collections.Generic.IReadOnlyDictionary<string, string>? headers = null) { }
        public static Elemente.Testing.EmulatedFault Timeout() { }
        public static Elemente.Testing.EmulatedFault UnreadableBody(int? statusCode = default, string? body = null) { }
    }
    public enum EmulatedFaultKind
    {
        RateLimited = 0,
        ServiceUnavailable = 1,
        Timeout = 2,
        DropConnectionAfterProcessing = 3,
        Status = 4,
        UnreadableBody = 5,
        Latency = 6,
        SlowBody = 7,
        ResetBeforeProcessing = 8,
    }
    public sealed class EmulatedInteraction
    {
        public Elemente.InteractionChannel Channel { get; }
        public System.DateTimeOffset CreatedAt { get; }
        public string? Email { get; }
        public string Id { get; }
        public bool IsFinal { get; }
        public Elemente.Testing.CallOutcome Outcome { get; }
        public string? PhoneNumber { get; }
        public Elemente.CreateInteractionInput Request { get; }
        public string RequestBody { get; }
        public Elemente.InteractionStatus Status { get; }
        public Elemente.Interaction GetState() { }
        public void ScriptConversation(Elemente.Testing.EmulatedConversation conversation) { }
        public void ScriptOutcome(Elemente.Testing.CallOutcome outcome) { }
        public override string ToString() { }
    }
    public sealed class EmulatedLine
    {
        public EmulatedLine(string sender, string content) { }
        public string Content { get; }
        public string Sender { get; }
        public override string ToString() { }
        public static Elemente.Testing.EmulatedLine Agent(string content) { }
        public static Elemente.Testing.EmulatedLine Customer(string content) { }
    }
    public enum EmulatorOperation
    {
        CreateCall = 0,
        GetCall = 1,
    }
    public static class EmulatorOperations
    {
        public const string CreateCall = "Calls_Create";
        public const string GetCall = "Calls_Get";
        public static System.Collections.Generic.IReadOnlyList<string> All { get; }
        public static string Name(Elemente.Testing.EmulatorOperation operation) { }
    }
    public sealed class RecordedRequest
    {
        public bool Authenticated { get; }
        public string Body { get; }
        public Elemente.Testing.EmulatedFault? Fault { get; }
        public System.Collections.Generic.IReadOnlyDictionary<string, string> Headers { get; }
        public string Method { get; }
        public string? Operation { get; }
        public string PathAndQuery { get; }
        public System.DateTimeOffset ReceivedAt { get; }
        public long Sequence { get; }
        public int? StatusCode { get; }
        public override string ToString() { }
    }
}
