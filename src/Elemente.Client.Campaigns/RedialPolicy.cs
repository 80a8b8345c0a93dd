using System.Globalization;

namespace Elemente.Campaigns;

/// <summary>
/// When a campaign calls a row again (<see cref="CampaignOptions.Redial"/>): after an attempt whose followed final
/// status is one of <see cref="Statuses"/> (no-answer, busy, voicemail...), once <see cref="DelayAfter"/> has passed
/// since that attempt was seen final, inside calling hours, up to <see cref="MaxAttempts"/> attempts in all. An attempt
/// whose outcome is not known (unknown, in flight at a kill, or not followed) is never redialed.
/// </summary>
public sealed class RedialPolicy
{
    /// <summary>The final statuses that may be redialed: the call ended without reaching the customer.</summary>
    public static IReadOnlyList<InteractionStatus> RedialableStatuses { get; } =
    [
        InteractionStatus.NoAnswer, InteractionStatus.Busy, InteractionStatus.Voicemail, InteractionStatus.Failed, InteractionStatus.Canceled, InteractionStatus.Expired,
    ];

    /// <summary>Creates a policy.</summary>
    /// <param name="statuses">The final statuses that are redialed (each one of <see cref="RedialableStatuses"/>).</param>
    /// <param name="maxAttempts">The most attempts per row, the first one included (2 to 100).</param>
    /// <param name="delays">
    /// The wait before each redial, from the moment the attempt before it was seen final: the first before attempt 2, the
    /// second before attempt 3, and so on; the last repeats. At least one, none negative.
    /// </param>
    /// <exception cref="ArgumentException">A status cannot be redialed, none is given, or a delay is negative or missing.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAttempts"/> is not between 2 and 100.</exception>
    public RedialPolicy(IEnumerable<InteractionStatus> statuses, int maxAttempts, IEnumerable<TimeSpan> delays)
    {
        Statuses = (statuses ?? throw new ArgumentNullException(nameof(statuses))).Distinct().ToList();
        Delays = (delays ?? throw new ArgumentNullException(nameof(delays))).ToList();
        if (Statuses.Count == 0)
        {
            throw new ArgumentException("Give at least one status to redial (no-answer, busy, voicemail...).", nameof(statuses));
        }

        foreach (var status in Statuses.Where(s => !RedialableStatuses.Contains(s)))
        {
            throw new ArgumentException($"'{status}' cannot be redialed: only {Names} can (the call ended without reaching the customer).", nameof(statuses));
        }

        if (maxAttempts is < 2 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, "The most attempts per row must be between 2 and 100.");
        }

        if (Delays.Count == 0 || Delays.Any(d => d < TimeSpan.Zero))
        {
            throw new ArgumentException("Give at least one delay before a redial, none negative.", nameof(delays));
        }

        MaxAttempts = maxAttempts;
    }

    /// <summary>The final statuses that are redialed.</summary>
    public IReadOnlyList<InteractionStatus> Statuses { get; }

    /// <summary>The most attempts per row, the first one included.</summary>
    public int MaxAttempts { get; }

    /// <summary>The wait before each redial; the last repeats.</summary>
    public IReadOnlyList<TimeSpan> Delays { get; }

    /// <summary>The statuses that may be redialed, as the API names them, for messages.</summary>
    public static string Names => string.Join(", ", RedialableStatuses);

    /// <summary>The wait between attempt <paramref name="attempt"/>'s final status and the next attempt.</summary>
    /// <param name="attempt">The attempt that ended (1 for the first).</param>
    /// <returns>The delay: <see cref="Delays"/>[attempt - 1], or the last one.</returns>
    public TimeSpan DelayAfter(int attempt) => Delays[Math.Min(Math.Max(attempt, 1), Delays.Count) - 1];

    /// <summary>Whether an attempt that ended with <paramref name="finalStatus"/> is followed by another one.</summary>
    /// <param name="attempt">The attempt that ended (1 for the first).</param>
    /// <param name="finalStatus">Its followed final status, as the API gave it; null when it is not known.</param>
    /// <returns>True when the status is in <see cref="Statuses"/> and <paramref name="attempt"/> is below <see cref="MaxAttempts"/>.</returns>
    public bool Redials(int attempt, string? finalStatus) =>
        finalStatus is not null && attempt < MaxAttempts && Statuses.Contains(new InteractionStatus(finalStatus));

    /// <summary>Reads a list of statuses such as <c>no-answer,busy,voicemail</c> (case ignored).</summary>
    /// <param name="text">The statuses, separated by commas.</param>
    /// <returns>The statuses.</returns>
    /// <exception cref="FormatException">A name is not a status that can be redialed (the message lists those).</exception>
    public static IReadOnlyList<InteractionStatus> ParseStatuses(string text)
    {
        var names = (text ?? string.Empty).Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        if (names.Count == 0)
        {
            throw new FormatException($"give the statuses to redial, such as no-answer,busy (one or more of {Names}).");
        }

        var statuses = new List<InteractionStatus>(names.Count);
        foreach (var name in names)
        {
            var match = RedialableStatuses.Where(s => string.Equals(s.ToString(), name, StringComparison.OrdinalIgnoreCase)).ToList();
            statuses.Add(match.Count == 1 ? match[0] : throw new FormatException($"'{name}' is not a status to redial: use {Names}."));
        }

        return statuses;
    }

    /// <summary>Reads delays such as <c>30m,2h</c>: each a number and a unit, s (seconds), m (minutes), h (hours) or d (days).</summary>
    /// <param name="text">The delays, separated by commas.</param>
    /// <returns>The delays.</returns>
    /// <exception cref="FormatException">A delay is not a number with a unit.</exception>
    public static IReadOnlyList<TimeSpan> ParseDelays(string text)
    {
        var parts = (text ?? string.Empty).Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        if (parts.Count == 0)
        {
            throw new FormatException("give one or more delays, such as 30m,2h.");
        }

        return parts.Select(ParseDuration).ToList();
    }

    private static TimeSpan ParseDuration(string text)
    {
        var unit = text.Length > 0 ? char.ToLowerInvariant(text[text.Length - 1]) : ' ';
        var perUnit = unit switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            _ => TimeSpan.Zero,
        };
        if (perUnit == TimeSpan.Zero
            || !double.TryParse(text.Substring(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var count)
            || count > TimeSpan.FromDays(365).Ticks / perUnit.Ticks)
        {
            throw new FormatException($"'{text}' is not a delay such as 45s, 30m, 2h or 1d.");
        }

        return TimeSpan.FromTicks((long)(count * perUnit.Ticks));
    }
}
