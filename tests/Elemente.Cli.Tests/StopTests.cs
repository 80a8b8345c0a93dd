using Elemente.Campaigns;
using Elemente.Testing;

namespace Elemente.Cli.Tests;

/// <summary>
/// Stopping a campaign (what Ctrl+C and SIGTERM do: their handlers call <see cref="CampaignStop.Request"/>): no new
/// call starts, the ones in flight finish and are recorded, and a rerun goes on where it stopped.
/// </summary>
public sealed class StopTests
{
    [Fact]
    public async Task Stop_MidCampaign_StartsNoNewCallRecordsEveryOneInFlightAndTheRerunFinishes()
    {
        using var dir = new TempDir();
        await using var emulator = new ElementeEmulator();
        var csv = Cli.Contacts(dir, 2000);
        var options = Options(dir, csv, concurrency: 8);
        ElementeClient Client() => emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 });

        CampaignResult stopped;
        using (var stop = new CampaignStop())
        {
            var run = new CampaignRunner(options, Client).RunAsync(stop);
            while (emulator.Interactions.Count < 50 && !run.IsCompleted)
            {
                await Task.Delay(1);
            }

            stop.Request("SIGTERM");
            stopped = await run;
        }

        Assert.Equal(5, ExitCodes.Of(stopped.Outcome));
        Assert.Equal("SIGTERM", stopped.StopReason);
        Assert.Equal(0, stopped.Counters.Unknown);
        Assert.True(stopped.Counters.NotStarted > 0);
        Assert.Equal(2000, stopped.Counters.Created + stopped.Counters.NotStarted);
        var rows = JournalFile.Rows(options.EffectiveJournalPath);
        Assert.DoesNotContain(rows.Values, r => r.State is "sending" or "unknown");
        Assert.Equal(emulator.Interactions.Count, rows.Values.Count(r => r.State == "created"));
        var createdBefore = emulator.Interactions.Count;

        using var again = new CampaignStop();
        var rerun = await new CampaignRunner(options, Client).RunAsync(again);

        Assert.Equal(0, ExitCodes.Of(rerun.Outcome));
        Assert.Equal(createdBefore, rerun.Counters.AlreadyCreated);
        Assert.Equal(2000, emulator.Interactions.Count);
        Assert.All(Cli.CreatesPerPhone(emulator), p => Assert.Equal(1, p.Value));
    }

    [Fact]
    public async Task SecondStop_CancelsTheCallsInFlightAndMarksThemUnknown()
    {
        using var dir = new TempDir();
        await using var emulator = new ElementeEmulator();
        // Every create is held without an answer until the client gives up: they are all in flight when the stops come.
        emulator.InjectFault(EmulatedFault.Timeout().ForOperation(EmulatorOperations.CreateCall), count: 100);
        var options = Options(dir, Cli.Contacts(dir, 20), concurrency: 4);

        using var stop = new CampaignStop();
        var run = new CampaignRunner(options, () => emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 })).RunAsync(stop);
        while (emulator.Requests.Count < 4 && !run.IsCompleted)
        {
            await Task.Delay(1);
        }

        stop.Request("Ctrl+C");
        stop.Request("Ctrl+C");
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(5, ExitCodes.Of(result.Outcome));
        Assert.Equal(4, result.Counters.Unknown);
        Assert.Equal(16, result.Counters.NotStarted);
        Assert.Equal(4, JournalFile.Rows(options.EffectiveJournalPath).Values.Count(r => r.State == "unknown"));
    }

    private static CampaignOptions Options(TempDir dir, string csv, int concurrency) => new()
    {
        CsvPath = csv,
        AgentId = "agent-1",
        SkillId = "skill-1",
        Channel = InteractionChannel.Call,
        Map = "phoneNumber=Phone",
        Region = "US",
        JournalPath = dir.File("journal.jsonl"),
        Concurrency = concurrency,
    };
}
