namespace Consumer.App;

/// <summary>Counts checks; a failed one is printed at once with what was expected and what was found.</summary>
internal sealed class Checks
{
    private readonly List<string> _failures = new();
    private int _passed;

    public void That(bool condition, string expectation)
    {
        if (condition)
        {
            _passed++;
            return;
        }

        _failures.Add(expectation);
        Console.Error.WriteLine($"FAIL: {expectation}");
    }

    /// <summary>Prints the tally and returns the process exit code.</summary>
    public int Report()
    {
        Console.WriteLine($"consumption: {_passed} passed, {_failures.Count} failed");
        return _failures.Count == 0 ? 0 : 1;
    }
}
