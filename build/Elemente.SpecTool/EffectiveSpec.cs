using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>The spec NSwag generates from: the upstream document with the overlay applied.</summary>
public static class EffectiveSpec
{
    /// <summary>Applies <paramref name="overlayYaml"/> to <paramref name="specYaml"/> and returns the result as JSON text.</summary>
    /// <exception cref="SpecToolException">Either document is invalid, or an action matches nothing.</exception>
    public static string Build(string specYaml, string specSource, string overlayYaml, string overlaySource)
    {
        var document = YamlJson.Parse(specYaml, specSource);
        if (document is not JObject || document["openapi"] is null)
        {
            throw new SpecToolException($"{specSource}: not an OpenAPI document (no 'openapi' field)");
        }

        Overlay.Parse(overlayYaml, overlaySource).Apply(document);
        return YamlJson.ToJson(document);
    }
}
