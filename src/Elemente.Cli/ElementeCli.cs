using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Elemente.Campaigns;
using Newtonsoft.Json;

namespace Elemente.Cli;

/// <summary>
/// The <c>elemente</c> command line: <c>calls create|get|wait</c> and <c>campaign run|status</c>. Exit codes are in
/// <see cref="ExitCodes"/> (and docs/campaigns.md).
/// </summary>
internal static partial class ElementeCli
{
    private static readonly Option<Uri?> BaseUrl = new("--base-url")
    {
        Description = "The API address (default https://api.elemente.ai; plain http only to a loopback address).",
        Recursive = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                return uri;
            }

            result.AddError($"--base-url: '{text}' is not an absolute URL such as https://api.elemente.ai.");
            return null;
        },
    };

    private static readonly Option<bool> EmulatorOption = new("--emulator")
    {
        Description = "Run against the in-process emulator: no account, no network.",
        Recursive = true,
    };

    private static readonly Option<bool> PasswordStdin = new("--password-stdin")
    {
        Description = "Read the password from standard input's first line (the username still comes from ELEMENTE_USERNAME).",
        Recursive = true,
    };

    private static readonly Option<string> OutputFormat = new("--output")
    {
        Description = "text (default) or json, for scripts.",
        Recursive = true,
        DefaultValueFactory = _ => "text",
    };

    /// <summary>Parses the arguments and runs the command; returns its exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader? stdin = null)
    {
        OutputFormat.AcceptOnlyFromAmong("text", "json");
        var root = new RootCommand("elemente: create and follow Elemente.ai calls, and run CSV campaigns.")
        {
            BaseUrl, EmulatorOption, PasswordStdin, OutputFormat,
            CallsCommand(output, error, stdin),
            CampaignCommand(output, error, stdin),
            EmulatorCommand.Create(output, error),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync("error: " + problem.Message).ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }

        // Signals are the campaign's own business (stop new calls, let the ones in flight finish).
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }).ConfigureAwait(false);
    }

    private static ConnectionSettings Settings(ParseResult parse, TextReader? stdin) => new()
    {
        BaseUrl = parse.GetValue(BaseUrl),
        Emulator = parse.GetValue(EmulatorOption),
        PasswordFromStdin = parse.GetValue(PasswordStdin),
        Stdin = stdin ?? Console.In,
    };

    private static bool Json(ParseResult parse) => parse.GetValue(OutputFormat) == "json";

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

    private static Command CampaignCommand(TextWriter output, TextWriter error, TextReader? stdin)
    {
        var csv = new Argument<FileInfo>("contacts.csv") { Description = "The contacts, one per row, with a header line." };
        var agent = new Option<string>("--agent") { Description = "The agent's id.", Required = true };
        var skill = new Option<string>("--skill") { Description = "The skill's id.", Required = true };
        var channel = new Option<string>("--channel") { Description = "call, sms, whatsapp, email or webchat.", Required = true };
        var map = new Option<string?>("--map") { Description = "Which column fills which field: \"phoneNumber=Phone,firstName=First name,field:Order ID=Order\"." };
        var journal = new Option<FileInfo?>("--journal") { Description = "The journal (default: the CSV's path + .journal.jsonl). Rerun with the same one to go on." };
        var concurrency = new Option<int>("--concurrency") { Description = "The most calls created at once (default 4).", DefaultValueFactory = _ => 4 };
        var rate = new Option<string?>("--rate") { Description = "The most calls started per minute, as N/min (or N/s)." };
        var region = new Option<string?>("--region") { Description = "Read national phone numbers as this country's (ISO code, e.g. US) and send them in E.164." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate every row and show what would be sent; send nothing, write no journal." };
        var waitOption = new Option<bool>("--wait") { Description = "After creating, wait for every call of this run to end, and count their final statuses." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Send the valid rows even if some are invalid (those are reported and skipped)." };
        var allowDuplicates = new Option<bool>("--allow-duplicates") { Description = "Send a row whose phone number or email an earlier row has." };
        var resendUnknown = new Option<bool>("--resend-unknown") { Description = "Send again the rows whose outcome is unknown (they may have reached the customer); asks for confirmation." };
        var yes = new Option<bool>("--yes") { Description = "Confirm --resend-unknown without asking." };
        var run = new Command("run", "Create an interaction for each row of a CSV, with a journal that makes reruns safe.")
        {
            csv, agent, skill, channel, map, journal, concurrency, rate, region, dryRun, waitOption, skipInvalid, allowDuplicates, resendUnknown, yes,
        };
        run.SetAction((parse, cancellationToken) => Guard(error, async () =>
        {
            var channelText = parse.GetValue(channel)!;
            if (!CampaignChannels.TryParse(channelText, out var parsedChannel))
            {
                throw new UsageException($"--channel: '{channelText}' is not one of call, sms, whatsapp, email, webchat.");
            }

            var workers = parse.GetValue(concurrency);
            if (workers is < 1 or > 256)
            {
                throw new UsageException($"--concurrency: {workers} is not between 1 and 256.");
            }

            var regionText = parse.GetValue(region)?.Trim().ToUpperInvariant();
            if (regionText is not null && !PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(regionText))
            {
                throw new UsageException($"--region: '{regionText}' is not a region code libphonenumber knows (two letters, such as US or DE).");
            }

            var options = new CampaignOptions
            {
                CsvPath = parse.GetValue(csv)!.FullName,
                AgentId = parse.GetValue(agent)!,
                SkillId = parse.GetValue(skill)!,
                Channel = parsedChannel,
                Map = parse.GetValue(map),
                Region = regionText,
                JournalPath = parse.GetValue(journal)?.FullName,
                Concurrency = workers,
                RatePerMinute = ParseRate(parse.GetValue(rate)),
                DryRun = parse.GetValue(dryRun),
                Wait = parse.GetValue(waitOption),
                SkipInvalid = parse.GetValue(skipInvalid),
                AllowDuplicates = parse.GetValue(allowDuplicates),
                ResendUnknown = parse.GetValue(resendUnknown),
                ResendConfirmed = parse.GetValue(yes),
            };
            var settings = Connection.ReadPasswordOnce(Settings(parse, stdin));
            if (!options.DryRun)
            {
                // Check the credentials before reading 100,000 rows.
                Connection.Create(settings, 0).Dispose();
            }

            return await CampaignConsole.RunAsync(options, () => Connection.Create(settings, maxRetries: 0), Json(parse), output, error).ConfigureAwait(false);
        }));

        var file = new Argument<FileInfo>("journal") { Description = "The campaign's journal file." };
        var rows = new Option<bool>("--rows") { Description = "List every row, not only the summary and the unknown ones." };
        var status = new Command("status", "What a campaign's journal says: a summary, the rows to check, or every row.") { file, rows };
        status.SetAction((parse, cancellationToken) => Guard(error, async () =>
        {
            var journalFile = CampaignJournalFile.Read(parse.GetValue(file)!.FullName);
            return await CampaignConsole.StatusAsync(journalFile, parse.GetValue(file)!.FullName, parse.GetValue(rows), Json(parse), output).ConfigureAwait(false);
        }));

        return new Command("campaign", "Run a CSV campaign and read its journal.")
        {
            run, status, FollowCommand(output, error, stdin), ExportCommand(output, error), ReportCommand(output, error),
        };
    }

    internal static double? ParseRate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Trim().Split('/', 2);
        var unit = parts.Length == 2 ? parts[1].Trim().ToLowerInvariant() : "min";
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || count <= 0 || double.IsInfinity(count))
        {
            throw new UsageException($"--rate: '{text}' is not a positive rate such as 60/min or 2/s.");
        }

        return unit switch
        {
            "min" or "m" or "minute" => count,
            "s" or "sec" or "second" => count * 60,
            "h" or "hour" => count / 60,
            _ => throw new UsageException($"--rate: '{text}' has an unknown unit '{unit}'; use /min, /s or /h."),
        };
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

    /// <summary>Runs a command, turning known failures into one line on the error stream and an exit code.</summary>
    private static async Task<int> Guard(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is UsageException or CampaignCsvException or CampaignMapException or CampaignJournalException)
        {
            await error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (ElementeValidationException ex)
        {
            await error.WriteLineAsync("error: the request is invalid, nothing was sent:").ConfigureAwait(false);
            foreach (var problem in ex.Errors)
            {
                await error.WriteLineAsync("  " + problem).ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }
        catch (ElementeException ex)
        {
            await error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            if (ex.OutcomeUnknown)
            {
                await error.WriteLineAsync("warning: the request may have reached the API: check before sending it again.").ConfigureAwait(false);
            }

            return ExitCodes.ApiError;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return ExitCodes.Stopped;
        }
    }

    private sealed class Progress(Action<Interaction> report) : IProgress<Interaction>
    {
        public void Report(Interaction value) => report(value);
    }
}
