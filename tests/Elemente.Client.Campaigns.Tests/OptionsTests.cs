namespace Elemente.Campaigns.Tests;

/// <summary>Options a campaign cannot run with are refused before anything is read or sent, naming the option.</summary>
public sealed class OptionsTests
{
    [Theory]
    [InlineData("Concurrency", 0)]
    [InlineData("Concurrency", 257)]
    [InlineData("RatePerMinute", 0)]
    [InlineData("AgentId", 0)]
    public async Task RunAsync_BadOption_ThrowsNamingIt(string option, int value)
    {
        using var dir = new TempDir();
        var options = dir.Options(dir.Contacts(1));
        switch (option)
        {
            case "Concurrency":
                options.Concurrency = value;
                break;
            case "RatePerMinute":
                options.RatePerMinute = value;
                break;
            default:
                options.AgentId = " ";
                break;
        }

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new CampaignRunner(options, () => throw new InvalidOperationException("no client")).RunAsync());

        Assert.Contains("CampaignOptions." + option, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(options.EffectiveJournalPath));
    }
}
