using System.Diagnostics;
using System.Globalization;

namespace Elemente.Benchmarks;

/// <summary>
/// A check of BenchmarkDotNet's ratios on a shared, loaded machine: the contenders of each workload take turns in
/// short rounds (order rotated each round), so that they see the same load; reported is the median over the rounds of
/// each contender's time per call divided by the baseline's in the same round, in wall-clock time and in the
/// process's CPU time (which other processes' load disturbs less). Run with <c>--interleaved</c>.
/// </summary>
public static class Interleaved
{
    public static int Run(int rounds)
    {
        var small = new CreateSmall();
        small.Setup();
        Report("CreateSmall (in-memory, ~700 B)", rounds, 2000,
            ("HttpClient + Newtonsoft (hand-written)", small.Newtonsoft),
            ("HttpClient + STJ source generation", small.StjSourceGen),
            ("NSwag stock client", small.NSwagStock),
            ("Elemente.Client", small.ElementeClient));
        small.Cleanup();

        var large = new GetLarge();
        large.Setup();
        Report("GetLarge (in-memory, ~270 KB)", rounds, 20,
            ("HttpClient + Newtonsoft (hand-written)", large.Newtonsoft),
            ("HttpClient + STJ source generation", large.StjSourceGen),
            ("NSwag stock client", large.NSwagStock),
            ("Elemente.Client", large.ElementeClient));
        large.Cleanup();

        var concurrent = new Concurrent64();
        concurrent.Setup();
        Report("Concurrent64 (loopback Kestrel, 64 calls per invocation)", rounds, 20,
            ("raw HttpClient (bytes in, bytes out)", concurrent.RawHttpClient),
            ("HttpClient + Newtonsoft (hand-written)", concurrent.HandWrittenNewtonsoft),
            ("Elemente.Client", concurrent.ElementeClient));
        concurrent.Cleanup();
        return 0;
    }

    private static void Report(string workload, int rounds, int invocations, params (string Name, Func<Task> Call)[] contenders)
    {
        var times = contenders.Select(_ => new List<double>()).ToArray();
        var cpu = contenders.Select(_ => new List<double>()).ToArray();
        using var process = Process.GetCurrentProcess();
        var bytes = new double[contenders.Length];
        for (var i = 0; i < contenders.Length; i++)
        {
            for (var w = 0; w < invocations; w++)
            {
                contenders[i].Call().GetAwaiter().GetResult();
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < contenders.Length; k++)
            {
                var i = (k + round) % contenders.Length;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                for (var n = 0; n < invocations; n++)
                {
                    contenders[i].Call().GetAwaiter().GetResult();
                }

                times[i].Add(watch.Elapsed.TotalMilliseconds * 1000 / invocations);
                process.Refresh();
                cpu[i].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds * 1000 / invocations);
                bytes[i] += (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)invocations;
            }
        }

        Console.WriteLine($"## {workload}: {rounds} interleaved rounds of {invocations} invocations");
        Console.WriteLine("| Contender | Median us/invocation | Median time ratio (same round) | Median CPU-time ratio (same round) | Alloc ratio |");
        Console.WriteLine("|---|---|---|---|---|");
        for (var i = 0; i < contenders.Length; i++)
        {
            var ratios = times[i].Zip(times[0], (t, b) => t / b).ToList();
            var cpuRatios = cpu[i].Zip(cpu[0], (t, b) => t / b).ToList();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.0} | {2:0.00} | {3:0.00} | {4:0.00} |",
                contenders[i].Name, Median(times[i]), Median(ratios), Median(cpuRatios), bytes[i] / bytes[0]));
        }

        Console.WriteLine();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
