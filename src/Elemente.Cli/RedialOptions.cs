using System.CommandLine;
using Elemente.Campaigns;

namespace Elemente.Cli;

/// <summary><c>campaign run --follow</c> and its redials: <c>--redial</c>, <c>--max-attempts</c>, <c>--redial-after</c>.</summary>
internal sealed class RedialOptions
{
    private const int DefaultMaxAttempts = 3;
    private const string DefaultDelays = "30m,2h";

    public Option<bool> Follow { get; } = new("--follow") { Description = "Follow each call as it is created until it ends, and journal its final status, duration and end time (a rerun follows the ones not final yet)." };

    public Option<string?> Redial { get; } = new("--redial") { Description = $"With --follow: call a row again when its call ended with one of these statuses, such as no-answer,busy,voicemail (any of {RedialPolicy.Names})." };

    public Option<int?> MaxAttempts { get; } = new("--max-attempts") { Description = $"With --redial: the most calls per row, the first one included (2 to 100; default {DefaultMaxAttempts})." };

    public Option<string?> RedialAfter { get; } = new("--redial-after") { Description = $"With --redial: the wait before each redial after the call before it ended, such as 30m,2h (45s, 30m, 2h, 1d; the last repeats; default {DefaultDelays})." };

    public IEnumerable<Option> All => [Follow, Redial, MaxAttempts, RedialAfter];

    /// <summary>Sets <see cref="CampaignOptions.Follow"/> and <see cref="CampaignOptions.Redial"/> from the command line.</summary>
    /// <exception cref="UsageException">An option is wrong; the message names it.</exception>
    public void Apply(ParseResult parse, CampaignOptions options)
    {
        options.Follow = parse.GetValue(Follow) ? new CampaignFollowOptions() : null;
        var statuses = parse.GetValue(Redial);
        var maxAttempts = parse.GetValue(MaxAttempts);
        var delays = parse.GetValue(RedialAfter);
        if (statuses is null)
        {
            if (maxAttempts is not null || delays is not null)
            {
                throw new UsageException($"{(maxAttempts is not null ? "--max-attempts" : "--redial-after")} needs --redial (the statuses to call again, such as no-answer,busy).");
            }

            return;
        }

        if (options.Follow is null)
        {
            throw new UsageException("--redial needs --follow: a call is redialed only once its final status is known.");
        }

        if (maxAttempts is < 2 or > 100)
        {
            throw new UsageException($"--max-attempts: {maxAttempts} is not between 2 and 100 (the first call included).");
        }

        options.Redial = new RedialPolicy(
            Parse("--redial", () => RedialPolicy.ParseStatuses(statuses)),
            maxAttempts ?? DefaultMaxAttempts,
            Parse("--redial-after", () => RedialPolicy.ParseDelays(delays ?? DefaultDelays)));
    }

    private static T Parse<T>(string option, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{option}: {ex.Message}");
        }
    }
}
