using System.Net;
using Elemente.Testing;

namespace Elemente.Campaigns.Tests;

/// <summary>An unknown or failed row's reason is a short, specific phrase; the exception's detail is kept beside it.</summary>
public sealed class ReasonTests
{
    [Fact]
    public async Task Run_ConnectionDroppedAfterTheRequest_ReasonIsShortWithTheDetailBeside()
    {
        using var dir = new TempDir();
        await using var emulator = new ElementeEmulator();
        emulator.InjectFault(EmulatedFault.DropConnectionAfterProcessing().ForOperation(EmulatorOperations.CreateCall));
        var options = dir.Options(dir.Contacts(1));

        var result = await new CampaignRunner(options, () => emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 })).RunAsync();

        var row = Assert.Single(result.Unresolved);
        Assert.Equal("connection dropped after the request was sent", row.Message);
        Assert.False(string.IsNullOrWhiteSpace(row.Detail));
        var recorded = Assert.Single(CampaignJournalFile.Read(options.EffectiveJournalPath).Unresolved);
        Assert.Equal("connection dropped after the request was sent", recorded.Reason);
        Assert.Equal(row.Detail, recorded.Detail);
    }

    [Fact]
    public async Task Run_201WithAnUnreadableBody_ReasonSaysSo()
    {
        using var dir = new TempDir();
        var api = new FixedAnswer(HttpStatusCode.Created, "{\"id\": ");
        var options = dir.Options(dir.Contacts(1));

        var result = await new CampaignRunner(options, api.Client).RunAsync();

        var row = Assert.Single(result.Unresolved);
        Assert.Equal("201 with an unreadable body", row.Message);
        Assert.False(string.IsNullOrWhiteSpace(row.Detail));
        Assert.Equal(CampaignOutcome.RowsFailed, result.Outcome);
    }
}
