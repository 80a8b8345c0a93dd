using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Elemente.Tests;

[Collection(nameof(DependencyInjectionTests))] // reads process environment variables
public class DependencyInjectionTests
{
    private static IHost Host(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddElementeClient(builder.Configuration.GetSection("Elemente"));
        more?.Invoke(builder.Services);
        return builder.Build();
    }

    [Fact]
    public async Task AddElementeClient_FromConfiguration_ResolvesAWorkingClient()
    {
        await using var server = await FaultServer.StartAsync();
        using var host = Host(new()
        {
            ["Elemente:BaseUri"] = server.BaseUri.ToString(),
            ["Elemente:Username"] = TestClients.Username,
            ["Elemente:Password"] = TestClients.Password,
            ["Elemente:Timeout"] = "00:00:05",
            ["Elemente:MaxRetries"] = "1",
        });
        await host.StartAsync();

        var client = host.Services.GetRequiredService<ElementeClient>();
        var calls = host.Services.GetRequiredService<CallsClient>();
        var call = await calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None);

        Assert.Equal("call-1", call.Id);
        Assert.NotNull(client.Calls);
        var options = host.Services.GetRequiredService<IOptions<ElementeClientOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal(1, options.MaxRetries);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddElementeClient_MissingCredentials_FailsAtStartupNamingTheSetting()
    {
        using var host = Host(new() { ["Elemente:BaseUri"] = "https://api.elemente.ai" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Username is not set", error.Message);
        Assert.Contains("configuration section 'Elemente'", error.Message);
        Assert.Contains("ELEMENTE_USERNAME", error.Message);
        Assert.Contains("Password is not set", error.Message);
    }

    [Fact]
    public async Task AddElementeClient_RelativeBaseUri_FailsAtStartup()
    {
        using var host = Host(new() { ["Elemente:BaseUri"] = "/api", ["Elemente:Username"] = "u", ["Elemente:Password"] = "p" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("BaseUri must be an absolute URI", error.Message);
        Assert.Contains("Set BaseUri in configuration section 'Elemente' or the ELEMENTE_BASE_URL environment variable.", error.Message);
    }

    [Fact]
    public void AddElementeClient_UsernameUnset_TakenFromElementeUsername()
    {
        Environment.SetEnvironmentVariable("ELEMENTE_USERNAME", "env-user");
        try
        {
            using var host = Host(new() { ["Elemente:Password"] = "p" });

            var options = host.Services.GetRequiredService<IOptions<ElementeClientOptions>>().Value;

            Assert.Equal("env-user", options.Username);
            Assert.Equal("p", options.Password);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ELEMENTE_USERNAME", null);
        }
    }

    [Fact]
    public void AddElementeClient_EnvironmentFillsWhatConfigurationLeavesUnset()
    {
        Environment.SetEnvironmentVariable("ELEMENTE_USERNAME", "env-user");
        Environment.SetEnvironmentVariable("ELEMENTE_PASSWORD", "env-pass");
        Environment.SetEnvironmentVariable("ELEMENTE_BASE_URL", "https://staging.elemente.example");
        try
        {
            using var host = Host(new() { ["Elemente:Username"] = "config-user" });

            var options = host.Services.GetRequiredService<IOptions<ElementeClientOptions>>().Value;

            Assert.Equal("config-user", options.Username);
            Assert.Equal("env-pass", options.Password);
            Assert.Equal(new Uri("https://staging.elemente.example"), options.BaseUri);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ELEMENTE_USERNAME", null);
            Environment.SetEnvironmentVariable("ELEMENTE_PASSWORD", null);
            Environment.SetEnvironmentVariable("ELEMENTE_BASE_URL", null);
        }
    }

    [Fact]
    public void AddElementeClient_WithCallback_ReturnsHttpClientBuilderForTheTypedClient()
    {
        var services = new ServiceCollection();

        var builder = services.AddElementeClient(o => { o.Username = "u"; o.Password = "p"; });

        Assert.Equal(nameof(ElementeClient), builder.Name);
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<ElementeClient>().Calls);
    }

    [Fact]
    public void AddElementeClient_ResolvedManyTimes_OneClientOneTrackedDisposable()
    {
        var services = new ServiceCollection();
        services.AddElementeClient(o => { o.Username = "u"; o.Password = "p"; });
        var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<ElementeClient>();
        _ = provider.GetRequiredService<CallsClient>();
        var trackedAfterOne = TrackedDisposables(provider);
        for (var i = 0; i < 100; i++)
        {
            Assert.Same(first, provider.GetRequiredService<ElementeClient>());
            Assert.Same(first.Calls, provider.GetRequiredService<CallsClient>());
        }

        // The root provider tracks the disposables it created: one client, not one per resolution.
        Assert.Equal(trackedAfterOne, TrackedDisposables(provider));
        provider.Dispose();
    }

    [Fact]
    public async Task AddElementeClient_FactoryHttpClientTimeoutShorterThanOptions_ClientsOwnTimeoutGoverns()
    {
        await using var server = await FaultServer.StartAsync();
        server.Then(async context =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1500));
            context.Response.ContentType = "application/json";
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, """{"id":"slow-1"}""");
        });
        var counting = new CountingHandler();
        var services = new ServiceCollection();
        services.AddElementeClient(o =>
            {
                o.BaseUri = server.BaseUri;
                o.Username = TestClients.Username;
                o.Password = TestClients.Password;
                o.Timeout = TimeSpan.FromSeconds(10);
            })
            .ConfigureHttpClient(http => http.Timeout = TimeSpan.FromMilliseconds(500))
            .AddHttpMessageHandler(() => counting);
        await using var provider = services.BuildServiceProvider();

