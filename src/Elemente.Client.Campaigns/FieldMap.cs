namespace Elemente.Campaigns;

/// <summary>A bad <c>--map</c>, or a column the campaign needs and the header lacks. Nothing is sent.</summary>
public sealed class CampaignMapException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the map or the header.</param>
    public CampaignMapException(string message)
        : base(message)
    {
    }
}

/// <summary>One request field and the CSV column that fills it.</summary>
/// <param name="Target">phoneNumber, email, firstName, lastName, language, or field:NAME (a custom field).</param>
/// <param name="Column">The CSV column's name, as in the header.</param>
/// <param name="Index">The column's position in the header.</param>
internal sealed record FieldMapping(string Target, string Column, int Index)
{
    /// <summary>The custom field's name, for a <c>field:NAME</c> target.</summary>
    public string? CustomFieldName => Target.StartsWith(FieldMap.CustomPrefix, StringComparison.Ordinal) ? Target[FieldMap.CustomPrefix.Length..] : null;
}

/// <summary>
/// Which CSV column fills which request field. <c>--map "phoneNumber=Phone,firstName=First name,field:Order ID=Order"</c>
/// names them; a target it does not name is taken from a column of the same name (case, spaces, '_' and '-' ignored:
/// <c>Phone Number</c>, <c>phone_number</c>), and <c>phone</c> stands for phoneNumber.
/// </summary>
internal sealed class FieldMap
{
    public const string CustomPrefix = "field:";

    /// <summary>The customer fields a column may fill (custom fields are <c>field:NAME</c>).</summary>
    public static readonly string[] Targets = ["phoneNumber", "email", "firstName", "lastName", "language"];

    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.Ordinal)
    {
        ["phoneNumber"] = ["phonenumber", "phone", "mobile"],
        ["email"] = ["email", "emailaddress"],
        ["firstName"] = ["firstname"],
        ["lastName"] = ["lastname"],
        ["language"] = ["language"],
    };

    private FieldMap(IReadOnlyList<FieldMapping> mappings) => Mappings = mappings;

    /// <summary>The mappings, explicit ones first.</summary>
    public IReadOnlyList<FieldMapping> Mappings { get; }

    /// <summary>The mapping for a target, if any.</summary>
    public FieldMapping? For(string target) => Mappings.FirstOrDefault(m => m.Target == target);

    /// <summary>The column that fills a request path (for naming the column of a validation error), if any.</summary>
    public FieldMapping? ForPath(string path)
    {
        const string Customer = "customerOverride.";
        if (path.StartsWith(Customer + "customFields[", StringComparison.Ordinal))
        {
            // customerOverride.customFields[i]...: the i-th custom field mapping.
            var start = (Customer + "customFields[").Length;
            var end = path.IndexOf(']', start);
            if (end > start && int.TryParse(path.Substring(start, end - start), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                return Mappings.Where(m => m.CustomFieldName is not null).ElementAtOrDefault(index);
            }

            return null;
        }

        var name = path.StartsWith(Customer, StringComparison.Ordinal) ? path[Customer.Length..] : path switch
        {
            "customerPhone" => "phoneNumber",
            "customerEmail" => "email",
            _ => path,
        };
        return For(name);
    }

    /// <summary>Builds the map from <c>--map</c> (may be null) and the header.</summary>
    /// <exception cref="CampaignMapException">The map is malformed, names an unknown target twice or a column the header lacks.</exception>
    public static FieldMap Create(string? map, IReadOnlyList<string> header)
    {
        var mappings = new List<FieldMapping>();
        if (!string.IsNullOrWhiteSpace(map))
        {
            foreach (var entry in map!.Split(',').Select(e => e.Trim()))
            {
                if (entry.Length == 0)
                {
                    throw new CampaignMapException("--map: an empty entry (two commas in a row?); write it as \"phoneNumber=Phone,firstName=First name\".");
                }

                var equals = entry.IndexOf('=');
                if (equals <= 0 || equals == entry.Length - 1)
                {
                    throw new CampaignMapException($"--map: '{entry}' is not TARGET=COLUMN (for example phoneNumber=Phone or field:Order ID=Order).");
                }

                var target = entry[..equals].Trim();
                var column = entry[(equals + 1)..].Trim();
                if (target.StartsWith(CustomPrefix, StringComparison.Ordinal))
                {
                    if (target.Length == CustomPrefix.Length)
                    {
                        throw new CampaignMapException($"--map: '{entry}' names no custom field after 'field:'.");
                    }
                }
                else if (!Targets.Contains(target, StringComparer.Ordinal))
                {
                    throw new CampaignMapException($"--map: unknown target '{target}' in '{entry}'; the targets are {string.Join(", ", Targets)} and field:NAME for a custom field.");
                }

                if (mappings.Any(m => m.Target == target))
                {
                    throw new CampaignMapException($"--map: '{target}' is mapped twice.");
                }

                var index = IndexOf(header, column);
                if (index < 0)
                {
                    throw new CampaignMapException($"--map: column '{column}' (for {target}) is not in the CSV header (line 1); its columns are: {string.Join(", ", header.Select(h => $"'{h}'"))}.");
                }

                mappings.Add(new FieldMapping(target, header[index], index));
            }
        }

        foreach (var target in Targets)
        {
            if (mappings.Any(m => m.Target == target))
            {
                continue;
            }

            for (var i = 0; i < header.Count; i++)
            {
                if (Aliases[target].Contains(Normalise(header[i]), StringComparer.Ordinal) && !mappings.Any(m => m.Index == i))
                {
                    mappings.Add(new FieldMapping(target, header[i], i));
                    break;
                }
            }
        }

        return new FieldMap(mappings);
    }

    /// <summary>Describes the map, for the journal's header and the report: <c>phoneNumber=Phone,...</c>.</summary>
    public override string ToString() => string.Join(",", Mappings.Select(m => $"{m.Target}={m.Column}"));

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Normalise(string name) =>
        new(name.Where(c => !char.IsWhiteSpace(c) && c is not '_' and not '-').Select(char.ToLowerInvariant).ToArray());
}
