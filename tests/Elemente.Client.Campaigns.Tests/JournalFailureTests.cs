using Elemente.Testing;

namespace Elemente.Campaigns.Tests;

/// <summary>
/// A journal write that fails (disk full, a read-only file system) stops the run before any further request is sent;
/// the error names the journal, and a rerun, once the journal can be written again, goes on without a duplicate.
/// </summary>
public sealed class JournalFailureTests
{
    [Fact]
    public async Task Run_JournalWriteFails_StopsBeforeAnyFurtherRequestNamingTheJournal_AndTheRerunSendsNobodyTwice()
    {
        using var dir = new TempDir();
        await using var emulator = new ElementeEmulator();
        var options = dir.Options(dir.Contacts(60), concurrency: 4);
        ElementeClient Client() => emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 });
        var journal = new FailingJournal(new CampaignJournalFile(options.EffectiveJournalPath), failFromAppend: 21);
        options.Journal = journal;

        CampaignResult stopped;
        await using (journal)
        {
            stopped = await new CampaignRunner(options, Client).RunAsync();
        }

        Assert.Equal(CampaignOutcome.Stopped, stopped.Outcome);
        Assert.Equal(CampaignStopCause.JournalFailed, stopped.StopCause);
        Assert.Contains(options.EffectiveJournalPath, stopped.StopReason, StringComparison.Ordinal);
        Assert.Contains("No space left on device", stopped.StopReason, StringComparison.Ordinal);
        // Every request that left was recorded sending first; none left after the journal failed.
        Assert.Equal(journal.SendingMarksWritten, emulator.Requests.Count(r => r.Method == "POST"));
        Assert.True(stopped.Counters.NotStarted > 0);

        options.Journal = null;
        var rerun = await new CampaignRunner(options, Client).RunAsync();

        Assert.True(rerun.Outcome is CampaignOutcome.Completed or CampaignOutcome.RowsFailed, rerun.Outcome.ToString());
        Assert.All(emulator.Interactions.GroupBy(i => i.PhoneNumber), g => Assert.Single(g));
        var rows = CampaignJournalFile.Read(options.EffectiveJournalPath).Rows.Values.ToList();
        Assert.Equal(60, rows.Count);
        Assert.All(rows, r => Assert.True(r.State is CampaignRowState.Created or CampaignRowState.Unknown, $"line {r.Line} is {r.State}"));
        Assert.Equal(60, emulator.Interactions.Count + rows.Count(r => r.State == CampaignRowState.Unknown && !emulator.Interactions.Any(i => i.PhoneNumber == r.E164)));
    }

    [Theory]
    [InlineData("disk full")]
    [InlineData("file size limit")]
    public async Task Run_JournalFileStreamThrows_StopsNamingTheFile_AndTheRerunSendsNobodyTwice(string failure)
    {
        // What .NET throws: IOException for ENOSPC; ArgumentOutOfRangeException for EFBIG past a file size limit.
        Exception Full() => failure == "disk full" ? new IOException("No space left on device") : new ArgumentOutOfRangeException("value", "Specified file length was too large for the file system.");
        using var dir = new TempDir();
        await using var emulator = new ElementeEmulator();
        var options = dir.Options(dir.Contacts(60), concurrency: 4);
        ElementeClient Client() => emulator.CreateClient(new ElementeClientOptions { MaxRetries = 0 });
        var file = new CampaignJournalFile(options.EffectiveJournalPath) { WrapStream = stream => new FullAfter(stream, 4000, Full) };
        options.Journal = file;

        CampaignResult stopped;
        await using (file)
        {
            stopped = await new CampaignRunner(options, Client).RunAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal(CampaignOutcome.Stopped, stopped.Outcome);
        Assert.Equal(CampaignStopCause.JournalFailed, stopped.StopCause);
        Assert.Contains(options.EffectiveJournalPath, stopped.StopReason, StringComparison.Ordinal);
        var sendingMarks = File.ReadAllLines(options.EffectiveJournalPath).Count(l => l.Contains("\"state\":\"sending\"", StringComparison.Ordinal));
        Assert.True(emulator.Requests.Count(r => r.Method == "POST") <= sendingMarks);

        options.Journal = null;
        var rerun = await new CampaignRunner(options, Client).RunAsync();

        Assert.True(rerun.Outcome is CampaignOutcome.Completed or CampaignOutcome.RowsFailed, rerun.Outcome.ToString());
        Assert.All(emulator.Interactions.GroupBy(i => i.PhoneNumber), g => Assert.Single(g));
        Assert.Equal(60, CampaignJournalFile.Read(options.EffectiveJournalPath).Rows.Count);
    }

    /// <summary>A stream that takes <paramref name="room"/> bytes, then fails as a full disk does (what fits of a write is written).</summary>
    private sealed class FullAfter(Stream inner, long room, Func<Exception> full) : Stream
    {
        private long _room = room;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            var fits = (int)Math.Min(count, _room);
            inner.Write(buffer, offset, fits);
            _room -= fits;
            if (fits < count)
            {
                throw full();
            }
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A file journal whose appends fail, from the n-th on, as on a full disk.</summary>
    private sealed class FailingJournal(CampaignJournalFile inner, int failFromAppend) : ICampaignJournal
    {
        private int _appends;
        private int _sendingMarks;

        public int SendingMarksWritten => Volatile.Read(ref _sendingMarks);

        public string Name => inner.Name;

        public Task<CampaignJournalContents?> ReadAsync(bool forWriting, CancellationToken cancellationToken) => inner.ReadAsync(forWriting, cancellationToken);

        public Task StartAsync(CampaignJournalHeader header, CampaignJournalContents? existing, CancellationToken cancellationToken) => inner.StartAsync(header, existing, cancellationToken);

        public async Task AppendAsync(CampaignJournalEntry entry, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _appends) >= failFromAppend)
            {
                throw new IOException("No space left on device");
            }

            await inner.AppendAsync(entry, cancellationToken);
            if (entry.State == CampaignRowState.Sending)
            {
                Interlocked.Increment(ref _sendingMarks);
            }
        }

        public Task MarkRunAsync(int run, bool ended, string detail, CancellationToken cancellationToken) =>
            Volatile.Read(ref _appends) >= failFromAppend ? throw new IOException("No space left on device") : inner.MarkRunAsync(run, ended, detail, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
