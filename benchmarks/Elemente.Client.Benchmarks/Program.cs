using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Elemente.Client.Benchmarks -- --filter '*' (see benchmarks/RESULTS.md).
// CI runs every benchmark once in BenchmarkDotNet's dry job (--job dry), possibly from a Debug build: then the
// optimisation check is off, as no number of a dry run is read. --interleaved [rounds] runs Interleaved instead.
if (args.Length > 0 && args[0] == "--interleaved")
{
    return Elemente.Benchmarks.Interleaved.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30);
}

var config = DefaultConfig.Instance;
if (args.Contains("dry", StringComparer.OrdinalIgnoreCase))
{
    config = config.WithOptions(ConfigOptions.DisableOptimizationsValidator);
}

return BenchmarkSwitcher.FromAssembly(typeof(Elemente.Benchmarks.Payloads).Assembly).Run(args, config).Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
