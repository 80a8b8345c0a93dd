using Elemente.Testing;

namespace Elemente.Campaigns.Tests;

/// <summary>
/// Do-not-call lists against the emulator: entries normalised like the rows, suppressed rows journalled as skipped with
/// the list's name and never sent (checked at the emulator's recorded requests), including on a rerun after a list grew.
/// </summary>
public sealed class SuppressionTests
{
    // dir.Contacts(n): "(215) 555-0000" on line 2, "(215) 555-0001" on line 3, and so on (read with --region US).
    private static async Task<CampaignResult> RunAsync(ElementeEmulator emulator, CampaignOptions options)
    {
        using var client = emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 });
        return await new CampaignRunner(options, client).RunAsync();
    }

    /// <summary>The create requests' bodies the emulator received, from the <paramref name="skip"/>th on.</summary>
    private static List<string> Posts(ElementeEmulator emulator, int skip = 0) =>
        emulator.Requests.Where(r => r.Method == "POST").Skip(skip).Select(r => r.Body).ToList();

    private static Dictionary<int, string?> SkipReasons(string journal) => JournalLines.Events(journal)
        .Where(e => e.GetProperty("state").GetString() == "skipped")
        .ToDictionary(e => e.GetProperty("line").GetInt32(), e => e.GetProperty("reason").GetString());

    [Fact]
    public async Task Run_NationalNumbersOnTheList_SkipTheE164RowsWithTheListsName_AndAreNeverSent()
    {
        using var dir = new TempDir();
        await using var emulator = new ElementeEmulator();
        var options = dir.Options(dir.Contacts(6));
        var list = dir.File("dnc.txt");
        // No header, one column: national (read with --region US), international with spaces, and a number not in the CSV.
        File.WriteAllText(list, "215-555-0001\n+1 215 555 0004\n\n(212) 555-0100\n");
        options.SuppressionLists.Add(SuppressionList.Load(list, "US"));

        var result = await RunAsync(emulator, options);

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        Assert.Equal((2, 4, 4), (result.Counters.Suppressed, result.Counters.ToSend, result.Counters.Created));
        Assert.Equal(2, result.SuppressedByList["dnc.txt"]);
        var posts = Posts(emulator);
        Assert.Equal(4, posts.Count);
        Assert.DoesNotContain(posts, b => b.Contains("+12155550001", StringComparison.Ordinal) || b.Contains("+12155550004", StringComparison.Ordinal));
        Assert.Equal(new Dictionary<int, string?> { [3] = "suppressed: dnc.txt", [6] = "suppressed: dnc.txt" }, SkipReasons(options.EffectiveJournalPath));
        var skipped = CampaignJournalFile.Read(options.EffectiveJournalPath).Rows[3];
        Assert.Equal((CampaignRowState.Skipped, "(215) 555-0001", "+12155550001"), (skipped.State, skipped.Phone, skipped.E164));
    }

    [Fact]
    public async Task Run_EmailsOnTheList_MatchWhateverTheirCaseAndSpaces_FromTheColumnTheHeaderNames()
    {
        using var dir = new TempDir();
        await using var emulator = new ElementeEmulator();
        var csv = dir.File("emails.csv");
        File.WriteAllText(csv, "Email,First name\nAnn.Lee@Example.com,Ann\nbob@example.com,Bob\n");
        var options = dir.Options(csv);
        options.Channel = InteractionChannel.Email;
        options.Map = "email=Email,firstName=First name";
        var list = dir.File("optout.csv");
        File.WriteAllText(list, "Name,E-Mail,Since\nAnn,  ANN.LEE@example.COM ,2026-01-01\n");
        options.SuppressionLists.Add(SuppressionList.Load(list, "US"));

        var result = await RunAsync(emulator, options);

        Assert.Equal(CampaignOutcome.Completed, result.Outcome);
        Assert.Equal(1, result.Counters.Suppressed);
        var post = Assert.Single(Posts(emulator));
        Assert.Contains("bob@example.com", post, StringComparison.Ordinal);
        Assert.Equal("bob@example.com", Assert.Single(emulator.Interactions).Email);
        Assert.Equal("suppressed: optout.csv", SkipReasons(options.EffectiveJournalPath)[2]);
    }

    [Fact]
    public async Task Run_RerunAfterTheListGrew_SkipsTheRowsNotCreatedYet_AndACreatedRowStaysCreated()
    {
        using var dir = new TempDir();
        await using var emulator = new ElementeEmulator();
        var options = dir.Options(dir.Contacts(6), concurrency: 1);
        var list = dir.File("dnc.csv");
        File.WriteAllText(list, "phone\n+12155550005\n");
        options.SuppressionLists.Add(SuppressionList.Load(list, "US"));
        // Concurrency 1: the rows go in line order; the first two creates are refused (lines 2 and 3 fail).
        emulator.InjectFault(EmulatedFault.Status(400).ForOperation(EmulatorOperations.CreateCall), count: 2);
        var first = await RunAsync(emulator, options);
        Assert.Equal(CampaignOutcome.RowsFailed, first.Outcome);
        Assert.Equal((2, 3, 1), (first.Counters.Failed, first.Counters.Created, first.Counters.Suppressed));

        // The list grows: line 2 (failed, not created) and line 5 (created in run 1).
        File.WriteAllText(list, "phone\n+12155550005\n(215) 555-0000\n215 555 0003\n");
        options.SuppressionLists.Clear();
        options.SuppressionLists.Add(SuppressionList.Load(list, "US"));
        var postsBefore = Posts(emulator).Count;
        var second = await RunAsync(emulator, options);

        Assert.Equal(CampaignOutcome.Completed, second.Outcome);
        Assert.Equal((2, 1, 3), (second.Counters.Suppressed, second.Counters.Created, second.Counters.AlreadyCreated));
        Assert.Equal(2, second.SuppressedByList["dnc.csv"]);
        var sentNow = Assert.Single(Posts(emulator, postsBefore));
        Assert.Contains("+12155550001", sentNow, StringComparison.Ordinal);
        Assert.DoesNotContain(Posts(emulator), b => b.Contains("+12155550005", StringComparison.Ordinal));
        Assert.Equal(new[] { "+12155550001", "+12155550002", "+12155550003", "+12155550004" }, emulator.Interactions.Select(i => i.PhoneNumber).Order(StringComparer.Ordinal));
        var rows = CampaignJournalFile.Read(options.EffectiveJournalPath).Rows;
        Assert.Equal((CampaignRowState.Skipped, "suppressed: dnc.csv"), (rows[2].State, rows[2].Reason));
        Assert.Equal(CampaignRowState.Created, rows[5].State);
        Assert.Equal(CampaignRowState.Skipped, rows[7].State);
    }

    [Fact]
    public async Task Run_RowOfUnknownOutcomeNowOnTheList_IsNotResentEvenWithResendUnknown_AndStaysUnknown()
    {
        using var dir = new TempDir();
        await using var emulator = new ElementeEmulator();
        var options = dir.Options(dir.Contacts(3), concurrency: 1);
        emulator.InjectFault(EmulatedFault.DropConnectionAfterProcessing().ForOperation(EmulatorOperations.CreateCall));
        Assert.Equal(CampaignOutcome.RowsFailed, (await RunAsync(emulator, options)).Outcome);
        var postsBefore = Posts(emulator).Count;

        var list = dir.File("dnc.txt");
        File.WriteAllText(list, "(215) 555-0000\n");
        options.SuppressionLists.Add(SuppressionList.Load(list, "US"));
        options.ResendUnknown = true;
        options.ResendConfirmed = true;
        var second = await RunAsync(emulator, options);

        Assert.Empty(Posts(emulator, postsBefore));
        Assert.Equal((0, 1), (second.Counters.Suppressed, second.Counters.Unresolved));
        Assert.Equal(CampaignRowState.Unknown, CampaignJournalFile.Read(options.EffectiveJournalPath).Rows[2].State);
    }

    [Fact]
    public async Task DryRun_CountsTheSuppressedRowsAndPlansNoRequestForThem()
    {
        using var dir = new TempDir();
        var options = dir.Options(dir.Contacts(5));
        options.DryRun = true;
        options.SuppressionLists.Add(SuppressionList.Create("crm", ["+12155550000", "(215) 555-0003"], "US"));
        options.SuppressionLists.Add(SuppressionList.Create("complaints", ["2155550003", "2155550004"], "US"));
        var planned = new List<int>();
        var runner = new CampaignRunner(options, () => throw new InvalidOperationException("a dry run creates no client")) { OnPlanned = (line, _) => planned.Add(line) };

        var result = await runner.RunAsync();

        Assert.Equal((3, 2), (result.Counters.Suppressed, result.Counters.ToSend));
        // A row on two lists counts for the first.
        Assert.Equal(new Dictionary<string, int> { ["crm"] = 2, ["complaints"] = 1 }, result.SuppressedByList);
        Assert.Equal(new[] { 3, 4 }, planned);
        Assert.False(File.Exists(options.EffectiveJournalPath));
    }

    [Theory]
    [InlineData("+12155550001\nnot a number\n", "US", "line 2", "not an email")]
    [InlineData("Name,Company\nAnn,ACME\n", "US", "line 1", "needs a header naming its phone or email column")]
    [InlineData("+12155550001\n(215) 555-0002\n", null, "line 2", "--region")]
    public void Load_AnEntryThatCannotBeRead_NamesTheFileAndLine(string content, string? region, string line, string message)
    {
        using var dir = new TempDir();
        var list = dir.File("bad.csv");
        File.WriteAllText(list, content);

        var error = Assert.Throws<CampaignCsvException>(() => SuppressionList.Load(list, region));

        Assert.Contains(list + ": " + line + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NormalisesLikeTheRows_AndContainsReadsTheSameWay()
    {
        var list = SuppressionList.Create("crm", ["(215) 555-0001", " A.B@Example.COM ", "", "+12155550001"], "US");

        Assert.Equal(("crm", "US", 2), (list.Name, list.Region, list.Count));
        Assert.True(list.Contains("+1 215-555-0001"));
        Assert.True(list.Contains("a.b@example.com"));
        Assert.False(list.Contains("+12155550002"));
        Assert.False(list.Contains("no number"));
        Assert.Throws<ArgumentException>(() => SuppressionList.Create("crm", ["12"], "US"));
    }

    [Fact]
    public async Task Run_ListReadInAnotherRegion_IsRefusedNamingTheOption()
    {
        using var dir = new TempDir();
        var options = dir.Options(dir.Contacts(1));
        options.SuppressionLists.Add(SuppressionList.Create("dnc", ["+12155550000"], region: null));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new CampaignRunner(options, () => throw new InvalidOperationException("no client")).RunAsync());

        Assert.Contains("CampaignOptions.SuppressionLists", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(options.EffectiveJournalPath));
    }
}
