using System.Diagnostics;
using Elemente.Testing;

namespace Elemente.Cli.Tests;

/// <summary>The CLI as a child process: credentials from the environment or standard input, never echoed.</summary>
[Collection(nameof(ChildProcesses))]
public sealed class ProcessTests : EmulatorTest
{

    [Fact]
    public async Task Run_PasswordFromStdin_WorksAndIsNeverEchoed()
    {
        var csv = Cli.Contacts(Dir, 2);
        var journal = Dir.File("journal.jsonl");
        var env = new Dictionary<string, string?> { ["ELEMENTE_PASSWORD"] = null };

        var (code, output, error) = await Cli.RunChildAsync([.. Cli.Campaign(csv, Url, journal), "--password-stdin"], env, stdin: Emulator.Password + "\n");

        Assert.Equal(0, code);
        Assert.Equal(2, Emulator.Interactions.Count);
        Assert.DoesNotContain(Emulator.Password, output + error + File.ReadAllText(journal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WrongPassword_StopsTheCampaignWithoutEchoingIt()
    {
        const string Wrong = "wrong-password-91c2e";
        var csv = Cli.Contacts(Dir, 20);
        var journal = Dir.File("journal.jsonl");

        var (code, output, error) = await Cli.RunChildAsync(Cli.Campaign(csv, Url, journal, "--concurrency", "1"), new Dictionary<string, string?> { ["ELEMENTE_PASSWORD"] = Wrong });

        Assert.Equal(5, code);
        Assert.Contains("refused the credentials", Cli.Json(output).GetProperty("stopReason").GetString(), StringComparison.Ordinal);
        Assert.Empty(Emulator.Interactions);
        Assert.InRange(Cli.Posts(Emulator), 1, 2);
        Assert.DoesNotContain(Wrong, output + error + File.ReadAllText(journal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoCredentials_SaysWhichVariableToSetAndSendsNothing()
    {
        var csv = Cli.Contacts(Dir, 2);
        var env = new Dictionary<string, string?> { ["ELEMENTE_USERNAME"] = null, ["ELEMENTE_PASSWORD"] = null };

        var (code, _, error) = await Cli.RunChildAsync(Cli.Campaign(csv, Url, Dir.File("journal.jsonl")), env);

        Assert.Equal(2, code);
        Assert.Contains("ELEMENTE_USERNAME", error, StringComparison.Ordinal);
        Assert.Contains("--emulator", error, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }
}
