namespace Elemente.Campaigns;

public sealed partial class CampaignRunner
{
    private sealed class NotStartedException : Exception
    {
    }

    private sealed class ConnectionDownException : Exception
    {
    }

    private sealed class CredentialsRefusedException(int status) : Exception
    {
        public int Status { get; } = status;
    }

    /// <summary>Appends to the journal, and keeps this run's rows' latest states for the result.</summary>
    private sealed class Recorder(ICampaignJournal journal, IDictionary<int, CampaignRowRecord> before, int run)
    {
        private readonly Dictionary<int, CampaignRowRecord> _now = [];
        private readonly List<Task> _pending = [];

        public int Run { get; } = run;

        public async Task AppendAsync(CampaignJournalEntry entry)
        {
            try
            {
                await journal.AppendAsync(entry, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not CampaignJournalException)
            {
                // Whatever the journal throws, nothing more can be recorded: the run stops before any further request.
                throw new CampaignJournalException($"journal {journal.Name}: cannot be written ({ex.Message})", ex);
            }

            lock (_now)
            {
                Current(entry.Line, entry.Key).Apply(entry);
            }
        }

        /// <summary>Records an attempt's followed final status (the file journal's <c>final</c> event), and keeps it for the result.</summary>
        public async Task AppendFinalAsync(int line, string key, string id, int attempt, string status, TimeSpan? duration, DateTimeOffset endedAt)
        {
            try
            {
                await ((CampaignJournalFile)journal).AppendFinalAsync(Run, line, key, id, attempt, status, duration, endedAt).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not CampaignJournalException)
            {
                throw new CampaignJournalException($"journal {journal.Name}: cannot be written ({ex.Message})", ex);
            }

            lock (_now)
            {
                var record = Current(line, key);
                if (record.Id == id)
                {
                    record.FinalStatus = status;
                    record.Duration = duration;
                    record.EndedAt = endedAt;
                }
            }
        }

        /// <summary>Starts an append that is awaited later, by <see cref="FlushAsync"/>.</summary>
        public void AppendLater(CampaignJournalEntry entry)
        {
            var append = AppendAsync(entry);
            lock (_pending)
            {
                _pending.RemoveAll(t => t.IsCompleted && !t.IsFaulted);
                _pending.Add(append);
            }
        }

        /// <summary>Waits for the appends started by <see cref="AppendLater"/>.</summary>
        /// <exception cref="CampaignJournalException">One failed.</exception>
        public async Task FlushAsync()
        {
            Task[] pending;
            lock (_pending)
            {
                pending = [.. _pending];
                _pending.Clear();
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
        }

        /// <summary>This run's record of a row (a copy of the earlier runs' one at first); call under the lock.</summary>
        private CampaignRowRecord Current(int line, string key)
        {
            if (!_now.TryGetValue(line, out var record))
            {
                record = before.TryGetValue(line, out var earlier) ? earlier.Copy() : new CampaignRowRecord(line, key);
                _now[line] = record;
            }

            return record;
        }

        /// <summary>Rows whose outcome is unknown now: before this run (unless resent) and this run's.</summary>
        public IEnumerable<CampaignRowRecord> Unresolved()
        {
            lock (_now)
            {
                return before.Values.Where(r => !_now.ContainsKey(r.Line)).Concat(_now.Values)
                    .Where(r => r.State is CampaignRowState.Unknown or CampaignRowState.Sending)
                    .OrderBy(r => r.Line)
                    .ToList();
            }
        }
    }
}
