// PATCH: duration is typed number but the docs example is the string "7200" (read either way); only id is always present. Keep while upstream's example and schema disagree.
using Newtonsoft.Json;

namespace Elemente;

public partial class Interaction
{
    /// <summary>
    /// <see cref="Duration"/> as a <see cref="TimeSpan"/>; null while the interaction has no duration yet.
    /// </summary>
    [JsonIgnore]
    public TimeSpan? DurationTimeSpan => Duration is { } value && ToSeconds(value) is var seconds && Math.Abs(seconds) < MaxSeconds
        ? TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond))
        : null;

    // Through a double whatever numeric type the generator gives Duration (a spec update could make it an integer).
    private static double ToSeconds(double seconds) => seconds;

    // Beyond this a TimeSpan overflows (NaN also fails the comparison).
    private const double MaxSeconds = 9.2e11;
}
