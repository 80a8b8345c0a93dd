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
                if (!_now.TryGetValue(entry.Line, out var record))
                {
                    record = before.TryGetValue(entry.Line, out var earlier) ? earlier.Copy() : new CampaignRowRecord(entry.Line, entry.Key);
                    _now[entry.Line] = record;
                }

                record.Apply(entry);
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
