using System.Text;

namespace Elemente.Campaigns;

/// <summary>
/// A do-not-call list: phone numbers and emails a campaign never contacts (<see cref="CampaignOptions.SuppressionLists"/>).
/// Each entry is normalised as the campaign's rows are (a phone number to E.164, read with the campaign's region; an email
/// trimmed, case ignored), and kept as a 64-bit hash, the one the duplicate check uses: a few dozen bytes an entry,
/// whatever the file holds.
/// </summary>
/// <remarks>
/// A file (<see cref="Load"/>) is a CSV or a text file. When a field of its first line names a contact column (<c>phone</c>,
/// <c>phoneNumber</c>, <c>phone_number</c>, <c>number</c>, <c>mobile</c>, <c>telephone</c>, <c>tel</c>, <c>msisdn</c>,
/// <c>email</c>, <c>e-mail</c>, <c>emailAddress</c>; case, spaces, <c>_</c> and <c>-</c> ignored), that line is the header
/// and every column so named holds entries (the other columns are ignored). Otherwise the file has one column and no
/// header: each line is an entry. An entry with an <c>@</c> is an email; any other is a phone number. Blank fields are
/// passed over. An entry that cannot be read is an error naming the file and line: a list read in part could let a
/// listed number through.
/// </remarks>
public sealed class SuppressionList
{
    private static readonly HashSet<string> ContactColumns = new(StringComparer.Ordinal)
    {
        "phone", "phonenumber", "number", "mobile", "mobilenumber", "telephone", "tel", "msisdn", "email", "emailaddress",
    };

    private readonly HashSet<ulong> _keys;

    private SuppressionList(string name, string? region, HashSet<ulong> keys)
    {
        Name = name;
        Region = region;
        _keys = keys;
    }

    /// <summary>The list's name, as skipped rows' journal reason gives it (<c>suppressed: dnc.csv</c>): a file's name.</summary>
    public string Name { get; }

    /// <summary>The region national phone numbers were read in (ISO code, such as <c>US</c>), or null for E.164 only.</summary>
    public string? Region { get; }

    /// <summary>How many distinct phone numbers and emails the list holds.</summary>
    public int Count => _keys.Count;

    /// <summary>Reads a do-not-call list from a CSV or text file (the format is in the remarks); its name is the file's name.</summary>
    /// <param name="path">The file.</param>
    /// <param name="region">The region national phone numbers are read in (the campaign's <see cref="CampaignOptions.Region"/>); null for E.164 only.</param>
    /// <returns>The list.</returns>
    /// <exception cref="CampaignCsvException">The file cannot be read, has several columns and no header naming a contact column, or an entry is not a phone number or email; the message names the file and line.</exception>
    public static SuppressionList Load(string path, string? region = null)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A suppression list's path is required.", nameof(path));
        }

        var keys = new HashSet<ulong>();
        using (var csv = CsvSource.Open(path))
        {
            var columns = csv.Header.Select((name, index) => (name, index)).Where(c => ContactColumns.Contains(Canonical(c.name))).Select(c => c.index).ToArray();
            if (columns.Length == 0)
            {
                if (csv.Header.Count != 1)
                {
                    throw new CampaignCsvException($"{path}: line 1: a suppression list with {csv.Header.Count} columns needs a header naming its phone or email column (phone, phoneNumber, email, ...); a file of one column needs none.");
                }

                Add(keys, csv.Header[0], region, path, 1);
                columns = [0];
            }

            foreach (var row in csv.ReadRows())
            {
                foreach (var column in columns)
                {
                    if (column < row.Fields.Length)
                    {
                        Add(keys, row.Fields[column], region, path, row.Line);
                    }
                }
            }
        }

        return new SuppressionList(Path.GetFileName(path), region, keys);
    }

    /// <summary>Makes a do-not-call list of phone numbers and emails held elsewhere (a database, a service).</summary>
    /// <param name="name">The list's name, for the journal's reason.</param>
    /// <param name="entries">Phone numbers (E.164, or national in <paramref name="region"/>) and emails; blank ones are passed over.</param>
    /// <param name="region">The region national phone numbers are read in (the campaign's <see cref="CampaignOptions.Region"/>); null for E.164 only.</param>
    /// <returns>The list.</returns>
    /// <exception cref="ArgumentException">An entry is not a phone number or email (the message gives its position).</exception>
    public static SuppressionList Create(string name, IEnumerable<string> entries, string? region = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A suppression list's name is required.", nameof(name));
        }

        if (entries is null)
        {
            throw new ArgumentNullException(nameof(entries));
        }

        var keys = new HashSet<ulong>();
        var position = 0;
        foreach (var entry in entries)
        {
            position++;
            if (string.IsNullOrWhiteSpace(entry))
            {
                continue;
            }

            if (!TryKey(entry, region, out var key, out var problem))
            {
                throw new ArgumentException($"{name}: entry {position}: {problem}", nameof(entries));
            }

            keys.Add(key);
        }

        return new SuppressionList(name, region, keys);
    }

    /// <summary>Whether the list holds this phone number or email (normalised as the entries were; false if it cannot be read).</summary>
    /// <param name="phoneNumberOrEmail">A phone number (E.164, or national in <see cref="Region"/>) or an email.</param>
    /// <returns>Whether it is on the list.</returns>
    public bool Contains(string phoneNumberOrEmail) =>
        phoneNumberOrEmail is not null && TryKey(phoneNumberOrEmail, Region, out var key, out _) && _keys.Contains(key);

    internal bool Contains(ulong key) => _keys.Contains(key);

    /// <summary>The key of a phone number in E.164 (the duplicate check's and the lists' hash).</summary>
    internal static ulong PhoneKey(string e164) => Key("p", e164);

    /// <summary>The key of an email: trimmed, case ignored.</summary>
    internal static ulong EmailKey(string email) => Key("e", email.Trim().ToLowerInvariant());

    // 64-bit hashes, not the values: a few bytes per entry whatever the list holds (a collision, about one in 10^8 at a
    // million entries, would suppress a row that is not listed, never let a listed one through).
    private static ulong Key(string kind, string value) => BitConverter.ToUInt64(Compat.Sha256(Encoding.UTF8.GetBytes(kind + value)), 0);

    private static void Add(HashSet<ulong> keys, string value, string? region, string path, int line)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!TryKey(value, region, out var key, out var problem))
        {
            throw new CampaignCsvException($"{path}: line {line}: {problem}");
        }

        keys.Add(key);
    }

    private static bool TryKey(string value, string? region, out ulong key, out string? problem)
    {
        key = 0;
        problem = null;
        var text = value.Trim();
        if (text.IndexOf('@') >= 0)
        {
            key = EmailKey(text);
            return true;
        }

        if (!CampaignPhoneNumbers.TryNormalise(text, region, out var e164, out var why))
        {
            problem = $"'{text}' is not an email, and as a phone number it {why}";
            return false;
        }

        key = PhoneKey(e164);
        return true;
    }

    private static string Canonical(string header)
    {
        var text = new StringBuilder(header.Length);
        foreach (var c in header.Trim())
        {
            if (c is not (' ' or '_' or '-'))
            {
                text.Append(char.ToLowerInvariant(c));
            }
        }

        return text.ToString();
    }
}
