using System.Reflection;
using Elemente.Tests.TestDoubles;
using RichardSzalay.MockHttp;

namespace Elemente.Tests;

/// <summary>The generated resource clients and the ElementeClient properties that reach them.</summary>
public class ResourceClientTests
{
    [Fact]
    public void ElementeClient_EveryResourceClient_HasAGeneratedVirtualProperty()
    {
        var resources = typeof(ElementeClient).Assembly.GetExportedTypes()
            .Where(t => t.Name.EndsWith("Client", StringComparison.Ordinal) && t != typeof(ElementeClient) && t.Namespace == "Elemente")
            .ToList();

        Assert.Contains(typeof(CallsClient), resources);
        foreach (var resource in resources)
        {
            var property = typeof(ElementeClient).GetProperty(resource.Name[..^"Client".Length]);
            Assert.True(property is not null, $"ElementeClient has no property for {resource.Name}");
            Assert.Equal(resource, property!.PropertyType);
            Assert.True(property.GetMethod!.IsVirtual, $"ElementeClient.{property.Name} is not virtual");
            Assert.Contains(resource.GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic), c => c.IsFamily && c.GetParameters().Length == 0);
            Assert.Empty(resource.GetConstructors());
            Assert.All(resource.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly), m => Assert.True(m.IsVirtual, $"{resource.Name}.{m.Name} is not virtual"));
        }
    }

    [Fact]
    public void Calls_SameClient_IsOneInstance()
    {
        using var client = TestClients.With(new MockHttpMessageHandler());

        Assert.Same(client.Calls, client.Calls);
    }

    [Fact]
    public void Calls_MockingConstructorWithoutOverride_ThrowsNamingWhatToOverride()
    {
        using var client = new BareClient();

        var error = Assert.Throws<InvalidOperationException>(() => client.Calls);

        Assert.Contains("CallsClient", error.Message);
        Assert.Contains("override", error.Message);
    }

    [Fact]
    public async Task TestDouble_WrittenAgainstTodaysApi_ReplacesTheCallsResource()
    {
        var calls = new FakeCallsClient();
        using ElementeClient client = new FakeElementeClient(calls);

        var call = await client.Calls.CreateAsync(TestClients.MinimalRequest(), CancellationToken.None);

        Assert.Equal("fake-1", call.Id);
        Assert.Equal(InteractionStatus.Queued, call.Status);
        Assert.Equal("agent-1", Assert.Single(calls.Created).AgentId);
    }

    [Fact]
    public async Task TestDouble_OperationItDoesNotOverride_FailsClearlyInsteadOfSending()
    {
        using ElementeClient client = new FakeElementeClient(new FakeCallsClient());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Calls.GetAsync("call-1", CancellationToken.None));

        Assert.Contains("FakeCallsClient does not override GetAsync", error.Message);
    }

    private sealed class BareClient : ElementeClient
    {
    }
}
