using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Elemente;
using Elemente.Campaigns;
using Elemente.Testing;

/// <summary>
/// Two measurements of issue 23's features (benchmarks/RESULTS.md gives the commands):
/// <c>--suppress [rows] [entries]</c>: a dry run of a <c>rows</c>-row CSV with calling hours (09:00-20:00, Mon-Fri, each
/// number's zone from libphonenumber) and a do-not-call list of <c>entries</c> numbers, one in ten of them in the CSV;
/// through the library in this process (nothing else runs in it: its peak working set is the run's), and through the
/// tool as a child process with <c>--suppress</c> (without calling hours when the tool has no <c>--calling-hours</c>).
/// <c>--follow [calls] [concurrency]</c>: <c>campaign follow</c> as a child process over the journal of <c>calls</c>
/// created calls against the emulator's loopback server, whose calls are final 30 ms after they are created.
/// </summary>
internal static class Suppression
{
    public static async Task<int> MeasureAsync(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var entries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var dir = Directory.CreateTempSubdirectory("elemente-measure-").FullName;
        try
        {
            var csv = Path.Combine(dir, "contacts.csv");
            var list = Path.Combine(dir, "dnc.txt");
            using (var writer = new StreamWriter(csv))
            {
                writer.Write("Phone,First name,Order\n");
                for (var i = 0; i < rows; i++)
                {
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"{Number(i)},Customer {i},{i}\n"));
                }
            }

            // One entry in ten is a row of the CSV (every tenth row); the others are numbers the CSV does not hold.
            var listed = 0;
            using (var writer = new StreamWriter(list))
            {
                for (var i = 0; i < entries; i++)
                {
                    var inCsv = i % 10 == 0 && i < rows;
                    listed += inCsv ? 1 : 0;
                    writer.Write(Number(inCsv ? i : rows + i) + "\n");
                }
            }

            Console.WriteLine("| measurement | rows | list entries | result | time |");
            Console.WriteLine("| --- | ---: | ---: | --- | ---: |");
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var options = new CampaignOptions
            {
                CsvPath = csv,
                AgentId = "a",
                SkillId = "s",
                Map = "phoneNumber=Phone,firstName=First name",
                Region = "US",
                DryRun = true,
                CallingHours = CallingHours.Parse("09:00-20:00", "Mon-Fri"),
            };
            options.SuppressionLists.Add(SuppressionList.Load(list, "US"));
            var loaded = watch.Elapsed;
            var result = await new CampaignRunner(options, () => throw new InvalidOperationException("a dry run creates no client")).RunAsync();
            var wall = watch.Elapsed;
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Tool.Check(result.Counters.Valid == rows && result.Counters.Suppressed == listed, $"valid {result.Counters.Valid} of {rows}, suppressed {result.Counters.Suppressed} of {listed}");
            Console.WriteLine($"| dry run with calling hours and a do-not-call list, library (peak working set) | {rows:N0} | {entries:N0} | {Mib(result.PeakWorkingSet)} MiB; {listed:N0} rows suppressed | {wall.TotalSeconds:0.0} s ({cpu.TotalSeconds:0.0} s of CPU; the list read in {loaded.TotalSeconds:0.0} s) |");

            var hours = (await Help()).Contains("--calling-hours", StringComparison.Ordinal);
            string[] run = ["campaign", "run", csv, "--agent", "a", "--skill", "s", "--channel", "call", "--region", "US", "--dry-run", "--output", "json", "--suppress", list, .. hours ? new[] { "--calling-hours", "09:00-20:00", "--days", "Mon-Fri" } : []];
            var (json, childWall) = await Tool.RunAsync(run, null);
            Tool.Check(json.GetProperty("suppressed").GetInt32() == listed, $"the tool suppressed {json.GetProperty("suppressed").GetInt32()} of {listed}");
            Console.WriteLine($"| dry run with a do-not-call list{(hours ? " and calling hours" : string.Empty)}, the tool (peak working set) | {rows:N0} | {entries:N0} | {Mib(json.GetProperty("peakWorkingSetBytes").GetInt64())} MiB | {childWall.TotalSeconds:0.0} s |");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static async Task<int> FollowAsync(string[] args)
    {
        var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var concurrency = args.Length > 1 ? args[1] : "16";
        var dir = Directory.CreateTempSubdirectory("elemente-measure-").FullName;
        try
        {
            var step = TimeSpan.FromMilliseconds(10);
            await using var emulator = new ElementeEmulator(new ElementeEmulatorOptions { QueuedFor = step, RingingFor = step, ConversationFor = step });
            var url = await emulator.StartServerAsync();
            var env = new Dictionary<string, string> { ["ELEMENTE_USERNAME"] = emulator.Username, ["ELEMENTE_PASSWORD"] = emulator.Password };
            var csv = Path.Combine(dir, "contacts.csv");
            await File.WriteAllTextAsync(csv, "Phone\n" + string.Concat(Enumerable.Range(0, calls).Select(i => Number(i) + "\n")));
            var journal = Path.Combine(dir, "journal.jsonl");
            var (run, _) = await Tool.RunAsync(["campaign", "run", csv, "--agent", "a", "--skill", "s", "--channel", "call", "--region", "US", "--concurrency", concurrency, "--journal", journal, "--base-url", url.ToString(), "--output", "json"], env);
            Tool.Check(run.GetProperty("created").GetInt32() == calls, $"created {run.GetProperty("created").GetInt32()} of {calls}");
            var gets = emulator.Requests.Count(r => r.Method == "GET");

            var (follow, wall) = await Tool.RunAsync(["campaign", "follow", journal, "--concurrency", concurrency, "--base-url", url.ToString(), "--output", "json"], env);
            var followed = follow.GetProperty("followed").GetInt32();
            Tool.Check(followed == calls, $"followed {followed} of {calls}");
            var polls = emulator.Requests.Count(r => r.Method == "GET") - gets;
            Console.WriteLine("| measurement | calls | result | wall time |");
            Console.WriteLine("| --- | ---: | --- | ---: |");
            Console.WriteLine($"| campaign follow at concurrency {concurrency}, loopback emulator, calls already final | {calls:N0} | {calls / wall.TotalSeconds:0} calls/s ({polls:N0} Get call requests) | {wall.TotalSeconds:0.0} s |");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Distinct US numbers in national format: (2xx) 5xx-xxxx.</summary>
    private static string Number(int i) => string.Create(CultureInfo.InvariantCulture, $"({201 + i / 10_000_000 % 700}) {500 + i / 10_000 % 500}-{i % 10_000:0000}");

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture);

    private static async Task<string> Help()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Tool.Cli, "campaign", "run", "--help" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
