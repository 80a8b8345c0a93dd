using Elemente.Testing;

namespace Elemente.Cli.Tests;

/// <summary>What an operator reads: stop messages on stderr, short reasons, the requests a dry run would send, verdicts.</summary>
public sealed class OperatorTests : EmulatorTest
{
    private string Journal => Dir.File("journal.jsonl");

    private string[] Text(string csv, params string[] more) =>
        Cli.Campaign(csv, Url, Journal, more).Select(a => a == "json" ? "text" : a).ToArray();

    [Fact]
    public async Task Run_ApiUnreachable_SaysWhyItStoppedOnStderr()
    {
        var csv = Cli.Contacts(Dir, 8);
        var closed = new Uri("http://127.0.0.1:" + Cli.ClosedPort() + "/");

        var (code, _, error) = await Cli.RunAsync(Cli.Campaign(csv, closed, Journal, "--concurrency", "1"));

        Assert.Equal(5, code);
        Assert.Contains("could not be reached", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RefusedCredentials_SaysToFixThemNotToRerun()
    {
        var csv = Cli.Contacts(Dir, 8);
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await ElementeCli.RunAsync([.. Text(csv, "--concurrency", "1"), "--password-stdin"], output, error, new StringReader("wrong-password\n"));

        Assert.Equal(5, code);
        Assert.Contains("refused the credentials", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("fix the credentials", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("rerun the same command", output.ToString() + error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", output.ToString() + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidRows_ListsThemWithAOneLineVerdictAndNoRunSummary()
    {
        var csv = Dir.Write("c.csv", "Phone\n+12155550001\n12345\n+1215\n");

        var (code, output, error) = await Cli.RunAsync(Text(csv, "--map", "phoneNumber=Phone"));

        Assert.Equal(3, code);
        Assert.Contains("line 3: invalid", output, StringComparison.Ordinal);
        Assert.Contains("line 4: invalid", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Campaign run", output + error, StringComparison.Ordinal);
        var verdict = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("2 of 3 rows are invalid", verdict, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task Run_DryRunText_ShowsTheFirst20RequestsItWouldSend()
    {
        var csv = Cli.Contacts(Dir, 30);

        var (code, output, _) = await Cli.RunAsync(Text(csv, "--dry-run"));

        Assert.Equal(0, code);
        Assert.Contains("\"phoneNumber\":\"" + Cli.E164(0) + "\"", output, StringComparison.Ordinal);
        Assert.Contains("\"phoneNumber\":\"" + Cli.E164(19) + "\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Cli.E164(20), output, StringComparison.Ordinal);
        Assert.Contains("10 more", output, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task Run_DryRunJson_ListsEveryRequestItWouldSend()
    {
        var csv = Cli.Contacts(Dir, 30);
        Assert.Equal(0, (await Cli.RunAsync(Cli.Campaign(csv, Url, Journal, "--concurrency", "1"))).ExitCode);
        var more = Cli.Contacts(Dir, 35, "more.csv");

        var (code, output, _) = await Cli.RunAsync(Cli.Campaign(more, Url, Dir.File("more.jsonl"), "--dry-run"));

        Assert.Equal(0, code);
        var requests = Cli.Json(output).GetProperty("requests").EnumerateArray().ToList();
        Assert.Equal(35, requests.Count);
        Assert.Equal(Enumerable.Range(2, 35), requests.Select(r => r.GetProperty("line").GetInt32()));
        var first = requests[0].GetProperty("request");
        Assert.Equal("agent-1", first.GetProperty("agentId").GetString());
        Assert.Equal(Cli.E164(0), first.GetProperty("customerOverride").GetProperty("phoneNumber").GetString());
        Assert.Equal(30, Cli.Posts(Emulator));
    }

    [Fact]
    public async Task Run_DryRunJson_LeavesOutTheRowsAlreadyCreated()
    {
        var csv = Cli.Contacts(Dir, 5);
        Assert.Equal(0, (await Cli.RunAsync(Cli.Campaign(csv, Url, Journal))).ExitCode);

        var (code, output, _) = await Cli.RunAsync(Cli.Campaign(csv, Url, Journal, "--dry-run"));

        Assert.Equal(0, code);
        Assert.Empty(Cli.Json(output).GetProperty("requests").EnumerateArray());
    }

    [Fact]
    public async Task Run_ConnectionDropped_ShortReasonInTextAndTheDetailInJson()
    {
        var csv = Cli.Contacts(Dir, 1);
        Emulator.InjectFault(EmulatedFault.DropConnectionAfterProcessing().ForOperation(EmulatorOperations.CreateCall));

        var (code, output, _) = await Cli.RunAsync(Cli.Campaign(csv, Url, Journal));
        var text = await Cli.RunAsync("campaign", "status", Journal);
        var json = await Cli.RunAsync("campaign", "status", Journal, "--output", "json");

        Assert.Equal(4, code);
        var unresolved = Assert.Single(Cli.Json(output).GetProperty("unresolved").EnumerateArray());
        Assert.Equal("connection dropped after the request was sent", unresolved.GetProperty("message").GetString());
        Assert.Contains("may have been processed", unresolved.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The unknown row is one table row of at most two lines (the reason wraps at 80 columns), not the detail's 13.
        Assert.Contains("connection dropped after", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("may have been processed", text.Output, StringComparison.Ordinal);
        var lines = text.Output.Split('\n');
        var rowLines = lines.Skip(Array.FindLastIndex(lines, l => l.StartsWith('├')) + 1).TakeWhile(l => !l.StartsWith('└')).Count();
        Assert.InRange(rowLines, 1, 2);
        var unknown = Assert.Single(Cli.Json(json.Output).GetProperty("unknown").EnumerateArray());
        Assert.Contains("may have been processed", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
