using Elemente.Validation;
using PhoneNumbers;

namespace Elemente.Campaigns;

/// <summary>What is wrong with a row: the column (when one is to blame) and the problem.</summary>
internal sealed record RowProblem(string? Column, string Message)
{
    public override string ToString() => Column is null ? Message : $"column '{Column}': {Message}";
}

/// <summary>A row turned into a request, or the reasons it cannot be.</summary>
internal sealed class BuiltRow
{
    public required CsvRow Row { get; init; }

    public CreateInteractionInput? Request { get; init; }

    /// <summary>The phone number as the CSV has it.</summary>
    public string? PhoneRaw { get; init; }

    /// <summary>The phone number in E.164, as it is sent.</summary>
    public string? PhoneE164 { get; init; }

    /// <summary>The email, as sent.</summary>
    public string? Email { get; init; }

    public List<RowProblem> Problems { get; } = [];

    /// <summary>Which attempt of the row this request is (1 for the first call; more for a redial).</summary>
    public int Attempt { get; set; } = 1;

    public bool IsValid => Problems.Count == 0 && Request is not null;
}

/// <summary>The settings every request of a campaign shares.</summary>
internal sealed record CampaignTemplate(string AgentId, string SkillId, InteractionChannel Channel, string? Region);

/// <summary>
/// Turns CSV rows into create requests: maps the columns, normalises phone numbers to E.164 (libphonenumber, with
/// <c>--region</c> for national formats), and checks each request with the client's own validator, the one
/// <c>CreateAsync</c> runs, so a row that passes here is not refused by the client later.
/// </summary>
internal sealed class RowBuilder
{
    private readonly FieldMap _map;
    private readonly CampaignTemplate _template;
    private readonly int _headerCount;

    public RowBuilder(FieldMap map, CampaignTemplate template, int headerCount)
    {
        _map = map;
        _template = template;
        _headerCount = headerCount;
    }

    public BuiltRow Build(CsvRow row)
    {
        string? Value(FieldMapping? mapping) =>
            mapping is null || mapping.Index >= row.Fields.Length || string.IsNullOrWhiteSpace(row.Fields[mapping.Index]) ? null : row.Fields[mapping.Index].Trim();

        var phoneMapping = _map.For("phoneNumber");
        var phoneRaw = Value(phoneMapping);
        string? e164 = null;
        var problems = new List<RowProblem>();
        if (row.Fields.Length != _headerCount)
        {
            problems.Add(new RowProblem(null, $"has {row.Fields.Length} field{(row.Fields.Length == 1 ? "" : "s")}; the header has {_headerCount}"));
        }

        if (phoneRaw is not null)
        {
            if (CampaignPhoneNumbers.TryNormalise(phoneRaw, _template.Region, out var normalised, out var problem))
            {
                e164 = normalised;
            }
            else
            {
                problems.Add(new RowProblem(phoneMapping!.Column, "phone number " + problem));
            }
        }

        var email = Value(_map.For("email"));
        var customFields = _map.Mappings
            .Where(m => m.CustomFieldName is not null)
            .Select(m => new CustomField(m.CustomFieldName!, Value(m) ?? string.Empty))
            .ToList();
        var request = new CreateInteractionInput
        {
            AgentId = _template.AgentId,
            SkillId = _template.SkillId,
            Channel = _template.Channel,
            CustomerOverride = new CustomerOverrideInput
            {
                PhoneNumber = e164 ?? (problems.Count > 0 ? null : phoneRaw),
                Email = email,
                FirstName = Value(_map.For("firstName")),
                LastName = Value(_map.For("lastName")),
                Language = Value(_map.For("language")),
                CustomFields = customFields.Count > 0 ? customFields : null,
            },
        };

        // The client's own rules (CreateAsync runs the same ones), with each error's path turned into its column.
        foreach (var error in CreateInteractionValidator.Validate(request))
        {
            var colon = error.IndexOf(':');
            var path = colon > 0 ? error[..colon] : error;
            if (phoneRaw is not null && e164 is null && path is "customerOverride.phoneNumber")
            {
                continue; // already reported, with the reason it could not be normalised
            }

            var column = _map.ForPath(path)?.Column;
            var message = error;
            if (column is null && path is "customerOverride.phoneNumber" && phoneMapping is null)
            {
                message += " (no column is mapped to phoneNumber: add --map phoneNumber=COLUMN)";
            }

            problems.Add(new RowProblem(column, message));
        }

        var built = new BuiltRow
        {
            Row = row,
            Request = problems.Count == 0 ? request : null,
            PhoneRaw = phoneRaw,
            PhoneE164 = e164,
            Email = email,
        };
        built.Problems.AddRange(problems);
        return built;
    }

