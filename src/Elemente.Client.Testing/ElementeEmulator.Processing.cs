using Newtonsoft.Json.Linq;

namespace Elemente.Testing;

/// <summary>
/// The emulator's request processor: records each request, applies the next injected fault, routes by the spec's paths,
/// checks credentials and bodies, and creates or finds the interaction. Its answers are formatted by
/// <see cref="NestJsAnswers"/>; requests to the control surface go to <see cref="EmulatorControl"/>.
/// </summary>
public sealed partial class ElementeEmulator
{
    /// <summary>
    /// The core: decides what one request gets, after the wait of a latency fault. Both ways in (in memory, Kestrel) call it.
    /// </summary>
    /// <exception cref="HttpRequestException">The emulator was stopped while the request waited (<see cref="StoppedMessage"/>).</exception>
    /// <exception cref="OperationCanceledException">The client gave up while the request waited.</exception>
    internal async Task<EmulatorAnswer> HandleAsync(EmulatorRequest request, CancellationToken cancellationToken)
    {
        ThrowIfStopped();
        var path = request.PathAndQuery.Split('?', 2)[0];
        if (EmulatorControl.Owns(path))
        {
            // The test's own requests: not recorded, no credentials, no faults.
            return EmulatorControl.Handle(this, request, path);
        }

        var now = _options.TimeProvider.GetUtcNow();
        var authenticated = string.Equals(request.Authorization, _expectedAuthorization, StringComparison.Ordinal);
        var headers = request.Headers.ToDictionary(
            header => header.Key,
            header => string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase) ? "(redacted)" : header.Value,
            StringComparer.OrdinalIgnoreCase);
        var operation = _spec.Find(request.Method, path, out _, out var parameters);

        RecordedRequest record;
        EmulatedFault? fault = null;
        lock (_gate)
        {
            record = new RecordedRequest(++_sequence, now, request.Method, request.PathAndQuery, headers, Utf8.GetString(request.Body), authenticated)
            {
                Operation = operation?.Id,
            };
            _requests.Add(record);
            if (operation is not null)
            {
                var index = _faults.FindIndex(f => f.Operation is null || string.Equals(f.Operation, operation.Id, StringComparison.Ordinal));
                if (index >= 0)
                {
                    fault = _faults[index];
                    _faults.RemoveAt(index);
                }
            }
        }

        record.Fault = fault;
        if (fault is { Kind: EmulatedFaultKind.Latency })
        {
            // Measured from the request's arrival, so that a clock moved meanwhile counts.
            var until = now + fault.NextDelay(_random ?? Random.Shared);
            var remaining = until - _options.TimeProvider.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                await HoldAsync(remaining, cancellationToken).ConfigureAwait(false);
            }

