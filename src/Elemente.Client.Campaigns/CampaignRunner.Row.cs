using System.Globalization;

namespace Elemente.Campaigns;

public sealed partial class CampaignRunner
{
    /// <summary>Sends one row: marks it sending (on disk), creates it, records the outcome. Returns the id when created.</summary>
    private async Task<string?> SendRowAsync(Recorder writer, ElementeClient client, Pacer pacer, BuiltRow row, CancellationToken stopping, CancellationToken aborting)
    {
        var marked = false;
        while (true)
        {
            IDisposable slot;
            try
            {
                slot = await pacer.AcquireAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                if (marked)
                {
                    // A 429 left it unsent, and the campaign stopped before its retry: provably not processed.
                    await writer.AppendAsync(Event(writer.Run, row, CampaignRowState.Failed, reason: "refused with 429 and not retried: the campaign was stopped")).ConfigureAwait(false);
                    Counters.AddFailed();
                    return null;
                }

                throw new NotStartedException();
            }

            using (slot)
            {
                // Asked before every create, a retry after a 429 included: the window may have closed during its pause.
                if (Defer(row))
                {
                    if (marked)
                    {
                        // Refused (so not processed): failed, not sending, in the journal while it waits; a rerun sends it.
                        await writer.AppendAsync(Event(writer.Run, row, CampaignRowState.Failed, reason: "refused with 429; its calling hours closed (or its day's limit was reached) before the retry: it waits")).ConfigureAwait(false);
                    }

                    throw new DeferredException();
                }

                if (!marked)
                {
                    await writer.AppendAsync(Event(writer.Run, row, CampaignRowState.Sending, phone: true)).ConfigureAwait(false);
                    marked = true;
                }

                try
                {
                    var call = await client.Calls.CreateAsync(row.Request!, aborting).ConfigureAwait(false);
                    // Not awaited here: the worker goes on to its next row, whose sending mark shares this one's flush. Only
                    // a sending mark must be on disk before its request leaves; were this one lost, the row would read
                    // unknown, never unsent. A failed write fails every later append, so the next mark stops the run.
                    KeepTicket(row);
                    writer.AppendLater(Event(writer.Run, row, CampaignRowState.Created, id: call.Id));
                    Counters.AddCreated();
                    pacer.Succeeded();
                    return call.Id;
                }
                catch (ElementeApiException ex) when (!ex.OutcomeUnknown && (ex.StatusCode == 429 || (ex.StatusCode == 503 && RetryAfter(ex) is not null)))
                {
                    // Refused before processing: slow the whole campaign down (and its polls), then try the same row again.
                    pacer.Throttled(RetryAfter(ex));
                    _pollPacer?.Throttled(RetryAfter(ex));
                    continue;
                }
                catch (ElementeException ex) when (!ex.OutcomeUnknown)
                {
                    await writer.AppendAsync(Event(writer.Run, row, CampaignRowState.Failed, reason: Reason(ex), detail: ex.Message)).ConfigureAwait(false);
                    Counters.AddFailed();
                    if (ex is ElementeConnectionException)
                    {
                        throw new ConnectionDownException();
                    }

                    if (ex is ElementeApiException { StatusCode: 401 or 403 } refused)
                    {
                        throw new CredentialsRefusedException(refused.StatusCode);
                    }

                    return null;
                }
                catch (ElementeException ex)
                {
                    KeepTicket(row);
                    await writer.AppendAsync(Event(writer.Run, row, CampaignRowState.Unknown, reason: Reason(ex), detail: ex.Message)).ConfigureAwait(false);
                    Counters.AddUnknown();
                    return null;
                }
                catch (OperationCanceledException)
                {
                    KeepTicket(row);
                    await writer.AppendAsync(Event(writer.Run, row, CampaignRowState.Unknown, reason: "cancelled while in flight (a second Ctrl+C or SIGTERM)")).ConfigureAwait(false);
                    Counters.AddUnknown();
                    return null;
                }
                catch (Exception ex) when (ex is not CampaignJournalException)
                {
                    KeepTicket(row);
                    await writer.AppendAsync(Event(writer.Run, row, CampaignRowState.Unknown, reason: "failed after the request was sent: " + ex.GetType().Name, detail: ex.Message)).ConfigureAwait(false);
                    Counters.AddUnknown();
                    return null;
                }
            }
        }
    }

    private CampaignJournalEntry Event(int run, BuiltRow row, CampaignRowState state, string? id = null, string? reason = null, bool phone = false, string? detail = null) =>
        new(run, row.Row.Line, row.Row.Hash, state) { Id = id, Reason = reason, Detail = detail, Phone = phone ? row.PhoneRaw : null, E164 = phone ? row.PhoneE164 : null, Email = phone ? row.Email : null, Attempt = row.Attempt, At = TimeProvider.GetUtcNow() };

    /// <summary>A short, specific reason (the exception's message is kept beside it as the detail).</summary>
    private static string Reason(ElementeException ex) => ex switch
    {
        ElementeApiException { StatusCode: >= 200 and <= 299 } api => $"{api.StatusCode} with an unreadable body",
        ElementeApiException api => $"HTTP {api.StatusCode}" + (api.Errors.Count > 0 ? ": " + string.Join("; ", api.Errors) : string.Empty),
        ElementeTimeoutException => ex.OutcomeUnknown ? "timed out after the request was sent" : "timed out before the request was sent",
        ElementeConnectionException => ex.OutcomeUnknown ? "connection dropped after the request was sent" : "connection failed before the request was sent",
        ElementeValidationException validation => "invalid: " + string.Join("; ", validation.Errors),
        _ => ex.GetType().Name,
    };

    internal static TimeSpan? RetryAfter(ElementeApiException ex)
    {
        foreach (var header in ex.Headers)
        {
            var values = header.Value;
            if (!string.Equals(header.Key, "Retry-After", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = values.FirstOrDefault()?.Trim();
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        return null;
    }

    private async Task<IReadOnlyDictionary<string, int>> WaitAllAsync(ElementeClient client, List<string> ids, CancellationToken cancellationToken)
    {
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        using var gate = new SemaphoreSlim(_options.Concurrency);
        var waits = ids.Select(async id =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var call = await client.Calls.WaitForCompletionAsync(id, new WaitOptions { TimeProvider = TimeProvider }, cancellationToken).ConfigureAwait(false);
                return call.Status?.ToString() ?? "(none)";
            }
            catch (ElementeException ex)
            {
                return "error: " + ex.GetType().Name;
            }
            finally
            {
                gate.Release();
            }
        });
        foreach (var status in await Task.WhenAll(waits).ConfigureAwait(false))
        {
            statuses[status] = (statuses.TryGetValue(status, out var count) ? count : 0) + 1;
        }

        return statuses;
    }
}
