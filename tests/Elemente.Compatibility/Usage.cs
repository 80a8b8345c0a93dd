using System.Threading.Channels;

namespace Elemente.Compatibility;

/// <summary>Every public member of the client a user touches, used as a user would.</summary>
internal static class Usage
{
    public static async Task RunAsync(CallsClient calls, ChannelWriter<string> log)
    {
        // The client and its options (not called: the test double answers).
        var options = new ElementeClientOptions
        {
            ApplicationId = "app",
            BaseUri = ElementeClientOptions.DefaultBaseUri,
            LogPersonalData = false,
            MaxRetries = 2,
            MaxRetryDelay = TimeSpan.FromSeconds(30),
            Password = "p",
            RetryDelay = TimeSpan.FromMilliseconds(500),
            Timeout = TimeSpan.FromSeconds(100),
            Username = "u",
            ValidateRequests = true,
        };
        IReadOnlyList<string> problems = options.Validate();
        log.TryWrite($"options {problems.Count} {options}");
        using (var client = new ElementeClient(options))
        using (var withHttp = new ElementeClient(new HttpClient(), options, loggerFactory: null))
        {
            CallsClient resource = client.Calls;
            log.TryWrite($"resource {resource.GetType().Name} {withHttp.Calls.GetType().Name}");
        }

        // Create, each overload.
        var input = Input();
        Interaction created = await calls.CreateAsync(input);
        created = await calls.CreateAsync(input, CancellationToken.None);
        ElementeResponse<Interaction> createdResponse = await calls.CreateWithResponseAsync(input);
        createdResponse = await calls.CreateWithResponseAsync(input, CancellationToken.None);
        log.TryWrite($"created {created.Id} {createdResponse.StatusCode} {createdResponse.RequestId} {createdResponse.Headers.Count} {createdResponse.Value.Id}");

        // Get, each overload.
        Interaction got = await calls.GetAsync(created.Id);
        got = await calls.GetAsync(created.Id, CancellationToken.None);
        ElementeResponse<Interaction> gotResponse = await calls.GetWithResponseAsync(created.Id);
        gotResponse = await calls.GetWithResponseAsync(created.Id, CancellationToken.None);
        log.TryWrite(Describe(got) + " " + gotResponse.Value.Id);

        // Wait and watch.
        var wait = new WaitOptions
        {
            MaxPollInterval = TimeSpan.FromSeconds(15),
            PollInterval = TimeSpan.FromSeconds(1),
            Progress = new Progress<Interaction>(call => log.TryWrite($"progress {call.Status}")),
            TimeProvider = TimeProvider.System,
            Timeout = TimeSpan.FromMinutes(30),
        };
        Interaction done = await calls.WaitForCompletionAsync(created.Id);
        done = await calls.WaitForCompletionAsync(created.Id, wait);
        done = await calls.WaitForCompletionAsync(created.Id, wait, CancellationToken.None);
        log.TryWrite($"done {done.Status?.IsFinal}");
        await foreach (Interaction step in calls.WatchAsync(created.Id))
        {
            log.TryWrite($"watch {step.Status}");
        }

        await foreach (var step in calls.WatchAsync(created.Id, wait, CancellationToken.None))
        {
            log.TryWrite($"watch {step.Status}");
        }

        // The exception family.
        foreach (var failure in Failures())
        {
            try
            {
                throw failure;
            }
            catch (ElementeValidationException ex)
            {
                log.TryWrite($"validation {ex.Errors.Count} {ex.ParamName} {ex.OutcomeUnknown} {ex.RequestId}");
            }
            catch (ElementeApiException ex)
            {
                log.TryWrite($"api {ex.StatusCode} {ex.ResponseBody} {ex.Errors.Count} {ex.Headers.Count} {ex.RequestId}");
            }
            catch (ElementeTimeoutException ex)
            {
                log.TryWrite($"timeout {ex.Timeout} {ex.LastStatus} {ex.OutcomeUnknown}");
            }
            catch (ElementeConnectionException ex)
            {
                log.TryWrite($"connection {ex.OutcomeUnknown}");
            }
            catch (ElementeException ex)
            {
                log.TryWrite($"other {ex.Message}");
            }
        }
    }

