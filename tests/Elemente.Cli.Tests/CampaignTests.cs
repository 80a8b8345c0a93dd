using System.Text.Json;
using Elemente.Testing;

namespace Elemente.Cli.Tests;

/// <summary>campaign run and campaign status, in this process, against the emulator's loopback server.</summary>
public sealed class CampaignTests : EmulatorTest
{

    private string Journal => Dir.File("journal.jsonl");

    private Task<(int ExitCode, string Output, string Error)> Run(string csv, params string[] more) => Cli.RunAsync(Cli.Campaign(csv, Url, Journal, more));

    [Fact]
    public async Task Run_ValidRows_CreatesEachOnceRecordsTheIdsAndARerunSendsNothing()
    {
        var csv = Cli.Contacts(Dir, 30);

        var first = await Run(csv, "--concurrency", "4");
        var second = await Run(csv);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(30, Cli.Json(first.Output).GetProperty("created").GetInt32());
        Assert.Equal(30, Emulator.Interactions.Count);
        var rows = JournalFile.Rows(Journal);
        foreach (var interaction in Emulator.Interactions)
        {
            var line = int.Parse(interaction.PhoneNumber![^4..], System.Globalization.CultureInfo.InvariantCulture) + 2;
            Assert.Equal(("created", interaction.Id), (rows[line].State, rows[line].Id));
        }

        Assert.Equal(0, second.ExitCode);
        var again = Cli.Json(second.Output);
        Assert.Equal(30, again.GetProperty("alreadyCreated").GetInt32());
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(30, Cli.Posts(Emulator));
    }

    [Fact]
    public async Task Run_NationalNumbers_SendsE164AndTheJournalShowsBothForms()
    {
        var csv = Cli.Contacts(Dir, 1);

        var (code, _, _) = await Run(csv);

        Assert.Equal(0, code);
        var interaction = Assert.Single(Emulator.Interactions);
        Assert.Equal("+12155550000", interaction.PhoneNumber);
        Assert.Equal("Customer 0", interaction.Request.CustomerOverride.FirstName);
        var field = Assert.Single(interaction.Request.CustomerOverride.CustomFields!);
        Assert.Equal(("Order ID", "10000"), (field.Name, field.Value.ToString()));
        var sending = JournalFile.Events(Journal).Single(e => e.GetProperty("state").GetString() == "sending");
        Assert.Equal("(215) 555-0000", sending.GetProperty("phone").GetString());
        Assert.Equal("+12155550000", sending.GetProperty("e164").GetString());
    }

