namespace Elemente.Cli.Tests;

/// <summary>calls create, get and wait, against the emulator's loopback server and the in-process --emulator.</summary>
public sealed class CallsTests : EmulatorTest
{
    [Fact]
    public async Task Create_NationalNumberAndField_SendsE164AndPrintsTheId()
    {
        var (code, output, error) = await Cli.RunAsync(
            "calls", "create", "--agent", "agent-1", "--skill", "skill-1", "--channel", "call", "--phone", "(215) 555-0142", "--region", "US",
            "--first-name", "Ann", "--field", "Order ID=12345", "--base-url", Url.ToString());

        Assert.True(code == 0, error);
        var interaction = Assert.Single(Emulator.Interactions);
        Assert.Equal("+12155550142", interaction.PhoneNumber);
        Assert.Equal("Order ID", Assert.Single(interaction.Request.CustomerOverride.CustomFields!).Name);
        Assert.Contains($"Created interaction {interaction.Id}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FromJsonFileWithOverrides_SendsTheMergedRequest()
    {
        var file = Dir.Write("request.json", """{"agentId":"from-file","skillId":"skill-1","channel":"call","customerOverride":{"phoneNumber":"+12155550100","firstName":"File"}}""");

        var (code, output, _) = await Cli.RunAsync("calls", "create", "--json", file, "--agent", "agent-2", "--output", "json", "--base-url", Url.ToString());

        Assert.Equal(0, code);
        var interaction = Assert.Single(Emulator.Interactions);
        Assert.Equal(("agent-2", "File", "+12155550100"), (interaction.Request.AgentId, interaction.Request.CustomerOverride.FirstName, interaction.PhoneNumber));
        Assert.Equal(interaction.Id, Cli.Json(output).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Create_InvalidRequest_NamesTheFieldAndSendsNothing()
    {
        var (code, _, error) = await Cli.RunAsync("calls", "create", "--agent", "agent-1", "--skill", "skill-1", "--channel", "call", "--base-url", Url.ToString());

        Assert.Equal(2, code);
        Assert.Contains("customerOverride.phoneNumber: is required for channel call", error, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task GetAndWait_AnExistingCall_ShowItAndFollowItToTheEnd()
    {
        var created = await Cli.RunAsync("calls", "create", "--agent", "a", "--skill", "s", "--channel", "call", "--phone", "+12155550142", "--output", "json", "--base-url", Url.ToString());
        var id = Cli.Json(created.Output).GetProperty("id").GetString()!;

        var get = await Cli.RunAsync("calls", "get", id, "--base-url", Url.ToString());
        var wait = await Cli.RunAsync("calls", "wait", id, "--base-url", Url.ToString());

        Assert.Equal(0, get.ExitCode);
        Assert.Contains($"interaction {id}", get.Output, StringComparison.Ordinal);
        Assert.Equal(0, wait.ExitCode);
        var lines = wait.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.EndsWith("  completed", StringComparison.Ordinal));
        Assert.Contains($"Ended interaction {id}", wait.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownId_IsAnApiError()
    {
        var (code, _, error) = await Cli.RunAsync("calls", "get", "no-such-call", "--base-url", Url.ToString());

        Assert.Equal(6, code);
        Assert.Contains("404", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWait_OnTheEmulator_NeedsNoAccountAndEnds()
    {
        var (code, output, error) = await Cli.RunAsync("calls", "create", "--agent", "a", "--skill", "s", "--channel", "call", "--phone", "+12155550142", "--wait", "--emulator");

        Assert.True(code == 0, error);
        Assert.Contains("Created interaction ", output, StringComparison.Ordinal);
        Assert.Contains("status:   completed", output, StringComparison.Ordinal);
    }
}
