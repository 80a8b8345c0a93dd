namespace Elemente.Cli.Tests;

/// <summary>
/// A journal the file system refuses to grow (a file size limit: the same EFBIG a full quota gives): the run stops
/// before any further request, exits 5 with an error naming the journal, and a rerun goes on without a duplicate.
/// </summary>
[Collection(nameof(ChildProcesses))]
public sealed class JournalFailureTests : EmulatorTest
{
    [Fact]
    public async Task Run_FileSystemRefusesTheJournal_Exit5NamingTheFile_AndTheRerunSendsNobodyTwice()
    {
        const int Rows = 300;
        var csv = Cli.Contacts(Dir, Rows);
        var journal = Dir.File("journal.jsonl");
        var args = Cli.Campaign(csv, Url, journal, "--concurrency", "4");
        // ulimit -f: a write past 12 KiB fails with EFBIG (the tool ignores SIGXFSZ, which would otherwise end it). Without
        // W^X the runtime maps no file-backed memory, which the limit would refuse at start.
        using var child = Cli.StartThrough(["sh", "-c", "ulimit -f 24; exec \"$@\"", "sh"], args, new Dictionary<string, string?> { ["DOTNET_EnableWriteXorExecute"] = "0" });
        child.StandardInput.Close();
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            try
            {
                await child.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                throw new TimeoutException("the CLI did not stop when its journal could not be written");
            }
        }

        Assert.True(child.ExitCode == 5, $"exit {child.ExitCode}: {await output}{await error}");
        Assert.Contains(journal, await error, StringComparison.Ordinal);
        var sendingMarks = File.ReadAllLines(journal).Count(l => l.Contains("\"state\":\"sending\"", StringComparison.Ordinal));
        Assert.True(Cli.Posts(Emulator) <= sendingMarks, $"{Cli.Posts(Emulator)} creates, {sendingMarks} sending marks on disk");
        Assert.True(Cli.Posts(Emulator) < Rows);

        var (code, rerunOutput, rerunError) = await Cli.RunChildAsync(args);

        Assert.True(code is 0 or 4, $"exit {code}: {rerunOutput}{rerunError}");
        Assert.All(Cli.CreatesPerPhone(Emulator), p => Assert.Equal(1, p.Value));
        var rows = JournalFile.Rows(journal);
        Assert.Equal(Rows, rows.Count);
        Assert.All(rows.Values, r => Assert.True(r.State is "created" or "unknown", r.State));
    }
}
