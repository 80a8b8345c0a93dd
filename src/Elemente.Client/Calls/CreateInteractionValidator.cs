using System.Globalization;
using System.Text.RegularExpressions;

namespace Elemente.Validation;

/// <summary>
/// The checks a create request must pass before it is sent: the ones <see cref="CallsClient.CreateAsync(CreateInteractionInput, System.Threading.CancellationToken)"/> runs when
/// <see cref="ElementeClientOptions.ValidateRequests"/> is on (it throws <see cref="ElementeValidationException"/> with the
/// same errors). Call it to check requests ahead, for example every row of a campaign before the first is sent. The
/// emulator (Elemente.Client.Testing) refuses what it refuses, so both follow one set of rules. Messages never quote the
/// values they check.
/// </summary>
public static class CreateInteractionValidator
{
    private const string E164Rule = "must be E.164 (+ then 7 to 15 digits)";

    // \z, not $: $ also matches before a trailing newline. Compiled: every create is checked.
    // Stryker disable once Bitwise : equivalent, the pattern folds no case; Compiled is speed
    private static readonly Regex Email = new(@"\A[^@\s]+@[^@\s]+\.[^@\s]+\z", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>The channels the enum defines (Enum.IsDefined boxes and reflects on every call).</summary>
    private static readonly HashSet<InteractionChannel> DefinedChannels = new((InteractionChannel[])Enum.GetValues(typeof(InteractionChannel)));

    /// <summary>Checks a create request without sending it.</summary>
    /// <param name="request">The request to check.</param>
    /// <returns>
    /// What is wrong with it, one problem a line, each starting with the field's path and a colon (for example
    /// <c>customerOverride.phoneNumber: must be E.164 (+ then 7 to 15 digits)</c>); empty when it is valid.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public static IReadOnlyList<string> Validate(CreateInteractionInput request)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var errors = new List<string>();
        Required(errors, "agentId", request.AgentId);
        Required(errors, "skillId", request.SkillId);
        // Channel is nullable so that a request which never chose one is not taken for a call (the enum's default).
        var channelDefined = request.Channel is { } chosen && DefinedChannels.Contains(chosen);
        if (request.Channel is null)
        {
            errors.Add("channel: is required");
        }
        else if (!channelDefined)
        {
            errors.Add($"channel: must be one of call, sms, whatsapp, email, webchat (got {((int)request.Channel.Value).ToString(CultureInfo.InvariantCulture)})");
        }

        var customer = request.CustomerOverride;
        if (customer is null)
        {
            errors.Add("customerOverride: is required");
        }

        Format(errors, "customerOverride.phoneNumber", customer?.PhoneNumber, IsE164, E164Rule);
        Format(errors, "customerPhone", request.CustomerPhone, IsE164, E164Rule);
        Format(errors, "customerOverride.email", customer?.Email, Email.IsMatch, "must be an email address");
        Format(errors, "customerEmail", request.CustomerEmail, Email.IsMatch, "must be an email address");

        var channel = channelDefined ? ChannelName(request.Channel!.Value) : null;
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

                // A number is always finite: CustomFieldValue's only way to hold a double, its double constructor, throws
                // for NaN and infinities.
                if (field.Value.Kind == CustomFieldValueKind.Undefined)
                {
                    errors.Add($"{Path()}.value: is required (a string, number or boolean)");
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

    private static void Format(List<string> errors, string path, string? value, Func<string, bool> isValid, string rule)
    {
        if (value is not null && !isValid(value))
        {
            errors.Add($"{path}: {rule}");
        }
    }

    /// <summary>
    /// E.164: '+', then 7 (Niue: +683 4002) to 15 digits, the first not 0 (no country code starts with 0), and nothing
    /// else: no spaces, no trailing newline, no non-ASCII digits.
    /// </summary>
    private static bool IsE164(string value)
    {
        if (value.Length < 8 || value.Length > 16 || value[0] != '+' || value[1] == '0')
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static void Finite(List<string> errors, string path, double? value)
    {
        if (value is { } v && (double.IsNaN(v) || double.IsInfinity(v)))
        {
            errors.Add($"{path}: must be a finite number");
        }
    }

    /// <summary>The channel's name on the wire, as the messages print it.</summary>
    internal static string ChannelName(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Call => "call",
        InteractionChannel.Sms => "sms",
        InteractionChannel.Whatsapp => "whatsapp",
        InteractionChannel.Email => "email",
        _ => "webchat",
    };
}
