using System.Diagnostics;
using System.Net.Sockets;
using Elemente.ContractTests.Prism;
using Xunit;

namespace Elemente.ContractTests;

/// <summary>The server helper itself: Prism must never outlive the tests.</summary>
public sealed class PrismServerTests
{
    [Fact]
    public async Task DisposeAsync_RunningServer_EndsPrismAndFreesItsPort()
    {
        var server = await PrismServer.StartAsync(RepoPaths.UpstreamSpec, PrismResponses.Examples, errors: false);
        var pid = server.ProcessId;
        var port = server.BaseUri.Port;

        await server.DisposeAsync();

        Assert.False(IsRunning(pid), $"Prism (pid {pid}) still runs after DisposeAsync.");
        using var socket = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => socket.ConnectAsync("127.0.0.1", port));
    }

    [Fact]
    public async Task StartAsync_DocumentThatIsNotASpec_ThrowsWithPrismsReason()
    {
        var notASpec = Path.Combine(Path.GetTempPath(), $"elemente-not-a-spec-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(notASpec, "hello: world\n");
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => PrismServer.StartAsync(notASpec, PrismResponses.Examples, errors: false));

            Assert.Contains("Prism exited", error.Message);
            Assert.Contains("Unsupported document format", error.Message);
        }
        finally
        {
            File.Delete(notASpec);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
