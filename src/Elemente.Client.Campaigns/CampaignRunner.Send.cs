using System.Diagnostics;

namespace Elemente.Campaigns;

public sealed partial class CampaignRunner
{
    private async Task<(bool Stopped, IReadOnlyDictionary<string, int> Statuses)> SendAsync(
        Recorder writer,
        FieldMap map,
        CampaignTemplate template,
        IDictionary<int, CampaignRowRecord> records,
        HashSet<int> skippedLines,
        Dictionary<int, int> duplicateOf,
        bool resend,
        string sha,
        CampaignStop stop)
    {
        CountPlan(records, skippedLines, resend);
        var client = _client();
        using var owned = _ownsClient ? client : null;
        using var pacer = new Pacer(_options.Concurrency, _options.RatePerMinute, TimeProvider);
        StartPolling(client, pacer);
        var queue = System.Threading.Channels.Channel.CreateBounded<BuiltRow>(new System.Threading.Channels.BoundedChannelOptions(_options.Concurrency * 2) { SingleWriter = true });
        var created = new List<string>();
        using var fatal = CancellationTokenSource.CreateLinkedTokenSource(stop.Stopping);
        var consecutiveConnectionFailures = 0;

        async Task Worker()
        {
            while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                if (!queue.Reader.TryRead(out var row))
                {
                    continue;
                }

                if (fatal.IsCancellationRequested)
                {
                    ReturnTicket(row);
                    Counters.AddNotStarted();
                    RowDone();
                    continue;
                }

                try
                {
                    var outcome = await SendRowAsync(writer, client, pacer, row, fatal.Token, stop.Aborting).ConfigureAwait(false);
                    if (outcome is { } id)
                    {
                        lock (created)
                        {
                            created.Add(id);
                        }

                        Interlocked.Exchange(ref consecutiveConnectionFailures, 0);
                        if (row.Attempt > 1)
                        {
                            Counters.AddRedial();
                        }

                        if (_poller is not null)
                        {
                            Follow(writer, row, id, Fatal, fatal.Token);
                        }
                    }
                }
                catch (NotStartedException)
                {
                    lock (created)
                    {
                        Counters.AddNotStarted();
                    }
                }
                catch (CredentialsRefusedException ex)
                {
                    Fatal(CampaignStopCause.CredentialsRefused, $"the API refused the credentials (HTTP {ex.Status})");
                }
                catch (ConnectionDownException)
                {
                    if (Interlocked.Increment(ref consecutiveConnectionFailures) >= MaxConsecutiveConnectionFailures)
                    {
                        Fatal(CampaignStopCause.ApiUnreachable, $"the API could not be reached {MaxConsecutiveConnectionFailures} times in a row");
                    }
                }
                catch (CampaignJournalException ex)
                {
                    Fatal(CampaignStopCause.JournalFailed, ex.Message);
                }
                catch (DeferredException)
                {
                    // Back among the waiting rows.
                }
                finally
                {
                    // A create not made (failed, refused, not started) gives its day's ticket back; a made one kept it.
                    ReturnTicket(row);
                    RowDone();
                }
            }
        }

        void Fatal(CampaignStopCause cause, string reason)
        {
            lock (created)
            {
                if (_stopCause is null)
                {
                    _stopCause = cause;
                    _stopReason = reason;
                }
            }

            fatal.Cancel();
        }

        if (!await WaitForStartAsync(fatal.Token).ConfigureAwait(false))
        {
            return (true, new Dictionary<string, int>());
        }

        CountEarlierCreates(records, map, template);

        var sendingWatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, _options.Concurrency).Select(_ => Task.Run(Worker)).ToArray();
        string? changed = null;
        try
        {
            using var csv = CsvSource.Open(_options.CsvPath);
            var builder = new RowBuilder(map, template, csv.Header.Count);
            foreach (var row in csv.ReadRows())
            {
                var hasRecord = records.TryGetValue(row.Line, out var record);
                if (hasRecord && record!.Key != row.Hash)
                {
                    changed = $"line {row.Line} differs from the row the journal recorded";
                    break;
                }

                if (skippedLines.Contains(row.Line))
                {
                    var reason = SuppressionReason(row.Line) ?? (duplicateOf.TryGetValue(row.Line, out var first) ? $"duplicate of line {first}" : "invalid (--skip-invalid)");
                    if (record?.State != CampaignRowState.Skipped || record.Reason != reason)
                    {
                        var built = builder.Build(row);
                        try
                        {
                            await writer.AppendAsync(new CampaignJournalEntry(writer.Run, row.Line, row.Hash, CampaignRowState.Skipped) { Reason = reason, Phone = built.PhoneRaw, E164 = built.PhoneE164, Email = built.Email }).ConfigureAwait(false);
                        }
                        catch (CampaignJournalException ex)
                        {
                            Fatal(CampaignStopCause.JournalFailed, ex.Message);
                        }
                    }

                    continue;
                }

                if (record?.State == CampaignRowState.Created && _poller is not null && !fatal.IsCancellationRequested)
                {
                    ResumeCreated(writer, record, () => builder.Build(row), Fatal, fatal.Token);
                }

                if (!ToSend(record, resend) || _held.Contains(row.Line))
                {
                    continue;
                }

                if (fatal.IsCancellationRequested)
                {
                    Counters.AddNotStarted();
                    continue;
                }

                var next = builder.Build(row);
                if (!next.IsValid)
                {
                    changed = $"line {row.Line} was valid when the file was first read";
                    break;
                }

                // A failed attempt (provably never sent) is retried with its number; an unknown one resent keeps its number.
                next.Attempt = Math.Max(1, record?.Attempt ?? 1);

                if (!Defer(next))
                {
                    await QueueAsync(queue.Writer, next, fatal.Token).ConfigureAwait(false);
                }
            }

            if (changed is null && csv.Sha256 != sha && !fatal.IsCancellationRequested)
            {
                changed = "its content changed while the campaign read it";
            }

            if (changed is null)
            {
                await DrainWaitingAsync(queue.Writer, fatal).ConfigureAwait(false);
            }
        }
        finally
        {
            queue.Writer.TryComplete();
            await Task.WhenAll(workers).ConfigureAwait(false);
            if (changed is not null)
            {
                fatal.Cancel();
            }

            await WaitForFollowsAsync().ConfigureAwait(false);
            try
            {
                await writer.FlushAsync().ConfigureAwait(false);
            }
            catch (CampaignJournalException ex)
            {
                Fatal(CampaignStopCause.JournalFailed, ex.Message);
            }

            _sending = sendingWatch.Elapsed;
        }

        if (changed is not null)
        {
            throw new CampaignCsvException($"{_options.CsvPath}: {changed}; stopped. Rerun to go on (the journal is consistent).");
        }

        Counters.Throttles = pacer.Throttles;
        var statuses = _poller is not null ? FollowedStatuses()
            : _options.Wait && created.Count > 0 && !stop.Stopping.IsCancellationRequested
            ? await WaitAllAsync(client, created, stop.Stopping).ConfigureAwait(false)
            : new Dictionary<string, int>();
        return (fatal.IsCancellationRequested, statuses);
    }
}
