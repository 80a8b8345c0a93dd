using System.Globalization;
using Elemente.Testing;

// Measures the elemente tool as users run it (a child process), and prints a Markdown table for benchmarks/RESULTS.md.
// Arguments: [dry-run row counts, comma-separated] [campaign rows] [concurrency]; defaults 100000,1000000 10000 16.
// Or: --latency [milliseconds] [rows] [concurrency] [runs]; defaults 30 3000 16 3: a campaign against a server that
// answers every create after that long, as a share of the ideal rate (concurrency / latency); then the same creates sent
// from this process by a bare HttpClient and by the client library alone.
// Or: --suppress [rows] [entries]; defaults 100000 100000: a dry run with calling hours and a do-not-call list.
// Or: --follow [calls] [concurrency]; defaults 10000 16: campaign follow over a journal of that many created calls.
if (args.Length > 0 && args[0] == "--latency")
{
    return await Latency.MeasureAsync(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "--suppress")
{
    return await Suppression.MeasureAsync(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "--follow")
{
    return await Suppression.FollowAsync(args.Skip(1).ToArray());
}

var dryRows = (args.Length > 0 ? args[0] : "100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var campaignRows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10000;
var concurrency = args.Length > 2 ? args[2] : "16";
var dir = Directory.CreateTempSubdirectory("elemente-measure-").FullName;
try
{
    Console.WriteLine($"| measurement | rows | result | wall time |");
    Console.WriteLine($"| --- | ---: | --- | ---: |");
    foreach (var rows in dryRows)
    {
        var csv = Contacts(dir, rows);
        var (result, wall) = await Tool.RunAsync(["campaign", "run", csv, "--agent", "a", "--skill", "s", "--channel", "call", "--region", "US", "--dry-run", "--output", "json"], null);
        var valid = result.GetProperty("valid").GetInt32();
        var peak = result.GetProperty("peakWorkingSetBytes").GetInt64();
        Tool.Check(valid == rows, $"dry run validated {valid} of {rows} rows");
        Console.WriteLine($"| dry run, peak working set | {rows:N0} | {peak / 1024.0 / 1024.0:0} MiB | {wall.TotalSeconds:0.0} s |");
        File.Delete(csv);
    }

    await using var emulator = new ElementeEmulator();
    var url = await emulator.StartServerAsync();
    var contacts = Contacts(dir, campaignRows);
    var env = new Dictionary<string, string> { ["ELEMENTE_USERNAME"] = emulator.Username, ["ELEMENTE_PASSWORD"] = emulator.Password };
    var (run, runWall) = await Tool.RunAsync(["campaign", "run", contacts, "--agent", "a", "--skill", "s", "--channel", "call", "--region", "US", "--concurrency", concurrency, "--base-url", url.ToString(), "--output", "json"], env);
    var created = run.GetProperty("created").GetInt32();
    Tool.Check(created == campaignRows && emulator.Interactions.Count == campaignRows, $"created {created}, the emulator has {emulator.Interactions.Count}, of {campaignRows}");
    Console.WriteLine($"| campaign at concurrency {concurrency}, loopback emulator | {campaignRows:N0} | {run.GetProperty("rowsPerSecond").GetDouble():0} rows/s ({run.GetProperty("sendingSeconds").GetDouble():0.0} s sending; peak working set {run.GetProperty("peakWorkingSetBytes").GetInt64() / 1024.0 / 1024.0:0} MiB) | {runWall.TotalSeconds:0.0} s |");
    return 0;
}
finally
{
    Directory.Delete(dir, recursive: true);
}

static string Contacts(string dir, int rows)
{
    var path = Path.Combine(dir, $"contacts-{rows}.csv");
    using var writer = new StreamWriter(path);
    writer.Write("Phone,First name,Order\n");
    for (var i = 0; i < rows; i++)
    {
        // Distinct US numbers in national format: (2xx) 5xx-xxxx.
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"({201 + i / 10_000_000 % 700}) {500 + i / 10_000 % 500}-{i % 10_000:0000},Customer {i},{i}\n"));
    }

    return path;
}