        var call = await provider.GetRequiredService<CallsClient>().CreateAsync(TestClients.MinimalRequest(), CancellationToken.None);

        Assert.Equal("slow-1", call.Id);
        Assert.Equal(1, counting.Count);
        Assert.Equal(1, server.Received("POST"));
    }

    [Fact]
    public void AddElementeClient_NullArguments_ThrowNamingTheArgument()
    {
        var services = new ServiceCollection();
        IConfiguration configuration = new ConfigurationBuilder().Build();

        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ElementeServiceCollectionExtensions.AddElementeClient(null!, _ => { })).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => services.AddElementeClient((Action<ElementeClientOptions>)null!)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ElementeServiceCollectionExtensions.AddElementeClient(null!, configuration)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => services.AddElementeClient((IConfiguration)null!)).ParamName);
        Assert.Empty(services);
    }

    [Fact]
    public async Task AddElementeClient_CallbackLeavesASettingInvalid_MessageNamesTheCallbackAndNoVariable()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddElementeClient(options =>
        {
            options.Username = "user";
            options.Password = "pass";
            options.MaxRetries = 11;
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            "Elemente client: MaxRetries must be between 0 and 10. Set MaxRetries in the AddElementeClient(options => ...) callback.",
            Assert.Single(error.Failures));
    }

    [Fact]
    public async Task AddElementeClient_WholeConfigurationMissesThePassword_MessageSaysConfigurationAndTheVariable()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Username"] = "user" });
        builder.Services.AddElementeClient((IConfiguration)builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            "Elemente client: Password is not set: the Elemente API needs a username and password. Set Password in configuration or the ELEMENTE_PASSWORD environment variable.",
            Assert.Single(error.Failures));
    }

    [Fact]
    public void AddElementeClient_ConfiguredBaseUri_EnvironmentDoesNotOverrideIt()
    {
        Environment.SetEnvironmentVariable("ELEMENTE_USERNAME", "env-user");
        Environment.SetEnvironmentVariable("ELEMENTE_BASE_URL", "https://staging.elemente.example");
        try
        {
            using var host = Host(new() { ["Elemente:Username"] = "config-user", ["Elemente:Password"] = "p", ["Elemente:BaseUri"] = "https://eu.elemente.example" });
            var options = host.Services.GetRequiredService<IOptions<ElementeClientOptions>>().Value;

            Assert.Equal("config-user", options.Username);
            Assert.Equal(new Uri("https://eu.elemente.example"), options.BaseUri);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ELEMENTE_USERNAME", null);
            Environment.SetEnvironmentVariable("ELEMENTE_BASE_URL", null);
        }
    }

    [Fact]
    public void AddElementeClient_EnvironmentBaseUrlEmpty_KeepsTheDefault()
    {
        Environment.SetEnvironmentVariable("ELEMENTE_BASE_URL", string.Empty);
        try
        {
            using var host = Host(new() { ["Elemente:Username"] = "u", ["Elemente:Password"] = "p" });

            Assert.Equal(ElementeClientOptions.DefaultBaseUri, host.Services.GetRequiredService<IOptions<ElementeClientOptions>>().Value.BaseUri);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ELEMENTE_BASE_URL", null);
        }
    }

    [Fact]
    public void AddElementeClient_Registrations_EveryResourceClientAndNothingElseOfTheClient()
    {
        var services = new ServiceCollection();

        services.AddElementeClient(options => { });

        var clientTypes = services.Where(d => d.ServiceType.Assembly == typeof(ElementeClient).Assembly).Select(d => d.ServiceType).ToList();
        Assert.Equal(new[] { typeof(ElementeClient), typeof(CallsClient) }, clientTypes);
        Assert.All(services.Where(d => clientTypes.Contains(d.ServiceType)), d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
    }

    private static int TrackedDisposables(ServiceProvider provider)
    {
        // ServiceProviderEngineScope keeps what it must dispose in a private list; read it to count.
        var root = provider.GetType().GetProperty("Root", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)?.GetValue(provider);
        var field = root?.GetType().GetField("_disposables", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);
        return field?.GetValue(root) is System.Collections.ICollection list ? list.Count : throw new InvalidOperationException("The container's layout changed; update the test.");
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        public int Count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
