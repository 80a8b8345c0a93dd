using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>
/// Where one page file came from, recorded beside it (<c>calls/get-call.yaml</c> → <c>calls/get-call.provenance.json</c>):
/// the docs page's URL (the canonical one, also when it was fetched from a mirror), the docs index that listed it,
/// the SHA-256 of the page's YAML block and when it was fetched. Anyone can check the committed page is what the docs
/// published. Written only when the page is new or changed, so an unchanged page keeps its record.
/// </summary>
/// <param name="Page">The page file's name.</param>
/// <param name="Url">The page's Markdown export on the docs site.</param>
/// <param name="Index">The docs index the page was listed in.</param>
/// <param name="Sha256">The SHA-256 of the page's YAML block (the page file's bytes), lowercase hex.</param>
/// <param name="FetchedAt">When the page was fetched.</param>
public sealed record Provenance(string Page, string Url, string Index, string Sha256, DateTimeOffset FetchedAt)
{
    /// <summary>The provenance file of the page file at <paramref name="pagePath"/>: same folder, <c>.provenance.json</c>.</summary>
    public static string PathFor(string pagePath) => Path.ChangeExtension(pagePath, ".provenance.json");

    /// <summary>The provenance of one pulled page.</summary>
    public static Provenance From(PulledPage page, PulledSpec spec) => new(
        page.File.Substring(page.File.LastIndexOf('/') + 1),
        page.Url.AbsoluteUri,
        spec.Index.AbsoluteUri,
        Sha256Hex(page.Yaml),
        spec.FetchedAt);

    /// <summary>The SHA-256 of <paramref name="text"/>'s UTF-8 bytes, lowercase hex.</summary>
    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)));

    /// <summary>Reads a provenance file's JSON text.</summary>
    /// <exception cref="SpecToolException">The text is not a provenance record.</exception>
    public static Provenance Parse(string json, string source)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            var root = JObject.Load(reader);
            return new Provenance(
                Required(root, "page", source),
                Required(root, "url", source),
                Required(root, "index", source),
                Required(root, "sha256", source),
                DateTimeOffset.Parse(Required(root, "fetchedAt", source), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new SpecToolException($"{source}: not a provenance record ({ex.Message})", ex);
        }
    }

    /// <summary>The record as indented JSON, LF line endings, final newline.</summary>
    public string ToJson() => YamlJson.ToJson(new JObject
    {
        ["page"] = Page,
        ["url"] = Url,
        ["index"] = Index,
        ["sha256"] = Sha256,
        ["fetchedAt"] = FetchedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    });

    private static string Required(JToken token, string name, string source) =>
        token[name]?.Type == JTokenType.String
            ? token.Value<string>(name)!
            : throw new SpecToolException($"{source}: '{name}' is missing or not a string");
}