    [Fact]
    public async Task Run_InvalidRows_SendsNothingAndNamesEachLineAndColumn()
    {
        var csv = Dir.Write("c.csv", "Phone,First name,Email\n+12155550001,Ann,ann@example.com\n12345,Bob,bob@example.com\n+12155550003,Cy,not-an-email\n");

        var (code, output, _) = await Cli.RunAsync(["campaign", "run", csv, "--agent", "a", "--skill", "s", "--channel", "call", "--journal", Journal, "--base-url", Url.ToString()]);

        Assert.Equal(3, code);
        Assert.Contains("line 3: invalid: column 'Phone': phone number is not in E.164", output, StringComparison.Ordinal);
        Assert.Contains("line 4: invalid: column 'Email': customerOverride.email: must be an email address", output, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2", output, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
        Assert.False(File.Exists(Journal));
    }

    [Fact]
    public async Task Run_SkipInvalid_SendsTheValidRowsAndJournalsTheSkippedOnes()
    {
        var csv = Dir.Write("c.csv", "Phone\n(215) 555-0001\n(215) 555-01\n(215) 555-0003\n");

        var (code, output, _) = await Run(csv, "--skip-invalid", "--map", "phoneNumber=Phone");

        Assert.Equal(0, code);
        Assert.Equal(["+12155550001", "+12155550003"], Emulator.Interactions.Select(i => i.PhoneNumber).Order());
        Assert.Equal("skipped", JournalFile.Rows(Journal)[3].State);
        var problem = Assert.Single(Cli.Json(output).GetProperty("problems").EnumerateArray());
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Run_SamePhoneTwice_ReportsAndSkipsTheSecondUnlessAllowed()
    {
        var csv = Dir.Write("c.csv", "Phone,Name\n(215) 555-0001,Ann\n+1 215 555 0001,Ann again\n(215) 555-0002,Bob\n");

        var (code, output, _) = await Run(csv, "--map", "phoneNumber=Phone");
        var allowed = await Cli.RunAsync(Cli.Campaign(csv, Url, Dir.File("other.jsonl"), "--map", "phoneNumber=Phone", "--allow-duplicates"));

        Assert.Equal(0, code);
        var duplicate = Assert.Single(Cli.Json(output).GetProperty("problems").EnumerateArray());
        Assert.Equal(3, duplicate.GetProperty("line").GetInt32());
        Assert.Contains("line 2", duplicate.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("+1 215 555 0001", duplicate.GetProperty("phone").GetString());
        Assert.Equal("+12155550001", duplicate.GetProperty("e164").GetString());
        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal(2 + 3, Emulator.Interactions.Count);
        Assert.Equal(3, Cli.CreatesPerPhone(Emulator)["+12155550001"]);
    }

    [Fact]
    public async Task Run_RateLimited_PausesTheWholeCampaignForRetryAfterAndCreatesEveryRow()
    {
        var csv = Cli.Contacts(Dir, 40);
        Emulator.InjectFault(EmulatedFault.RateLimited(TimeSpan.FromSeconds(1)).ForOperation(EmulatorOperations.CreateCall));

        var (code, output, _) = await Run(csv, "--concurrency", "4");

        Assert.Equal(0, code);
        Assert.Equal(1, Cli.Json(output).GetProperty("throttles").GetInt32());
        Assert.Equal(40, Emulator.Interactions.Count);
        Assert.All(Cli.CreatesPerPhone(Emulator), p => Assert.Equal(1, p.Value));
        var posts = Emulator.Requests.Where(r => r.Method == "POST").ToList();
        var refused = posts.Single(r => r.StatusCode == 429).ReceivedAt;
        // Requests already on their way may land just after the 429; after that nobody starts until Retry-After passed.
        var during = posts.Count(r => r.ReceivedAt > refused + TimeSpan.FromMilliseconds(200) && r.ReceivedAt < refused + TimeSpan.FromMilliseconds(900));
        Assert.Equal(0, during);
        Assert.Contains(posts, r => r.ReceivedAt >= refused + TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task Run_OutcomeUnknown_IsNeverResentWithoutConfirmationAndStatusListsIt()
    {
        var csv = Cli.Contacts(Dir, 5);
        Emulator.InjectFault(EmulatedFault.DropConnectionAfterProcessing().ForOperation(EmulatorOperations.CreateCall));

        var first = await Run(csv, "--concurrency", "1");
        var rerun = await Run(csv);
        var unconfirmed = await Run(csv, "--resend-unknown");
        var status = await Cli.RunAsync("campaign", "status", Journal, "--output", "json");

        Assert.Equal(4, first.ExitCode);
        Assert.Equal(1, Cli.Json(first.Output).GetProperty("unknown").GetInt32());
        Assert.Equal(4, rerun.ExitCode);
        Assert.Equal(1, Cli.Json(rerun.Output).GetProperty("unknownBefore").GetInt32());
        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Contains("--yes", Cli.Json(unconfirmed.Output).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, Cli.Posts(Emulator));
        var unknown = Assert.Single(Cli.Json(status.Output).GetProperty("unknown").EnumerateArray());
        Assert.Equal(2, unknown.GetProperty("line").GetInt32());
        Assert.Equal("(215) 555-0000", unknown.GetProperty("phone").GetString());
        Assert.Equal("+12155550000", unknown.GetProperty("e164").GetString());

        var confirmed = await Run(csv, "--resend-unknown", "--yes");

        Assert.Equal(0, confirmed.ExitCode);
        Assert.Equal(6, Cli.Posts(Emulator));
        Assert.Equal("created", JournalFile.Rows(Journal)[2].State);
    }

    [Fact]
    public async Task Run_ApiUnreachable_MarksRowsFailedAndARerunSendsThem()
    {
        var csv = Cli.Contacts(Dir, 12);
        var closed = new Uri("http://127.0.0.1:" + Cli.ClosedPort() + "/");

        var down = await Cli.RunAsync(Cli.Campaign(csv, closed, Journal, "--concurrency", "1"));
        var up = await Run(csv);

        Assert.Equal(5, down.ExitCode);
        var stopped = Cli.Json(down.Output);
        Assert.Equal(5, stopped.GetProperty("failed").GetInt32());
        Assert.Equal(0, stopped.GetProperty("unknown").GetInt32());
        Assert.Contains("could not be reached", stopped.GetProperty("stopReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, up.ExitCode);
        Assert.Equal(12, Cli.Json(up.Output).GetProperty("created").GetInt32());
        Assert.Equal(12, Emulator.Interactions.Count);
    }

    [Fact]
    public async Task Run_JournalOfAnotherCsv_IsRefusedAndNothingIsSent()
    {
        var csv = Cli.Contacts(Dir, 3);
        Assert.Equal(0, (await Run(csv)).ExitCode);
        var other = Cli.Contacts(Dir, 4, "other.csv", firstNumber: 100);

        var (code, _, error) = await Run(other);

        Assert.Equal(2, code);
        Assert.Contains("line 1: it was written for another CSV", error, StringComparison.Ordinal);
        Assert.Equal(3, Cli.Posts(Emulator));
    }

    [Fact]
    public async Task Run_JournalWithOtherOptions_NamesTheOption()
    {
        var csv = Cli.Contacts(Dir, 2);
        Assert.Equal(0, (await Run(csv)).ExitCode);

        var (code, _, error) = await Cli.RunAsync(Cli.Campaign(csv, Url, Journal).Select(a => a == "agent-1" ? "agent-2" : a).ToArray());

        Assert.Equal(2, code);
        Assert.Contains("--agent agent-1", error, StringComparison.Ordinal);
        Assert.Equal(2, Cli.Posts(Emulator));
    }

    [Fact]
    public async Task Run_UnreadableJournal_NamesTheLineAndSendsNothing()
    {
        var csv = Cli.Contacts(Dir, 3);
        Assert.Equal(0, (await Run(csv)).ExitCode);
        var lines = File.ReadAllLines(Journal).ToList();
        lines[2] = "this is not JSON";
        File.WriteAllLines(Journal, lines);

        var (code, _, error) = await Run(csv);

        Assert.Equal(2, code);
        Assert.Contains("line 3: not a journal event", error, StringComparison.Ordinal);
        Assert.Equal(3, Cli.Posts(Emulator));
    }

    [Fact]
    public async Task Run_JournalWithATornLastLine_CutsItOffAndGoesOn()
    {
        var csv = Cli.Contacts(Dir, 3);
        Assert.Equal(0, (await Run(csv)).ExitCode);
        File.AppendAllText(Journal, "{\"at\":\"2026-11-29T00:00:00Z\",\"run\":2,\"state\":\"sen");
        var lineCount = File.ReadAllLines(Journal).Length;
        Assert.Equal(lineCount, Cli.Json((await Cli.RunAsync("campaign", "status", Journal, "--output", "json")).Output).GetProperty("tornLine").GetInt32());

        var (code, output, _) = await Run(csv);

        Assert.Equal(0, code);
        Assert.Equal(3, Cli.Json(output).GetProperty("alreadyCreated").GetInt32());
        Assert.All(File.ReadAllLines(Journal), line => JsonDocument.Parse(line).Dispose());
        Assert.Equal(3, Cli.Posts(Emulator));
    }

    [Fact]
    public async Task Run_JournalWithACutOffHeader_StartsItAgain()
    {
        var csv = Cli.Contacts(Dir, 3);
        File.WriteAllText(Journal, "{\"journal\":\"elemente-campaign/1\",\"csv\":\"/some/where");

        var (code, _, error) = await Run(csv);

        Assert.True(code == 0, error);
        Assert.Equal(3, Emulator.Interactions.Count);
        Assert.Equal(3, JournalFile.Rows(Journal).Values.Count(r => r.State == "created"));
    }

    [Fact]
    public async Task Run_JournalThatIsSomeOtherFile_IsRefusedNotOverwritten()
    {
        var csv = Cli.Contacts(Dir, 3);
        File.WriteAllText(Journal, "Phone,First name");

        var (code, _, error) = await Run(csv);

        Assert.Equal(2, code);
        Assert.Contains("line 1: not a campaign journal header", error, StringComparison.Ordinal);
        Assert.Equal("Phone,First name", File.ReadAllText(Journal));
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task Run_MalformedCsv_NamesTheLineAndSendsNothing()
    {
        var csv = Dir.Write("c.csv", "Phone,Name\n+12155550001,Ann\n+12155550002,\"Bob\n+12155550003,Cy\n");

        var (code, _, error) = await Run(csv, "--map", "phoneNumber=Phone");

        Assert.Equal(2, code);
        Assert.Contains("line 3: malformed CSV", error, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task Run_MissingPhoneColumn_NamesTheHeaderLineAndMap()
    {
        var csv = Dir.Write("c.csv", "Name,Order\nAnn,1\n");

        var (code, _, error) = await Cli.RunAsync(["campaign", "run", csv, "--agent", "a", "--skill", "s", "--channel", "call", "--base-url", Url.ToString(), "--journal", Journal]);

        Assert.Equal(2, code);
        Assert.Contains("line 1", error, StringComparison.Ordinal);
        Assert.Contains("--map phoneNumber=COLUMN", error, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Theory]
    [InlineData("phoneNumber=Telephone", "column 'Telephone' (for phoneNumber) is not in the CSV header")]
    [InlineData("phone=Phone", "unknown target 'phone'")]
    [InlineData("phoneNumber", "'phoneNumber' is not TARGET=COLUMN")]
    [InlineData("phoneNumber=Phone,phoneNumber=Order", "'phoneNumber' is mapped twice")]
    public async Task Run_BadMap_NamesTheOptionAndSendsNothing(string map, string message)
    {
        var csv = Cli.Contacts(Dir, 2);

        var (code, _, error) = await Cli.RunAsync(Cli.Campaign(csv, Url, Journal).Select(a => a.StartsWith("phoneNumber=Phone,", StringComparison.Ordinal) ? map : a).ToArray());

        Assert.Equal(2, code);
        Assert.Contains("--map: ", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task Run_DryRun_ValidatesSendsNothingAndWritesNoJournal()
    {
        var csv = Cli.Contacts(Dir, 2000);

        var (code, output, _) = await Run(csv, "--dry-run");

        Assert.Equal(0, code);
        var result = Cli.Json(output);
        Assert.Equal(2000, result.GetProperty("valid").GetInt32());
        Assert.Equal(2000, result.GetProperty("toSend").GetInt32());
        Assert.True(result.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
        Assert.Empty(Emulator.Requests);
        Assert.False(File.Exists(Journal));
    }

    [Fact]
    public async Task Status_TextOutput_SummarisesAndListsEveryRowWithBothPhoneForms()
    {
        var csv = Cli.Contacts(Dir, 2);
        Assert.Equal(0, (await Run(csv)).ExitCode);

        var (code, output, _) = await Cli.RunAsync("campaign", "status", Journal, "--rows");

        Assert.Equal(0, code);
        Assert.Contains("created", output, StringComparison.Ordinal);
        Assert.Contains("(215) 555-0001", output, StringComparison.Ordinal);
        Assert.Contains("+12155550001", output, StringComparison.Ordinal);
        Assert.Contains(Emulator.Interactions[0].Id[..8], output, StringComparison.Ordinal);
    }
}
