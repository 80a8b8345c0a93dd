using Elemente.Sample;

namespace Elemente.Tests;

public class SampleTests
{
    [Fact]
    public async Task Run_WithoutCredentials_CreatesTheDocsExampleCallOnTheEmulatorAndFollowsItToItsEnd()
    {
        using var output = new StringWriter();

        var exitCode = await SampleRun.RunAsync(output, _ => null, CancellationToken.None);

        Assert.Equal(0, exitCode);
        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Contains("emulator", lines[0], StringComparison.Ordinal);
        Assert.Matches("^Created interaction [0-9a-f-]{36} \\(queued\\)$", lines[1]);
        // Each status change once, in the order of a call's life (a fast poll may see all of them; a slow one skips some).
        var statuses = lines.Where(l => l.StartsWith("  status: ", StringComparison.Ordinal)).Select(l => l["  status: ".Length..]).ToList();
        Assert.Equal("completed", statuses[^1]);
        Assert.Equal(statuses, new[] { "queued", "ringing", "in-progress", "completed" }.Intersect(statuses));
        Assert.Contains("  customer: John Doe +1234567890", lines);
        Assert.Contains("  duration: 00:00:01", lines);
        // The docs example's first message, with its placeholders filled in by the emulator.
        Assert.Contains(lines, l => l.EndsWith("agent: Hello John, My name is John Doe. I am calling you about your order ID 12345 (delivered)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_WithCredentials_CallsTheConfiguredApiAndReportsItsRefusal()
    {
        // A "live" run against a server that refuses: the emulator's loopback server with other credentials.
        await using var emulator = new Elemente.Testing.ElementeEmulator();
        var baseUri = await emulator.StartServerAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ELEMENTE_USERNAME"] = "someone",
            ["ELEMENTE_PASSWORD"] = "not-the-emulators",
            ["ELEMENTE_BASE_URL"] = baseUri.ToString(),
        };
        using var output = new StringWriter();

        var exitCode = await SampleRun.RunAsync(output, name => environment.GetValueOrDefault(name), CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.Contains($"Calling the Elemente API at {baseUri}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("The API refused the call", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-emulators", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(emulator.Interactions);
    }
}
