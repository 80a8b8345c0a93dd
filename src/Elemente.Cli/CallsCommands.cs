using System.CommandLine;
using System.Globalization;
using Elemente.Campaigns;
using Newtonsoft.Json;

namespace Elemente.Cli;

/// <summary><c>calls create</c>, <c>calls get</c> and <c>calls wait</c>: one interaction at a time.</summary>
internal static partial class ElementeCli
{
    private static Command CallsCommand(TextWriter output, TextWriter error, TextReader? stdin)
    {
        var agent = new Option<string?>("--agent") { Description = "The agent's id." };
        var skill = new Option<string?>("--skill") { Description = "The skill's id." };
        var channel = new Option<string?>("--channel") { Description = "call, sms, whatsapp, email or webchat." };
        var phone = new Option<string?>("--phone") { Description = "The customer's phone number: E.164, or national with --region." };
        var email = new Option<string?>("--email") { Description = "The customer's email." };
        var firstName = new Option<string?>("--first-name") { Description = "The customer's first name." };
        var lastName = new Option<string?>("--last-name") { Description = "The customer's last name." };
        var language = new Option<string?>("--language") { Description = "The customer's language." };
        var region = new Option<string?>("--region") { Description = "Read national phone numbers as this country's (ISO code, e.g. US)." };
        var field = new Option<string[]>("--field") { Description = "A custom field, \"NAME=VALUE\" (repeatable).", AllowMultipleArgumentsPerToken = false };
        var json = new Option<FileInfo?>("--json") { Description = "A JSON file holding the request (CreateInteractionInput); the other options override its fields." };
        var follow = new Option<bool>("--wait") { Description = "Then follow its status live until it ends (as calls wait does)." };
        var create = new Command("create", "Create an interaction (place a call, send a message).")
        {
            agent, skill, channel, phone, email, firstName, lastName, language, region, field, json, follow,
        };
        create.SetAction((parse, cancellationToken) => Guard(error, async () =>
        {
            CreateInteractionInput request;
            if (parse.GetValue(json) is { } file)
            {
                try
                {
                    request = JsonConvert.DeserializeObject<CreateInteractionInput>(await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false))
                        ?? throw new UsageException($"--json {file.Name}: the file holds null, not a request.");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"--json {file.Name}: cannot be read ({ex.Message}).");
                }
                catch (JsonException ex)
                {
                    throw new UsageException($"--json {file.Name}: not a request ({ex.Message}).");
                }
            }
            else
            {
                request = new CreateInteractionInput();
            }

            request.CustomerOverride ??= new CustomerOverrideInput();
            request.AgentId = parse.GetValue(agent) ?? request.AgentId;
            request.SkillId = parse.GetValue(skill) ?? request.SkillId;
            if (parse.GetValue(channel) is { } channelText)
            {
                request.Channel = CampaignChannels.TryParse(channelText, out var parsed) ? parsed : throw new UsageException($"--channel: '{channelText}' is not one of call, sms, whatsapp, email, webchat.");
            }

            var customer = request.CustomerOverride;
            if (parse.GetValue(phone) is { } phoneText)
            {
                customer.PhoneNumber = CampaignPhoneNumbers.TryNormalise(phoneText, parse.GetValue(region), out var e164, out var problem)
                    ? e164
                    : throw new UsageException($"--phone: the phone number {problem}.");
            }

            customer.Email = parse.GetValue(email) ?? customer.Email;
            customer.FirstName = parse.GetValue(firstName) ?? customer.FirstName;
            customer.LastName = parse.GetValue(lastName) ?? customer.LastName;
            customer.Language = parse.GetValue(language) ?? customer.Language;
            foreach (var entry in parse.GetValue(field) ?? [])
            {
                var equals = entry.IndexOf('=');
                if (equals <= 0)
                {
                    throw new UsageException($"--field: '{entry}' is not NAME=VALUE (for example --field \"Order ID=12345\").");
                }

                customer.CustomFields ??= new List<CustomField>();
                customer.CustomFields.Add(new CustomField(entry[..equals].Trim(), entry[(equals + 1)..]));
            }

            using var client = Connection.Create(Settings(parse, stdin));
            var call = await client.Calls.CreateAsync(request, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(follow))
            {
                if (!Json(parse))
                {
                    await output.WriteLineAsync($"Created interaction {call.Id}").ConfigureAwait(false);
                }

                return await WaitAsync(client, call.Id, null, Json(parse), output, cancellationToken).ConfigureAwait(false);
            }

            await WriteCallAsync(output, call, Json(parse), "Created").ConfigureAwait(false);
            return ExitCodes.Success;
        }));

        var id = new Argument<string>("id") { Description = "The interaction's id." };
        var get = new Command("get", "Show an interaction.") { id };
        get.SetAction((parse, cancellationToken) => Guard(error, async () =>
        {
            using var client = Connection.Create(Settings(parse, stdin));
            var call = await client.Calls.GetAsync(parse.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            await WriteCallAsync(output, call, Json(parse), null).ConfigureAwait(false);
            return ExitCodes.Success;
        }));

        var waitId = new Argument<string>("id") { Description = "The interaction's id." };
        var timeout = new Option<TimeSpan?>("--timeout") { Description = "Give up after this long (hh:mm:ss; default 30 minutes)." };
        var wait = new Command("wait", "Follow an interaction's status live until it ends.") { waitId, timeout };
        wait.SetAction((parse, cancellationToken) => Guard(error, async () =>
        {
            using var client = Connection.Create(Settings(parse, stdin));
            return await WaitAsync(client, parse.GetValue(waitId)!, parse.GetValue(timeout), Json(parse), output, cancellationToken).ConfigureAwait(false);
        }));

        return new Command("calls", "Create and follow single interactions.") { create, get, wait };
    }

    /// <summary>Follows a call live (each status change on its own line) through WaitForCompletionAsync, then shows it.</summary>
    private static async Task<int> WaitAsync(ElementeClient client, string id, TimeSpan? timeout, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var options = new WaitOptions
        {
            Progress = new Progress(call =>
            {
                if (!json)
                {
                    output.WriteLine($"{DateTimeOffset.Now:HH:mm:ss}  {call.Status?.ToString() ?? "(no status)"}");
                    output.Flush();
                }
            }),
        };
        if (timeout is { } limit)
        {
            options.Timeout = limit;
        }

        var final = await client.Calls.WaitForCompletionAsync(id, options, cancellationToken).ConfigureAwait(false);
        await WriteCallAsync(output, final, json, "Ended").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task WriteCallAsync(TextWriter output, Interaction call, bool json, string? verb)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonConvert.SerializeObject(call, Formatting.Indented)).ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync((verb is null ? string.Empty : verb + " ") + $"interaction {call.Id}").ConfigureAwait(false);
        await output.WriteLineAsync($"  status:   {call.Status?.ToString() ?? "(none)"}").ConfigureAwait(false);
        if (call.CustomerPhone is not null || call.CustomerEmail is not null)
        {
            var who = string.Join(' ', new[] { call.CustomerName, call.CustomerPhone ?? call.CustomerEmail }.Where(s => !string.IsNullOrEmpty(s)));
            await output.WriteLineAsync($"  customer: {who}").ConfigureAwait(false);
        }

        if (call.Duration is { } duration)
        {
            await output.WriteLineAsync($"  duration: {duration.ToString(CultureInfo.InvariantCulture)} s").ConfigureAwait(false);
        }

        if (!string.IsNullOrEmpty(call.Transcription))
        {
            await output.WriteLineAsync($"  transcription: {call.Transcription}").ConfigureAwait(false);
        }
    }

    private sealed class Progress(Action<Interaction> report) : IProgress<Interaction>
    {
        public void Report(Interaction value) => report(value);
    }
}