    public static CreateInteractionInput Input() => new()
    {
        AgentId = "agent",
        SkillId = "skill",
        Channel = InteractionChannel.Call,
        CustomerEmail = "c@example.com",
        CustomerName = "Ada",
        CustomerPhone = "+14155550100",
        AdditionalProperties = new Dictionary<string, object>(),
        CustomerOverride = new CustomerOverrideInput
        {
            Email = "c@example.com",
            FirstName = "Ada",
            LastName = "Lovelace",
            Language = "en-US",
            PhoneNumber = "+14155550100",
            AdditionalProperties = new Dictionary<string, object>(),
            CustomFields = new List<CustomField>
            {
                new("Order ID", "12345"),
                new("Amount", 150.75),
                new("Count", 3L),
                new("Price", 9.99m),
                new("Paid", true),
                new("Due", new DateOnly(2025, 3, 12)),
                new("At", new DateTime(2025, 3, 12)),
                new("Value", new CustomFieldValue("x")),
                new() { Name = "Empty", Value = "v", AdditionalProperties = new Dictionary<string, object>() },
            },
        },
        AgentOverride = new AgentOverrideInput
        {
            Actions = new List<string> { "a" },
            Email = "agent@example.com",
            ImageURL = "https://example.com/a.png",
            Knowledgebases = new List<string> { "kb" },
            Language = "en-US",
            Name = "Ava",
            Phone = "+14155550101",
            VoiceSpeed = 1.0,
            VoiceStability = 0.5,
            AdditionalProperties = new Dictionary<string, object>(),
            Prompt = new PromptOverride
            {
                InitialMessage = "Hello",
                Prompt = "Be brief",
                RoutingConditions = new Dictionary<string, object> { ["priority"] = "high" },
                AdditionalProperties = new Dictionary<string, object>(),
            },
        },
    };

    public static string Describe(Interaction call)
    {
        InteractionStatus status = call.Status ?? InteractionStatus.Queued;
        var value = new CustomFieldValue(1L);
        CustomFieldValue implicitValue = "text";
        var messages = call.Messages ?? new List<InteractionMessage>();
        var parts = new List<string?>
        {
            call.Id, call.AgentEmail, call.AgentId, call.AgentPhone, call.CustomerEmail, call.CustomerId, call.CustomerName,
            call.CustomerPhone, call.Duration?.ToString(), call.DurationTimeSpan?.ToString(), call.RecordingUrl, call.SkillId,
            call.Transcription, call.AdditionalProperties.Count.ToString(), status.ToString(), status.IsKnown.ToString(),
            status.IsFinal.ToString(), InteractionStatus.KnownValues.Count.ToString(), (status == InteractionStatus.Completed).ToString(),
            new InteractionStatus("custom").ToString(), value.Kind.ToString(), value.AsInt64()?.ToString(), implicitValue.AsString(),
            value.AsBoolean()?.ToString(), value.AsDate()?.ToString(), value.AsDecimal()?.ToString(), value.AsDouble()?.ToString(),
            value.Value?.ToString(), CustomFieldValue.DateFormat, (value == implicitValue).ToString(), CustomFieldValueKind.Number.ToString(),
        };
        foreach (var message in messages)
        {
            parts.AddRange([message.Content, message.MediaUrl, message.Sender, message.Sid, message.Status, message.Timestamp?.ToString(), message.AdditionalProperties.Count.ToString()]);
        }

        return string.Join("|", parts);
    }

    private static IEnumerable<ElementeException> Failures()
    {
        yield return new ElementeValidationException(new[] { "channel: is required" }, "body");
        yield return new ElementeApiException("Bad request", 400, "{}", new Dictionary<string, IEnumerable<string>>(), null);
        yield return new ElementeTimeoutException(TimeSpan.FromSeconds(1), outcomeUnknown: true, innerException: null);
        yield return new ElementeConnectionException(outcomeUnknown: false, new HttpRequestException("refused"));
    }
}
