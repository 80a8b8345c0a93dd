namespace Elemente
{
    public static class ElementeServiceCollectionExtensions
    {
        public const string HttpClientName = "ElementeClient";
        public static Microsoft.Extensions.DependencyInjection.IHttpClientBuilder AddElementeClient(this Microsoft.Extensions.DependencyInjection.IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration) { }
        public static Microsoft.Extensions.DependencyInjection.IHttpClientBuilder AddElementeClient(this Microsoft.Extensions.DependencyInjection.IServiceCollection services, System.Action<Elemente.ElementeClientOptions> configure) { }
    }
}
