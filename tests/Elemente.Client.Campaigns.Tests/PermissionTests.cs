using Elemente.Testing;

namespace Elemente.Campaigns.Tests;

/// <summary>The journal holds customers' phone numbers: on Unix it and its lock file are readable by their owner only.</summary>
public sealed class PermissionTests
{
    [Fact]
    public async Task Run_NewJournal_JournalAndLockFileAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes; Windows gives a new file its folder's access list.
        }

        using var dir = new TempDir();
        await using var emulator = new ElementeEmulator();
        var options = dir.Options(dir.Contacts(2));

        var result = await new CampaignRunner(options, () => emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 })).RunAsync();

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(options.EffectiveJournalPath));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(options.EffectiveJournalPath + ".lock"));
    }
}