            now = _options.TimeProvider.GetUtcNow();
        }

        var answer = Answer(request, operation, parameters, path, authenticated, fault, now);
        record.StatusCode = answer.Action == EmulatorAction.Respond ? answer.StatusCode : null;
        return answer;
    }

    /// <summary>What a client of a stopped emulator is told: the emulator was stopped (disposed), not a timeout.</summary>
    internal const string StoppedMessage = "The Elemente emulator was stopped (disposed) while it held this request, or before it arrived: no answer will come.";

    /// <summary>Waits on the emulator's clock (forever when <paramref name="delay"/> is null) until the client gives up or the emulator stops.</summary>
    /// <exception cref="HttpRequestException">The emulator was stopped (<see cref="StoppedMessage"/>).</exception>
    /// <exception cref="OperationCanceledException">The client gave up.</exception>
    internal async Task HoldAsync(TimeSpan? delay, CancellationToken cancellationToken)
    {
        var stopping = _stopping.Token;
        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            await Task.Delay(delay ?? System.Threading.Timeout.InfiniteTimeSpan, _options.TimeProvider, held.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException(StoppedMessage);
        }
    }

    /// <exception cref="HttpRequestException">The emulator was stopped (<see cref="StoppedMessage"/>).</exception>
    private void ThrowIfStopped()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new HttpRequestException(StoppedMessage);
        }
    }

    private EmulatorAnswer Answer(EmulatorRequest request, SpecOperation? operation, IReadOnlyDictionary<string, string> parameters, string path, bool authenticated, EmulatedFault? fault, DateTimeOffset now)
    {
        if (operation is null)
        {
            return NestJsAnswers.Error(404, $"Cannot {request.Method} {path}", "Not Found");
        }

        switch (fault?.Kind)
        {
            case EmulatedFaultKind.RateLimited:
                return NestJsAnswers.Error(429, "ThrottlerException: Too Many Requests", "Too Many Requests", fault.RetryAfter);
            case EmulatedFaultKind.ServiceUnavailable:
                return NestJsAnswers.Error(503, "Service Unavailable", "Service Unavailable", fault.RetryAfter);
            case EmulatedFaultKind.Timeout:
                return EmulatorAnswer.Stall;
            case EmulatedFaultKind.ResetBeforeProcessing:
                return EmulatorAnswer.ResetBefore;
            case EmulatedFaultKind.Status:
                return NestJsAnswers.Scripted(fault);
        }

        var answer = Process(request, operation, parameters, authenticated, now);
        return fault?.Kind switch
        {
            EmulatedFaultKind.DropConnectionAfterProcessing => EmulatorAnswer.Drop,
            EmulatedFaultKind.UnreadableBody => NestJsAnswers.Unreadable(fault, operation),
            EmulatedFaultKind.SlowBody => answer with { ChunkDelay = fault.Delay, ChunkBytes = fault.ChunkBytes ?? 16 },
            _ => answer,
        };
    }

    private EmulatorAnswer Process(EmulatorRequest request, SpecOperation operation, IReadOnlyDictionary<string, string> parameters, bool authenticated, DateTimeOffset now)
    {
        // NestJS runs guards (credentials) before pipes (body validation).
        if (!authenticated)
        {
            return NestJsAnswers.Json(401, new JObject { ["message"] = "Unauthorized", ["statusCode"] = 401 });
        }

        if (operation.Id is not (EmulatorOperations.CreateCall or EmulatorOperations.GetCall))
        {
            return NestJsAnswers.Error(501, $"The Elemente emulator does not emulate {operation.Id} ({operation.Method} {operation.PathTemplate}).", "Not Implemented");
        }

        JToken? body = null;
        if (operation.RequestSchema is { } schema)
        {
            // Express's JSON parser reads only a JSON content type; NestJS then validates an empty object.
            var sent = NestJsAnswers.IsJson(request.Headers) ? request.Body : Array.Empty<byte>();
            if (!NestJsAnswers.TryParse(sent, out body, out var problem))
            {
                return NestJsAnswers.Error(400, problem, "Bad Request");
            }

            var messages = SpecOperation.Validate(schema, body!).Select(NestJsAnswers.NestMessage)
                .Concat(NestJsAnswers.RequiredButNull(schema, body!))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (messages.Length == 0 && operation.Id == EmulatorOperations.CreateCall && body is JObject create)
            {
                // The schema passed: now the rules the client's validator holds the request to, from the same code.
                messages = CreateRules.Check(create);
            }

            if (messages.Length > 0)
            {
                return NestJsAnswers.Error(400, messages, "Bad Request");
            }
        }

        if (operation.Id == EmulatorOperations.CreateCall)
        {
            return Create((JObject)body!, now);
        }

        var interaction = FindInteraction(parameters.TryGetValue("id", out var id) ? id : string.Empty);
        return interaction is null
            ? NestJsAnswers.Error(404, "Call not found", "Not Found")
            : NestJsAnswers.Json(200, interaction.ToJson(now));
    }

    private EmulatorAnswer Create(JObject body, DateTimeOffset now)
    {
        EmulatedInteraction interaction;
        lock (_gate)
        {
            var number = (string?)body.SelectToken("customerOverride.phoneNumber") ?? (string?)body["customerPhone"];
            var conversation = _nextConversations.Count > 0 ? _nextConversations.Dequeue()
                : number is not null && _conversationsByNumber.TryGetValue(number, out var scripted) ? scripted
                : new EmulatedConversation { Outcome = _options.DefaultOutcome };
            interaction = new EmulatedInteraction(NewId(), now, body, conversation, _options);
            _interactions.Add(interaction);
            _byId.Add(interaction.Id, interaction);
        }

        // NestJS answers a POST with 201 Created.
        return NestJsAnswers.Json(201, interaction.ToJson(now));
    }

    /// <summary>A new interaction id: random, or from <see cref="ElementeEmulatorOptions.Seed"/> when one is set.</summary>
    private string NewId()
    {
        if (_random is null)
        {
            return Guid.NewGuid().ToString();
        }

        var bytes = new byte[16];
        lock (_random)
        {
            _random.NextBytes(bytes);
        }

        // A version 4 UUID, as the API's ids are.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
