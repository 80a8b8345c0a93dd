namespace Elemente.Cli;

/// <summary>A problem with the credentials or the address: exit code 2, nothing sent.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}

/// <summary>Where the commands send their requests, and as whom. Never prints or logs the password.</summary>
internal sealed class ConnectionSettings
{
    public const string UsernameVariable = "ELEMENTE_USERNAME";
    public const string PasswordVariable = "ELEMENTE_PASSWORD";

    public Uri? BaseUrl { get; init; }

    public bool Emulator { get; init; }

    public bool PasswordFromStdin { get; init; }

    /// <summary>Reads the password's line (for <c>--password-stdin</c>); the console's input by default.</summary>
    public TextReader Stdin { get; init; } = Console.In;

    /// <summary>The environment (tests pass their own).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public override string ToString() => $"ConnectionSettings {{ BaseUrl = {BaseUrl?.ToString() ?? "(default)"}, Emulator = {Emulator} }}";
}

/// <summary>
/// Creates the client for a command: against the API (or <c>--base-url</c>) with the credentials from
/// <c>ELEMENTE_USERNAME</c> and <c>ELEMENTE_PASSWORD</c> (or <c>--password-stdin</c>), or against the in-process
/// emulator (<c>--emulator</c>), which needs no account. The one place the emulator is wired in.
/// </summary>
internal static class Connection
{
    /// <summary>
    /// Reads the <c>--password-stdin</c> password now, once, and keeps it in memory only (never written anywhere), so
    /// that more than one client can be created from the returned settings.
    /// </summary>
    public static ConnectionSettings ReadPasswordOnce(ConnectionSettings settings)
    {
        if (!settings.PasswordFromStdin || settings.Emulator)
        {
            return settings;
        }

        var password = settings.Stdin.ReadLine()?.TrimEnd('\r');
        if (string.IsNullOrEmpty(password))
        {
            throw new UsageException("--password-stdin: standard input has no password line.");
        }

        var environment = settings.Environment;
        return new ConnectionSettings
        {
            BaseUrl = settings.BaseUrl,
            Emulator = settings.Emulator,
            PasswordFromStdin = false,
            Stdin = settings.Stdin,
            Environment = name => name == ConnectionSettings.PasswordVariable ? password : environment(name),
        };
    }

    /// <param name="settings">Address and credentials.</param>
    /// <param name="maxRetries">The client's own retries; campaigns pass 0 and pace 429s themselves.</param>
    /// <exception cref="UsageException">Credentials are missing or the address is unusable.</exception>
    public static ElementeClient Create(ConnectionSettings settings, int? maxRetries = null)
    {
        if (settings.Emulator)
        {
            return Emulation.CreateClient(maxRetries);
        }

        var username = settings.Environment(ConnectionSettings.UsernameVariable);
        string? password;
        if (settings.PasswordFromStdin)
        {
            password = settings.Stdin.ReadLine()?.TrimEnd('\r');
            if (string.IsNullOrEmpty(password))
            {
                throw new UsageException("--password-stdin: standard input has no password line.");
            }
        }
        else
        {
            password = settings.Environment(ConnectionSettings.PasswordVariable);
        }

        if (string.IsNullOrEmpty(username))
        {
            throw new UsageException($"No username: set {ConnectionSettings.UsernameVariable} (and {ConnectionSettings.PasswordVariable}, or pass the password with --password-stdin). To try without an account, add --emulator.");
        }

        if (string.IsNullOrEmpty(password))
        {
            throw new UsageException($"No password: set {ConnectionSettings.PasswordVariable}, or pipe it in with --password-stdin. To try without an account, add --emulator.");
        }

        var options = new ElementeClientOptions
        {
            Username = username,
            Password = password,
            ApplicationId = "elemente-cli",
        };
        if (settings.BaseUrl is not null)
        {
            options.BaseUri = settings.BaseUrl;
        }

        if (maxRetries is { } retries)
        {
            options.MaxRetries = retries;
        }

        try
        {
            return new ElementeClient(options);
        }
        catch (ArgumentException ex)
        {
            // The client's messages name the setting, never its value.
            throw new UsageException(ex.Message.Replace("BaseUri", "--base-url", StringComparison.Ordinal));
        }
    }
}
