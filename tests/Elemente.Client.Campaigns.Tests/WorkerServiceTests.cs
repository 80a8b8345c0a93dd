using Elemente.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Elemente.Campaigns.Tests;

/// <summary>
/// The README's worker service against the emulator: the host is stopped mid-campaign and started again, and every
/// row ends created, once.
/// </summary>
public sealed class WorkerServiceTests
{
    private const int Rows = 1500;

    [Fact]
    public async Task WorkerService_StoppedMidCampaignAndStartedAgain_CreatesEveryRowOnce()
    {
        using var dir = new TempDir();
        await using var emulator = new ElementeEmulator();
        var url = await emulator.StartServerAsync();
        string[] args =
        [
            $"--Elemente:BaseUri={url}", $"--Elemente:Username={emulator.Username}", $"--Elemente:Password={emulator.Password}",
            $"--Elemente:Csv={dir.Contacts(Rows)}", $"--Elemente:Journal={dir.File("contacts.journal.jsonl")}",
            "--Elemente:AgentId=agent-1", "--Elemente:SkillId=skill-1",
        ];

        CampaignResult first;
        using (var host = WorkerServiceExample.BuildHost(args))
        {
            await host.StartAsync();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (emulator.Interactions.Count < 50 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(1);
            }

            await host.StopAsync();
            first = Worker(host).Result!;
        }

        Assert.Equal(CampaignOutcome.Stopped, first.Outcome);
        Assert.InRange(emulator.Interactions.Count, 50, Rows - 1);

        CampaignResult second;
        using (var host = WorkerServiceExample.BuildHost(args))
        {
            await host.StartAsync();
            await Worker(host).ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(120));
            second = Worker(host).Result!;
            await host.StopAsync();
        }

        Assert.Equal(CampaignOutcome.Completed, second.Outcome);
        Assert.Equal(first.Counters.Created, second.Counters.AlreadyCreated);
        Assert.Equal(Rows, emulator.Interactions.Count);
        Assert.All(emulator.Interactions.GroupBy(i => i.PhoneNumber), g => Assert.Single(g));
    }

    private static CampaignWorker Worker(IHost host) => host.Services.GetServices<IHostedService>().OfType<CampaignWorker>().Single();
}
