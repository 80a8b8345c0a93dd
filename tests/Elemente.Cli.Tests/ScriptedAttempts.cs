using System.Globalization;
using Elemente.Testing;

namespace Elemente.Cli.Tests;

/// <summary>
/// Scripts each number's calls in order (the first attempt no-answer, the second no-answer, the third completed...): the
/// emulator scripts a number's calls all alike, so a watcher scripts each number's next call as soon as the one before
/// it is created (and, should it be late, each new call while it is still ringing). <see cref="AssertScripted"/> checks
/// afterwards that every call ended as intended.
/// </summary>
internal sealed class ScriptedAttempts : IAsyncDisposable
{
    private readonly ElementeEmulator _emulator;
    private readonly Func<int, int, CallOutcome> _outcome;
    private readonly HashSet<string> _scripted = [];
    private readonly Dictionary<string, int> _ahead = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watcher;

    /// <param name="emulator">The emulator.</param>
    /// <param name="rows">How many numbers (<see cref="Cli.E164"/> 0 to rows - 1).</param>
    /// <param name="outcome">How row i's attempt k (1 for the first) ends.</param>
    public ScriptedAttempts(ElementeEmulator emulator, int rows, Func<int, int, CallOutcome> outcome)
    {
        _emulator = emulator;
        _outcome = outcome;
        for (var i = 0; i < rows; i++)
        {
            emulator.ScriptOutcome(Cli.E164(i), outcome(i, 1));
        }

        _watcher = Task.Run(WatchAsync);
    }

    /// <summary>Row i % 4 == 0: no-answer twice, then completed; 1: busy every time; 2: completed; 3: voicemail.</summary>
    public static CallOutcome Mix(int row, int attempt) => (row % 4) switch
    {
        0 => attempt < 3 ? CallOutcome.NoAnswer : CallOutcome.Completed,
        1 => CallOutcome.Busy,
        2 => CallOutcome.Completed,
        _ => CallOutcome.Voicemail,
    };

    public static int Row(string e164) => int.Parse(e164.Substring(8), CultureInfo.InvariantCulture);

    /// <summary>Each number's calls at the emulator, oldest first.</summary>
    public static Dictionary<string, List<EmulatedInteraction>> ByNumber(ElementeEmulator emulator) =>
        emulator.Interactions.GroupBy(c => c.PhoneNumber!).ToDictionary(g => g.Key, g => g.OrderBy(c => c.CreatedAt).ToList());

    /// <summary>Every call ended as scripted for its place among its number's calls.</summary>
    public void AssertScripted()
    {
        foreach (var (number, calls) in ByNumber(_emulator))
        {
            for (var k = 0; k < calls.Count; k++)
            {
                Assert.True(calls[k].Outcome == _outcome(Row(number), k + 1), $"{number}'s call {k + 1} ended {calls[k].Outcome}, not as scripted");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _watcher;
        _stop.Dispose();
    }

    private async Task WatchAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var (number, calls) in ByNumber(_emulator))
            {
                // The number's next call, scripted ahead (a redial comes seconds after the call before it ended).
                if (_ahead.GetValueOrDefault(number) != calls.Count)
                {
                    _emulator.ScriptOutcome(number, _outcome(Row(number), calls.Count + 1));
                    _ahead[number] = calls.Count;
                }

                for (var k = 0; k < calls.Count; k++)
                {
                    if (_scripted.Add(calls[k].Id) && k > 0)
                    {
                        try
                        {
                            calls[k].ScriptOutcome(_outcome(Row(number), k + 1));
                        }
                        catch (InvalidOperationException)
                        {
                            // Ended before the watcher saw it: AssertScripted reports it.
                        }
                    }
                }
            }

            try
            {
                await Task.Delay(5, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}

/// <summary>A redial campaign's journal, read independently of the CLI: each attempt's events.</summary>
internal sealed class AttemptJournal
{
    public AttemptJournal(string path)
    {
        foreach (var e in JournalFile.Events(path))
        {
            if (!e.TryGetProperty("line", out var lineElement))
            {
                continue;
            }

            var line = lineElement.GetInt32();
            var state = e.GetProperty("state").GetString()!;
            var attempt = e.TryGetProperty("attempt", out var a) ? a.GetInt32() : 1;
            var id = e.TryGetProperty("id", out var i) ? i.GetString() : null;
            switch (state)
            {
                case "sending":
                    Sending.Add((line, attempt));
                    break;
                case "created":
                    Created[id!] = (line, attempt);
                    break;
                case "final":
                    Finals[id!] = (e.GetProperty("status").GetString()!, DateTimeOffset.Parse(e.GetProperty("endedAt").GetString()!, CultureInfo.InvariantCulture));
                    break;
            }

            Last[line] = (state == "final" ? "created" : state, state == "final" ? Last[line].Attempt : attempt);
        }
    }

    /// <summary>Every sending mark, as (line, attempt), in order.</summary>
    public List<(int Line, int Attempt)> Sending { get; } = [];

    /// <summary>Each created interaction's row and attempt, by id.</summary>
    public Dictionary<string, (int Line, int Attempt)> Created { get; } = [];

    /// <summary>Each followed interaction's final status and the time it was seen final, by id.</summary>
    public Dictionary<string, (string Status, DateTimeOffset EndedAt)> Finals { get; } = [];

    /// <summary>Each row's last state and attempt.</summary>
    public Dictionary<int, (string State, int Attempt)> Last { get; } = [];
}
