namespace Elemente.Campaigns;

/// <summary>One row of a campaign's results (<see cref="CampaignExport"/>): its CSV fields and what the journal says about it.</summary>
public sealed class CampaignExportRow
{
    internal CampaignExportRow(int line, IReadOnlyList<string> fields, CampaignRowRecord? record)
    {
        Line = line;
        Fields = fields;
        State = CampaignJournalContents.StateName(record?.State ?? CampaignRowState.None);
        Phone = record?.Phone;
        E164 = record?.E164;
        Email = record?.Email;
        Attempts = record?.Attempts ?? 0;
        InteractionIds = record?.InteractionIds ?? Array.Empty<string>();
        FinalStatus = record?.FinalStatus;
        Duration = record?.Duration;
        EndedAt = record?.EndedAt;
        Reason = record?.State is CampaignRowState.Failed or CampaignRowState.Unknown or CampaignRowState.Skipped ? record.Reason : null;
    }

    /// <summary>The row's line in the CSV.</summary>
    public int Line { get; }

    /// <summary>The row's fields as the CSV has them (empty when the CSV is not readable any more or changed).</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>The row's journal state: new (never tried), sending, created, failed, unknown or skipped.</summary>
    public string State { get; }

    /// <summary>The phone number as the CSV has it.</summary>
    public string? Phone { get; }

    /// <summary>The phone number in E.164, as sent.</summary>
    public string? E164 { get; }

    /// <summary>The email, as sent.</summary>
    public string? Email { get; }

    /// <summary>How many times a request for the row was sent (or may have been).</summary>
    public int Attempts { get; }

    /// <summary>Every interaction id the row was created with, oldest first.</summary>
    public IReadOnlyList<string> InteractionIds { get; }

    /// <summary>The final status, once followed (<see cref="CampaignFollower"/>).</summary>
    public string? FinalStatus { get; }

    /// <summary>The interaction's duration, once followed.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>When the follower saw the interaction final.</summary>
    public DateTimeOffset? EndedAt { get; }

    /// <summary>Why the row was skipped, failed or is unknown.</summary>
    public string? Reason { get; }
}

/// <summary>
/// A campaign's results, one row per CSV row (<c>campaign export</c>): the CSV's fields beside the journal's state,
/// attempts, interaction ids and followed outcome. Reads the CSV the journal's header names; when it is gone or changed,
/// the rows come from the journal alone and <see cref="CsvProblem"/> says why.
/// </summary>
public sealed class CampaignExport
{
    private CampaignExport(IReadOnlyList<string> columns, IReadOnlyList<CampaignExportRow> rows, string? csvProblem)
    {
        Columns = columns;
        Rows = rows;
        CsvProblem = csvProblem;
    }

    /// <summary>The CSV's column names (empty when the CSV could not be read).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Every row, by line.</summary>
    public IReadOnlyList<CampaignExportRow> Rows { get; }

    /// <summary>Why the CSV's fields are missing (the file is gone, or it changed since the campaign ran); null when they are there.</summary>
    public string? CsvProblem { get; }

    /// <summary>Reads a journal and the CSV it names.</summary>
    /// <param name="contents">The journal, as <see cref="CampaignJournalFile.Read"/> returns it.</param>
    /// <returns>The results.</returns>
    public static CampaignExport Read(CampaignJournalContents contents)
    {
        if (contents is null)
        {
            throw new ArgumentNullException(nameof(contents));
        }

        var rows = new List<CampaignExportRow>();
        try
        {
            using var csv = CsvSource.Open(contents.Header.Csv);
            var seen = new HashSet<int>();
            string? problem = null;
            foreach (var row in csv.ReadRows())
            {
                contents.Rows.TryGetValue(row.Line, out var record);
                if (record is not null && record.Key != row.Hash)
                {
                    problem ??= $"{contents.Header.Csv}: line {row.Line} differs from the row the journal recorded: the CSV changed since the campaign ran.";
                }

                seen.Add(row.Line);
                rows.Add(new CampaignExportRow(row.Line, row.Fields, record));
            }

            if (problem is null && csv.Sha256 != contents.Header.CsvSha256)
            {
                problem = $"{contents.Header.Csv}: the CSV changed since the campaign ran (its SHA-256 differs).";
            }

            foreach (var record in contents.Rows.Values.Where(r => !seen.Contains(r.Line)).OrderBy(r => r.Line))
            {
                rows.Add(new CampaignExportRow(record.Line, Array.Empty<string>(), record));
            }

            return new CampaignExport(csv.Header, rows.OrderBy(r => r.Line).ToList(), problem);
        }
        catch (CampaignCsvException ex)
        {
            rows.Clear();
            rows.AddRange(contents.Rows.Values.OrderBy(r => r.Line).Select(r => new CampaignExportRow(r.Line, Array.Empty<string>(), r)));
            return new CampaignExport(Array.Empty<string>(), rows, ex.Message);
        }
    }
}
