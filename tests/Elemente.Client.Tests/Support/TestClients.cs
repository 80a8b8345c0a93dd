using RichardSzalay.MockHttp;

namespace Elemente.Tests;

internal static class TestClients
{
    public const string Username = "acme-user";
    public const string Password = "s3cr3t-P@ss";

    /// <summary>Base64 of "acme-user:s3cr3t-P@ss".</summary>
    public static readonly string BasicToken = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Username + ":" + Password));

    public const string CallsUrl = "https://api.elemente.ai/api/v1/calls";

    public static ElementeClientOptions Options() => new() { Username = Username, Password = Password };

    public static ElementeClient With(MockHttpMessageHandler mock) => new(mock.ToHttpClient(), Options());

    public static CreateInteractionInput MinimalRequest() => new()
    {
        AgentId = "agent-1",
        SkillId = "skill-1",
        Channel = InteractionChannel.Call,
        CustomerOverride = new CustomerOverrideInput { PhoneNumber = "+4915112345678" },
    };

    /// <summary>A loopback port with nothing listening on it (just freed), for connections that are refused.</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
