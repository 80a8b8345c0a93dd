namespace Elemente.Campaigns;

/// <summary>The journal's header: which CSV, and the options that shape every request. A rerun must match it.</summary>
public sealed class CampaignJournalHeader
{
    /// <summary>Creates a header.</summary>
    /// <param name="csv">The CSV's full path.</param>
    /// <param name="csvSha256">The SHA-256 of the CSV's bytes (hex).</param>
    /// <param name="csvBytes">The CSV's length.</param>
    /// <param name="agent">The agent's id.</param>
    /// <param name="skill">The skill's id.</param>
    /// <param name="channel">The channel's name (call, sms, whatsapp, email, webchat).</param>
    /// <param name="map">The column map, as <c>phoneNumber=Phone,...</c>.</param>
    /// <param name="region">The region national numbers are read in, if any.</param>
    public CampaignJournalHeader(string csv, string csvSha256, long csvBytes, string agent, string skill, string channel, string map, string? region)
    {
        Csv = csv;
        CsvSha256 = csvSha256;
        CsvBytes = csvBytes;
        Agent = agent;
        Skill = skill;
        Channel = channel;
        Map = map;
        Region = region;
    }

    /// <summary>The CSV's full path.</summary>
    public string Csv { get; }

    /// <summary>The SHA-256 of the CSV's bytes (lower-case hex).</summary>
    public string CsvSha256 { get; }

    /// <summary>The CSV's length in bytes.</summary>
    public long CsvBytes { get; }

    /// <summary>The agent's id.</summary>
    public string Agent { get; }

    /// <summary>The skill's id.</summary>
    public string Skill { get; }

    /// <summary>The channel's name.</summary>
    public string Channel { get; }

    /// <summary>The column map, as <c>phoneNumber=Phone,...</c>.</summary>
    public string Map { get; }

    /// <summary>The region national numbers are read in, if any.</summary>
    public string? Region { get; }

    /// <summary>Checks that a journal with this header belongs to <paramref name="current"/>'s CSV and options; names what differs.</summary>
    /// <exception cref="CampaignJournalException">It was written for another CSV or with other options.</exception>
    internal void CheckMatches(CampaignJournalHeader current, string journal)
    {
        if (CsvSha256 != current.CsvSha256 || CsvBytes != current.CsvBytes)
        {
            throw new CampaignJournalException(
                $"journal {journal}: line 1: it was written for another CSV ({Csv}, {CsvBytes} bytes, SHA-256 {CsvSha256.Substring(0, 12)}...), " +
                $"not for {current.Csv} ({current.CsvBytes} bytes, SHA-256 {current.CsvSha256.Substring(0, 12)}...). A changed CSV needs a new --journal.");
        }

        void Same(string option, string? then, string? now)
        {
            if (!string.Equals(then, now, StringComparison.Ordinal))
            {
                throw new CampaignJournalException($"journal {journal}: line 1: it was written with {option} {then ?? "(not set)"}, this run has {option} {now ?? "(not set)"}. Rerun with the same options, or use a new --journal.");
            }
        }

        Same("--agent", Agent, current.Agent);
        Same("--skill", Skill, current.Skill);
        Same("--channel", Channel, current.Channel);
        Same("--map", Map, current.Map);
        Same("--region", Region, current.Region);
    }
}
