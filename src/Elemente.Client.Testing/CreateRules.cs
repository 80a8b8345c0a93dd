using System.Globalization;
using System.Text.RegularExpressions;
using Elemente.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Elemente.Testing;

/// <summary>
/// The rules a create must pass beyond the spec's schema (an empty or blank id, a number that is not E.164, an email
/// that is not an address, a call with no number to dial): the client's own <see cref="CreateInteractionValidator"/>,
/// applied to what was sent, so that the emulator refuses what the client refuses. Its messages read as NestJS's do.
/// </summary>
internal static class CreateRules
{
    /// <summary>The problems with a create body that passed the schema, as NestJS-style messages; empty when none.</summary>
    public static string[] Check(JObject body)
    {
        CreateInteractionInput input;
        try
        {
            input = body.ToObject<CreateInteractionInput>(EmulatorJson.Reader)!;
        }
        catch (JsonException)
        {
            return new[] { "body must be a create request" };
        }

        return CreateInteractionValidator.Validate(input).Select(NestMessage).ToArray();
    }

    /// <summary><c>customerOverride.customFields[0].name: must not be empty</c> as <c>customerOverride.customFields.0.name must not be empty</c>.</summary>
    private static string NestMessage(string problem)
    {
        var colon = problem.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0)
        {
            return problem;
        }

        var path = Regex.Replace(problem[..colon], @"\[(\d+)\]", ".$1", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var rule = problem[(colon + 2)..];
        return rule == "is required" ? string.Create(CultureInfo.InvariantCulture, $"{path} should not be empty") : $"{path} {rule}";
    }
}

/// <summary>How the emulator reads JSON into the client's models: no type names, no date guessing.</summary>
internal static class EmulatorJson
{
    public static readonly JsonSerializer Reader = JsonSerializer.Create(new JsonSerializerSettings
    {
        DateParseHandling = DateParseHandling.None,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
        TypeNameHandling = TypeNameHandling.None,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        Culture = CultureInfo.InvariantCulture,
    });
}
