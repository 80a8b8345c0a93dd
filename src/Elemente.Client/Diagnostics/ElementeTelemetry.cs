using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Elemente.Diagnostics;

/// <summary>The client's trace source and meter, both named <c>Elemente.Client</c>.</summary>
internal static class ElementeTelemetry
{
    public const string Name = "Elemente.Client";

    /// <summary>The package version (SemVer, without build metadata), as the source and the meter report it.</summary>
    public static readonly string Version = typeof(ElementeTelemetry).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? AssemblyVersion();

    // Stryker disable once NullCoalescing,String : equivalent, every build carries a version
    private static string AssemblyVersion() => typeof(ElementeTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public static readonly ActivitySource ActivitySource = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    /// <summary>
    /// Duration of each HTTP attempt, tagged with OpenTelemetry's HTTP attributes. The name is the client's own, not
    /// <c>http.client.request.duration</c>: System.Net.Http records that instrument itself on .NET 8+, and two
    /// instruments of one name from different meters collide in exporters (as the Azure SDK avoids with <c>azure.*</c>).
    /// </summary>
    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "elemente.client.request.duration", unit: "s", description: "Duration of each HTTP request attempt to the Elemente API.");
}
