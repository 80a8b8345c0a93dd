namespace Elemente;

/// <summary>How an <see cref="ElementeClient"/> reaches and authenticates to the Elemente API, and how it retries.</summary>
public sealed class ElementeClientOptions
{
    /// <summary>The production API address, <c>https://api.elemente.ai</c>.</summary>
    public static Uri DefaultBaseUri { get; } = new("https://api.elemente.ai");

    /// <summary>The API address. Defaults to <see cref="DefaultBaseUri"/>. Must be absolute and https (plain http only to a loopback address).</summary>
    public Uri BaseUri { get; set; } = DefaultBaseUri;

    /// <summary>The API username, sent with <see cref="Password"/> as HTTP Basic authentication on every request.</summary>
    public string? Username { get; set; }

    /// <summary>The API password. Never logged, never part of an exception or of <see cref="ToString"/>.</summary>
    public string? Password { get; set; }

    /// <summary>How long one attempt may take before it is abandoned (each retry gets its own). Defaults to 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a failed request may be retried (0 turns retries off). Defaults to 2. A create (POST) is retried
    /// only when the API provably did not process it: the connection could not be established, or the API refused it
    /// with 429 or 503 and a <c>Retry-After</c>. Idempotent requests (GET, PUT, DELETE) are also retried after timeouts,
    /// dropped connections and 408, 429, 500, 502, 503 and 504.
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry's delay; later ones double, with jitter. Defaults to 0.5 seconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest the client waits before a retry, including a server's <c>Retry-After</c>. A server asking for longer
    /// gets no retry: its error is raised instead. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Your application's name, put in front of the <c>User-Agent</c> so the Elemente team can tell your traffic apart
    /// (at most 24 characters, no spaces). Optional.
    /// </summary>
    public string? ApplicationId { get; set; }

    /// <summary>
    /// Whether requests are checked before anything is sent (required fields, E.164 phone numbers, unique custom field
    /// names, ...). An invalid request raises <see cref="ElementeValidationException"/>. Defaults to true.
    /// </summary>
    public bool ValidateRequests { get; set; } = true;

    /// <summary>
    /// Whether request and response bodies, which hold customers' phone numbers and emails, may be logged (at Debug
    /// level). Defaults to false: bodies are never logged. Credentials are never logged either way.
    /// </summary>
    public bool LogPersonalData { get; set; }

    /// <summary>
    /// The clock a wait on a call (<see cref="CallsClient.WaitForCompletionAsync"/>, <see cref="CallsClient.WatchAsync"/>)
    /// uses for its delays and timeout when <see cref="WaitOptions.TimeProvider"/> is null; <see cref="System.TimeProvider.System"/>
    /// when this is null too (the default). A client from the emulator's <c>CreateClient</c> (Elemente.Client.Testing) gets
    /// the emulator's clock here, so that one fake clock drives both.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Describes the options without their credentials.</summary>
    public override string ToString() =>
        $"ElementeClientOptions {{ BaseUri = {BaseUri}, Username = {Described(Username)}, Password = {Described(Password)}, " +
        $"Timeout = {Timeout}, MaxRetries = {MaxRetries}, ApplicationId = {ApplicationId ?? "(not set)"} }}";

    /// <summary>
    /// Lists what is wrong with these options, each problem naming its setting; empty when they are usable.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BaseUri is null || !BaseUri.IsAbsoluteUri)
        {
            problems.Add($"{nameof(BaseUri)} must be an absolute URI such as {DefaultBaseUri}.");
        }
        else if (BaseUri.Scheme != Uri.UriSchemeHttps && !(BaseUri.Scheme == Uri.UriSchemeHttp && BaseUri.IsLoopback))
        {
            problems.Add($"{nameof(BaseUri)} must use https: credentials are never sent in clear text (plain http is allowed only to a loopback address, for local fakes).");
        }

        if (string.IsNullOrEmpty(Username))
        {
            problems.Add($"{nameof(Username)} is not set: the Elemente API needs a username and password.");
        }
        else if (Username!.IndexOf(':') >= 0)
        {
            problems.Add($"{nameof(Username)} must not contain ':' (HTTP Basic authentication cannot carry it).");
        }

        if (string.IsNullOrEmpty(Password))
        {
            problems.Add($"{nameof(Password)} is not set: the Elemente API needs a username and password.");
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{nameof(Timeout)} must be positive (or Timeout.InfiniteTimeSpan).");
        }

        if (MaxRetries is < 0 or > 10)
        {
            problems.Add($"{nameof(MaxRetries)} must be between 0 and 10.");
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < TimeSpan.Zero || RetryDelay > MaxRetryDelay)
        {
            problems.Add($"{nameof(RetryDelay)} and {nameof(MaxRetryDelay)} must not be negative, and {nameof(RetryDelay)} must not exceed {nameof(MaxRetryDelay)}.");
        }

        if (ApplicationId is { } id && (id.Length is 0 or > 24 || id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '(' or ')')))
        {
            problems.Add($"{nameof(ApplicationId)} must be 1 to 24 characters without spaces or parentheses.");
        }

        return problems;
    }

    /// <summary>Checks the options and returns a copy the client keeps, so later changes to this instance do not affect it.</summary>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it.</exception>
    internal ElementeClientOptions ValidatedCopy()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            var first = problems[0];
            throw new ArgumentException(string.Join(" ", problems), first.Substring(0, first.IndexOf(' ')));
        }

        return new ElementeClientOptions
        {
            BaseUri = BaseUri,
            Username = Username,
            Password = Password,
            Timeout = Timeout,
            MaxRetries = MaxRetries,
            RetryDelay = RetryDelay,
            MaxRetryDelay = MaxRetryDelay,
            ApplicationId = ApplicationId,
            ValidateRequests = ValidateRequests,
            LogPersonalData = LogPersonalData,
            TimeProvider = TimeProvider,
        };
    }

    private static string Described(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "(set)";
}
