namespace Elemente;

/// <summary>How an <see cref="ElementeClient"/> reaches and authenticates to the Elemente API.</summary>
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

    /// <summary>How long one attempt may take before it is abandoned. Defaults to 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Describes the options without their credentials.</summary>
    public override string ToString() =>
        $"ElementeClientOptions {{ BaseUri = {BaseUri}, Username = {(string.IsNullOrEmpty(Username) ? "(not set)" : "(set)")}, " +
        $"Password = {(string.IsNullOrEmpty(Password) ? "(not set)" : "(set)")}, Timeout = {Timeout} }}";

    /// <summary>Checks the options and returns a copy the client keeps, so later changes to this instance do not affect it.</summary>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it.</exception>
    internal ElementeClientOptions Validate()
    {
        if (BaseUri is null || !BaseUri.IsAbsoluteUri)
        {
            throw new ArgumentException($"{nameof(BaseUri)} must be an absolute URI such as {DefaultBaseUri}.", nameof(BaseUri));
        }

        if (BaseUri.Scheme != Uri.UriSchemeHttps && !(BaseUri.Scheme == Uri.UriSchemeHttp && BaseUri.IsLoopback))
        {
            throw new ArgumentException(
                $"{nameof(BaseUri)} must use https: credentials are never sent in clear text (plain http is allowed only to a loopback address, for local fakes).",
                nameof(BaseUri));
        }

        if (string.IsNullOrEmpty(Username))
        {
            throw new ArgumentException($"{nameof(Username)} is not set: the Elemente API needs a username and password.", nameof(Username));
        }

        if (Username!.IndexOf(':') >= 0)
        {
            throw new ArgumentException($"{nameof(Username)} must not contain ':' (HTTP Basic authentication cannot carry it).", nameof(Username));
        }

        if (string.IsNullOrEmpty(Password))
        {
            throw new ArgumentException($"{nameof(Password)} is not set: the Elemente API needs a username and password.", nameof(Password));
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{nameof(Timeout)} must be positive (or Timeout.InfiniteTimeSpan).", nameof(Timeout));
        }

        return new ElementeClientOptions { BaseUri = BaseUri, Username = Username, Password = Password, Timeout = Timeout };
    }
}
