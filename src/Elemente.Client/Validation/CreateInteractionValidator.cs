using System.Globalization;
using System.Text.RegularExpressions;

namespace Elemente.Validation;

/// <summary>The checks a create request must pass before it is sent. Messages never quote the values they check.</summary>
internal static class CreateInteractionValidator
{
    private const string E164Rule = "must be E.164 (+ then 8 to 15 digits)";

    // Compiled: every create is checked, so matching cost matters more than the one-time compile.
    private static readonly Regex E164 = new(@"^\+[1-9][0-9]{7,14}$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex Email = new(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>The channels the enum defines (Enum.IsDefined boxes and reflects on every call).</summary>
    private static readonly HashSet<InteractionChannel> DefinedChannels = new((InteractionChannel[])Enum.GetValues(typeof(InteractionChannel)));

    public static IReadOnlyList<string> Validate(CreateInteractionInput request)
    {
        var errors = new List<string>();
        Required(errors, "agentId", request.AgentId);
        Required(errors, "skillId", request.SkillId);
        var channelDefined = DefinedChannels.Contains(request.Channel);
        if (!channelDefined)
        {
            errors.Add($"channel: must be one of call, sms, whatsapp, email, webchat (got {((int)request.Channel).ToString(CultureInfo.InvariantCulture)})");
        }

        var customer = request.CustomerOverride;
        if (customer is null)
        {
            errors.Add("customerOverride: is required");
        }

        Format(errors, "customerOverride.phoneNumber", customer?.PhoneNumber, E164, E164Rule);
        Format(errors, "customerPhone", request.CustomerPhone, E164, E164Rule);
        Format(errors, "customerOverride.email", customer?.Email, Email, "must be an email address");
        Format(errors, "customerEmail", request.CustomerEmail, Email, "must be an email address");

        var channel = channelDefined ? ChannelName(request.Channel) : null;
        if (request.Channel is InteractionChannel.Call or InteractionChannel.Sms or InteractionChannel.Whatsapp &&
            string.IsNullOrWhiteSpace(customer?.PhoneNumber) && string.IsNullOrWhiteSpace(request.CustomerPhone))
        {
            errors.Add($"customerOverride.phoneNumber: is required for channel {channel} (or set customerPhone)");
        }

        if (request.Channel == InteractionChannel.Email &&
            string.IsNullOrWhiteSpace(customer?.Email) && string.IsNullOrWhiteSpace(request.CustomerEmail))
        {
            errors.Add($"customerOverride.email: is required for channel {channel} (or set customerEmail)");
        }

        if (customer?.CustomFields is { } fields)
        {
            CustomFields(errors, fields!);
        }

        if (request.AgentOverride is { } agent)
        {
            Finite(errors, "agentOverride.voiceStability", agent.VoiceStability);
            Finite(errors, "agentOverride.voiceSpeed", agent.VoiceSpeed);
            if (agent.Prompt?.RoutingConditions is { } conditions)
            {
                foreach (var condition in conditions)
                {
                    if (condition.Value is double d && (double.IsNaN(d) || double.IsInfinity(d)) ||
                        condition.Value is float f && (float.IsNaN(f) || float.IsInfinity(f)))
                    {
                        errors.Add($"agentOverride.prompt.routingConditions.{condition.Key}: must be a finite number");
                    }
                }
            }
        }

        return errors;
    }

    private static void CustomFields(List<string> errors, IEnumerable<CustomField?> fields)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var field in fields)
        {
            // Only an invalid field needs its path.
            string Path() => $"customerOverride.customFields[{index.ToString(CultureInfo.InvariantCulture)}]";
            if (field is null)
            {
                errors.Add($"{Path()}: is null");
            }
            else
            {
                if (string.IsNullOrWhiteSpace(field.Name))
                {
                    errors.Add($"{Path()}.name: must not be empty");
                }
                else if (seen.TryGetValue(field.Name, out var first))
                {
                    errors.Add($"{Path()}.name: duplicates customFields[{first.ToString(CultureInfo.InvariantCulture)}] (names must be unique)");
                }
                else
                {
                    seen[field.Name] = index;
                }

                if (field.Value.Kind == CustomFieldValueKind.Undefined)
                {
                    errors.Add($"{Path()}.value: is required (a string, number or boolean)");
                }
                else if (field.Value.Value is double d && (double.IsNaN(d) || double.IsInfinity(d)))
                {
                    errors.Add($"{Path()}.value: must be a finite number");
                }
            }

            index++;
        }
    }

    private static void Required(List<string> errors, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{path}: is required");
        }
    }

    private static void Format(List<string> errors, string path, string? value, Regex format, string rule)
    {
        if (value is not null && !format.IsMatch(value))
        {
            errors.Add($"{path}: {rule}");
        }
    }

    private static void Finite(List<string> errors, string path, double? value)
    {
        if (value is { } v && (double.IsNaN(v) || double.IsInfinity(v)))
        {
            errors.Add($"{path}: must be a finite number");
        }
    }

    private static string ChannelName(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Call => "call",
        InteractionChannel.Sms => "sms",
        InteractionChannel.Whatsapp => "whatsapp",
        InteractionChannel.Email => "email",
        _ => "webchat",
    };
}