    /// <summary>
    /// Checks, before any row is read, that the map gives the channel what it needs (a phone column for calls, SMS and
    /// WhatsApp; an email column for email).
    /// </summary>
    /// <exception cref="CampaignMapException">The column is missing.</exception>
    public void CheckColumns(IReadOnlyList<string> header)
    {
        var needs = _template.Channel switch
        {
            InteractionChannel.Call or InteractionChannel.Sms or InteractionChannel.Whatsapp => "phoneNumber",
            InteractionChannel.Email => "email",
            _ => null,
        };
        if (needs is not null && _map.For(needs) is null)
        {
            throw new CampaignMapException(
                $"The CSV header (line 1) has no column for {needs}, which channel {CampaignChannels.Name(_template.Channel)} needs; its columns are: " +
                $"{string.Join(", ", header.Select(h => $"'{h}'"))}. Name one with --map {needs}=COLUMN.");
        }
    }
}

/// <summary>Channel names as the API and the command line spell them.</summary>
public static class CampaignChannels
{
    /// <summary>The channel's name: call, sms, whatsapp, email or webchat.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>Its name.</returns>
    public static string Name(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Call => "call",
        InteractionChannel.Sms => "sms",
        InteractionChannel.Whatsapp => "whatsapp",
        InteractionChannel.Email => "email",
        _ => "webchat",
    };

    /// <summary>Reads a channel's name (case ignored).</summary>
    /// <param name="text">call, sms, whatsapp, email or webchat.</param>
    /// <param name="channel">The channel, when the name is known.</param>
    /// <returns>Whether it is.</returns>
    public static bool TryParse(string text, out InteractionChannel channel)
    {
        foreach (var value in (InteractionChannel[])Enum.GetValues(typeof(InteractionChannel)))
        {
            if (string.Equals(Name(value), text, StringComparison.OrdinalIgnoreCase))
            {
                channel = value;
                return true;
            }
        }

        channel = default;
        return false;
    }
}

/// <summary>Phone numbers as campaigns read them: E.164, or national in a given region.</summary>
public static class CampaignPhoneNumbers
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>Normalises a phone number to E.164 (libphonenumber), or says why it cannot.</summary>
    /// <param name="raw">The number as written: E.164, or national with <paramref name="region"/>.</param>
    /// <param name="region">The country national numbers are read in (ISO code, such as US), or null for E.164 only.</param>
    /// <param name="e164">The number in E.164, when it can be read.</param>
    /// <param name="problem">Why it cannot, as the end of a sentence ("is not a possible phone number").</param>
    /// <returns>Whether it can be read.</returns>
    public static bool TryNormalise(string raw, string? region, out string e164, out string? problem)
    {
        e164 = string.Empty;
        problem = null;
        var text = raw.Trim();
        if (!text.StartsWith("+", StringComparison.Ordinal) && region is null)
        {
            problem = "is not in E.164 (+ and country code); give --region (for example --region US) to read national numbers";
            return false;
        }

        try
        {
            var number = Phones.Parse(text, region ?? "ZZ");
            if (!Phones.IsPossibleNumber(number))
            {
                problem = region is null ? "is not a possible phone number" : $"is not a possible phone number (read with --region {region})";
                return false;
            }

            e164 = Phones.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException ex)
        {
            problem = $"cannot be read as a phone number ({ex.ErrorType})";
            return false;
        }
    }
}
