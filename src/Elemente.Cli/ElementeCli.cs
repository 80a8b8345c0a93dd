using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Elemente.Campaigns;

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
        var waitOption = new Option<bool>("--wait") { Description = "After creating, wait for every call of this run to end, and count their final statuses (not journalled; --follow journals them)." };
        var redial = new RedialOptions();
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Send the valid rows even if some are invalid (those are reported and skipped)." };
        var allowDuplicates = new Option<bool>("--allow-duplicates") { Description = "Send a row whose phone number or email an earlier row has." };
        var resendUnknown = new Option<bool>("--resend-unknown") { Description = "Send again the rows whose outcome is unknown (they may have reached the customer); asks for confirmation." };
        var yes = new Option<bool>("--yes") { Description = "Confirm --resend-unknown without asking." };
        var suppress = new Option<FileInfo[]>("--suppress") { Description = "A do-not-call list (repeatable): a CSV with a phone or email column named in its header, or a file of one number or email per line. Its rows are skipped.", AllowMultipleArgumentsPerToken = false };
        var run = new Command("run", "Create an interaction for each row of a CSV, with a journal that makes reruns safe.")
        {
            csv, agent, skill, channel, map, journal, concurrency, rate, region, dryRun, waitOption, skipInvalid, allowDuplicates, resendUnknown, yes,
            suppress,
        };
        foreach (var option in redial.All)
        {
            run.Options.Add(option);
        }

        var schedule = new CampaignScheduleOptions();
        foreach (var option in schedule.All)
        {
            run.Options.Add(option);
        }
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
            redial.Apply(parse, options);
            foreach (var list in parse.GetValue(suppress) ?? [])
            {
                // Read before anything is sent: a list that cannot be read stops the command (exit 2), naming its file and line.
                options.SuppressionLists.Add(SuppressionList.Load(list.FullName, regionText));
            }

            schedule.Apply(parse, options);
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
}
