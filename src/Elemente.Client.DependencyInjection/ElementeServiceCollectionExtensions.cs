using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Elemente;

/// <summary>Registers <see cref="ElementeClient"/> with dependency injection.</summary>
public static class ElementeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ElementeClient"/> and each of its resource clients (such as <see cref="CallsClient"/>) as
    /// singletons that send through the handlers of the <c>IHttpClientFactory</c> client named
    /// <see cref="HttpClientName"/>, configured by <paramref name="configure"/>. <c>ELEMENTE_USERNAME</c>,
    /// <c>ELEMENTE_PASSWORD</c> and <c>ELEMENTE_BASE_URL</c> fill what is left unset. The options are validated when
    /// the host starts, with messages that say what to set.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder, to add handlers. Do not add a resilience handler that retries POST: the client
    /// already retries what is safe to retry. Settings of the <c>HttpClient</c> itself (<c>ConfigureHttpClient</c>, its
    /// Timeout) do not apply: use <see cref="ElementeClientOptions.Timeout"/>.</returns>
    public static IHttpClientBuilder AddElementeClient(this IServiceCollection services, Action<ElementeClientOptions> configure)
    {
        // Stryker disable once Block,Statement : equivalent, services.AddOptions throws the same exception
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
    /// Registers <see cref="ElementeClient"/> and each of its resource clients (such as <see cref="CallsClient"/>) as
    /// singletons that send through the handlers of the <c>IHttpClientFactory</c> client named
    /// <see cref="HttpClientName"/>, bound to a configuration section such as <c>configuration.GetSection("Elemente")</c>
    /// (keys <c>BaseUri</c>, <c>Username</c>, <c>Password</c>, <c>Timeout</c>, <c>MaxRetries</c>, ...).
    /// <c>ELEMENTE_USERNAME</c>, <c>ELEMENTE_PASSWORD</c> and <c>ELEMENTE_BASE_URL</c> fill what the section leaves unset.
    /// The options are validated when the host starts, with messages that name the setting.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The HTTP client builder, to add handlers. Do not add a resilience handler that retries POST: the client
    /// already retries what is safe to retry. Settings of the <c>HttpClient</c> itself (<c>ConfigureHttpClient</c>, its
    /// Timeout) do not apply: use <see cref="ElementeClientOptions.Timeout"/>.</returns>
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

        // One client for the application: its retry pipeline and serializers are built once, and the container tracks
        // one disposable, not one per resolution. Each request goes through IHttpClientFactory's handler chain (so
        // handlers added to the returned builder apply and the factory rotates connections), but never through an
        // HttpClient: its 100 s Timeout would preempt ElementeClientOptions.Timeout.
        var builder = services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => Http.Transport.Create(provider.GetRequiredService<IOptions<ElementeClientOptions>>().Value));
        services.AddSingleton(provider => new ElementeClient(
            new FactoryHandler(provider.GetRequiredService<IHttpMessageHandlerFactory>(), HttpClientName),

            // Stryker disable once Boolean : equivalent, the FactoryHandler holds nothing to dispose
            ownsTransport: true,
            provider.GetRequiredService<IOptions<ElementeClientOptions>>().Value,
            provider.GetService<ILoggerFactory>()));
        foreach (var resource in typeof(ElementeClient).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(IsResource))
        {
            // Every resource client the generator gave ElementeClient (Calls, and the others as their pages are taken
            // in) resolves as the client's own instance.
            services.AddSingleton(resource.PropertyType, provider => resource.GetValue(provider.GetRequiredService<ElementeClient>())!);
        }

        return builder;
    }

    /// <summary>The name of the <see cref="IHttpClientFactory"/> client whose handlers the Elemente client sends through.</summary>
    public const string HttpClientName = nameof(ElementeClient);

    // Stryker disable once Logical : equivalent today, every instance property is a resource client
    private static bool IsResource(PropertyInfo property) =>
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

    /// <summary>Sends each request through the factory's current handler chain for the Elemente client.</summary>
    private sealed class FactoryHandler : HttpMessageHandler
    {
        private readonly IHttpMessageHandlerFactory _factory;
        private readonly string _name;

        public FactoryHandler(IHttpMessageHandlerFactory factory, string name)
        {
            _factory = factory;
            _name = name;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // The factory owns and rotates the handler; the invoker must not dispose it.
            // Stryker disable once Boolean : equivalent, the factory's handlers ignore Dispose
            using var invoker = new HttpMessageInvoker(_factory.CreateHandler(_name), disposeHandler: false);
            return invoker.SendAsync(request, cancellationToken);
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
            // Stryker disable once Block : equivalent, the options factory passes a failure without messages
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
