using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>
/// Where a pulled spec came from, recorded beside it (<c>elemente.yaml</c> → <c>elemente.provenance.json</c>):
/// the docs index, every page's URL with the SHA-256 of its YAML block, when it was fetched, and the SHA-256 of
/// the spec file, so anyone can check the committed spec is what the docs published.
/// </summary>
/// <param name="Spec">The spec's file name.</param>
/// <param name="Sha256">The SHA-256 of the spec file's bytes (UTF-8), lowercase hex.</param>
/// <param name="FetchedAt">When the pages were fetched.</param>
/// <param name="Index">The docs index the pages were discovered from.</param>
/// <param name="Sources">The pages: URL and SHA-256 of each page's YAML block.</param>
public sealed record Provenance(string Spec, string Sha256, DateTimeOffset FetchedAt, string Index, IReadOnlyList<ProvenanceSource> Sources)
{
    /// <summary>The provenance file of the spec at <paramref name="specPath"/>: same folder, <c>.provenance.json</c>.</summary>
    public static string PathFor(string specPath) => Path.ChangeExtension(specPath, ".provenance.json");

    /// <summary>The provenance of a pulled spec.</summary>
    public static Provenance From(PulledSpec spec, string specFileName) => new(
        specFileName,
        Sha256Hex(spec.Yaml),
        spec.FetchedAt,
        spec.Index.AbsoluteUri,
        spec.Pages.Select(page => new ProvenanceSource(page.Source, Sha256Hex(page.Yaml))).ToList());

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
                Required(root, "spec", source),
                Required(root, "sha256", source),
                DateTimeOffset.Parse(Required(root, "fetchedAt", source), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                Required(root, "index", source),
                (root["sources"] as JArray ?? throw new SpecToolException($"{source}: 'sources' must be a list"))
                    .Select(item => new ProvenanceSource(Required(item, "url", source), Required(item, "sha256", source)))
                    .ToList());
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new SpecToolException($"{source}: not a provenance record ({ex.Message})", ex);
        }
    }

    /// <summary>The record as indented JSON, LF line endings, final newline.</summary>
    public string ToJson() => YamlJson.ToJson(new JObject
    {
        ["spec"] = Spec,
        ["sha256"] = Sha256,
        ["fetchedAt"] = FetchedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["index"] = Index,
        ["sources"] = new JArray(Sources.Select(source => new JObject { ["url"] = source.Url, ["sha256"] = source.Sha256 })),
    });

    private static string Required(JToken token, string name, string source) =>
        token[name]?.Type == JTokenType.String
            ? token.Value<string>(name)!
            : throw new SpecToolException($"{source}: '{name}' is missing or not a string");
}

/// <summary>One page a spec was pulled from.</summary>
/// <param name="Url">The page's Markdown export.</param>
/// <param name="Sha256">The SHA-256 of the page's YAML block, lowercase hex.</param>
public sealed record ProvenanceSource(string Url, string Sha256);
