using System.Diagnostics;
using Elemente.Testing;

namespace Elemente.Cli.Tests;

/// <summary>The CLI as a child process: credentials from the environment or standard input, never echoed.</summary>
[Collection(nameof(ChildProcesses))]
public sealed class ProcessTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private ElementeEmulator _emulator = null!;
    private Uri _url = null!;

    public async Task InitializeAsync() => (_emulator, _url) = await Cli.EmulatorAsync();

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Run_PasswordFromStdin_WorksAndIsNeverEchoed()
    {
        var csv = Cli.Contacts(_dir, 2);
        var journal = _dir.File("journal.jsonl");
        var env = new Dictionary<string, string?> { ["ELEMENTE_PASSWORD"] = null };

        var (code, output, error) = await Cli.RunChildAsync([.. Cli.Campaign(csv, _url, journal), "--password-stdin"], env, stdin: _emulator.Password + "\n");

        Assert.Equal(0, code);
        Assert.Equal(2, _emulator.Interactions.Count);
        Assert.DoesNotContain(_emulator.Password, output + error + File.ReadAllText(journal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WrongPassword_StopsTheCampaignWithoutEchoingIt()
    {
        const string Wrong = "wrong-password-91c2e";
        var csv = Cli.Contacts(_dir, 20);
        var journal = _dir.File("journal.jsonl");

        var (code, output, error) = await Cli.RunChildAsync(Cli.Campaign(csv, _url, journal, "--concurrency", "1"), new Dictionary<string, string?> { ["ELEMENTE_PASSWORD"] = Wrong });

        Assert.Equal(5, code);
        Assert.Contains("refused the credentials", Cli.Json(output).GetProperty("stopReason").GetString(), StringComparison.Ordinal);
        Assert.Empty(_emulator.Interactions);
        Assert.InRange(Cli.Posts(_emulator), 1, 2);
        Assert.DoesNotContain(Wrong, output + error + File.ReadAllText(journal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoCredentials_SaysWhichVariableToSetAndSendsNothing()
    {
        var csv = Cli.Contacts(_dir, 2);
        var env = new Dictionary<string, string?> { ["ELEMENTE_USERNAME"] = null, ["ELEMENTE_PASSWORD"] = null };

        var (code, _, error) = await Cli.RunChildAsync(Cli.Campaign(csv, _url, _dir.File("journal.jsonl")), env);

        Assert.Equal(2, code);
        Assert.Contains("ELEMENTE_USERNAME", error, StringComparison.Ordinal);
        Assert.Contains("--emulator", error, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests);
    }
}
