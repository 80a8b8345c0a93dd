using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Elemente;

/// <summary>Registers <see cref="ElementeClient"/> with dependency injection.</summary>
public static class ElementeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ElementeClient"/> (and each of its resource clients, such as <see cref="CallsClient"/>) as a typed client of
    /// <c>IHttpClientFactory</c>, configured by <paramref name="configure"/>. <c>ELEMENTE_USERNAME</c>,
    /// <c>ELEMENTE_PASSWORD</c> and <c>ELEMENTE_BASE_URL</c> fill what is left unset. The options are validated when
    /// the host starts, with messages that say what to set.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder, to add handlers or configure the primary handler. Do not add a resilience
    /// handler that retries POST: the client already retries what is safe to retry.</returns>
    public static IHttpClientBuilder AddElementeClient(this IServiceCollection services, Action<ElementeClientOptions> configure)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        services.AddOptions<ElementeClientOptions>().Configure(configure);
        return AddCore(services, "the AddElementeClient(options => ...) callback");
    }

    /// <summary>
    /// Registers <see cref="ElementeClient"/> (and each of its resource clients, such as <see cref="CallsClient"/>) as a typed client of
    /// <c>IHttpClientFactory</c>, bound to a configuration section such as <c>configuration.GetSection("Elemente")</c>
    /// (keys <c>BaseUri</c>, <c>Username</c>, <c>Password</c>, <c>Timeout</c>, <c>MaxRetries</c>, ...).
    /// <c>ELEMENTE_USERNAME</c>, <c>ELEMENTE_PASSWORD</c> and <c>ELEMENTE_BASE_URL</c> fill what the section leaves unset.
    /// The options are validated when the host starts, with messages that name the setting.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The HTTP client builder. Do not add a resilience handler that retries POST: the client already retries what is safe to retry.</returns>
    public static IHttpClientBuilder AddElementeClient(this IServiceCollection services, IConfiguration configuration)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        services.AddOptions<ElementeClientOptions>().Bind(configuration);
        var where = configuration is IConfigurationSection section ? $"configuration section '{section.Path}'" : "configuration";
        return AddCore(services, where);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, string source)
    {
        services.AddOptions<ElementeClientOptions>()
            .PostConfigure(FillFromEnvironment)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ElementeClientOptions>>(new OptionsValidator(source));
        // Every resource client the generator gave ElementeClient (Calls, and the others as their pages are taken in).
        foreach (var resource in typeof(ElementeClient).GetProperties().Where(IsResource))
        {
            services.AddTransient(resource.PropertyType, provider => resource.GetValue(provider.GetRequiredService<ElementeClient>())!);
        }

        var builder = services.AddHttpClient(nameof(ElementeClient));
        builder.AddTypedClient((HttpClient http, IServiceProvider provider) =>
            new ElementeClient(http, provider.GetRequiredService<IOptions<ElementeClientOptions>>().Value, provider.GetService<ILoggerFactory>()));
        return builder;
    }

    private static bool IsResource(System.Reflection.PropertyInfo property) =>
        property.PropertyType.Namespace == typeof(ElementeClient).Namespace
        && property.PropertyType.Name == property.Name + "Client"
        && property.GetIndexParameters().Length == 0;

    private static void FillFromEnvironment(ElementeClientOptions options)
    {
        if (string.IsNullOrEmpty(options.Username))
        {
            options.Username = Environment.GetEnvironmentVariable("ELEMENTE_USERNAME");
        }

        if (string.IsNullOrEmpty(options.Password))
        {
            options.Password = Environment.GetEnvironmentVariable("ELEMENTE_PASSWORD");
        }

        var baseUrl = Environment.GetEnvironmentVariable("ELEMENTE_BASE_URL");
        if (options.BaseUri == ElementeClientOptions.DefaultBaseUri && !string.IsNullOrEmpty(baseUrl) &&
            Uri.TryCreate(baseUrl, UriKind.RelativeOrAbsolute, out var uri))
        {
            options.BaseUri = uri;
        }
    }

    /// <summary>Turns the options' problems into startup errors that say where to set what.</summary>
    private sealed class OptionsValidator : IValidateOptions<ElementeClientOptions>
    {
        private static readonly Dictionary<string, string> Environment = new()
        {
            ["Username"] = "ELEMENTE_USERNAME",
            ["Password"] = "ELEMENTE_PASSWORD",
            ["BaseUri"] = "ELEMENTE_BASE_URL",
        };

        private readonly string _source;

        public OptionsValidator(string source) => _source = source;

        public ValidateOptionsResult Validate(string? name, ElementeClientOptions options)
        {
            var problems = options.Validate();
            if (problems.Count == 0)
            {
                return ValidateOptionsResult.Success;
            }

            return ValidateOptionsResult.Fail(problems.Select(problem =>
            {
                var setting = problem.Substring(0, problem.IndexOf(' '));
                var variable = Environment.TryGetValue(setting, out var v) ? $" or the {v} environment variable" : string.Empty;
                return $"Elemente client: {problem} Set {setting} in {_source}{variable}.";
            }));
        }
    }
}
