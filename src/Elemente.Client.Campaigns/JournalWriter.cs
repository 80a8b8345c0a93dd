using System.Globalization;
using System.Text.Json;

namespace Elemente.Campaigns;

/// <summary>
/// Appends lines to a journal file, each flushed to disk (fsync) before its task completes. Lines that arrive while a
/// flush runs go out together in the next one (group commit), so 16 workers do not wait for 16 flushes in turn.
/// </summary>
internal sealed class JournalWriter : IAsyncDisposable
{
    private readonly Stream _file;
    private readonly string _path;
    private readonly System.Threading.Channels.Channel<(byte[] Line, TaskCompletionSource<bool> Done)> _queue =
        System.Threading.Channels.Channel.CreateUnbounded<(byte[], TaskCompletionSource<bool>)>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });

    private readonly Task _pump;

    internal JournalWriter(Stream file, string path)
    {
        _file = file;
        _path = path;
        // Its own thread: each flush blocks in fsync, and on a machine with few cores the thread pool's few threads are
        // what the requests in flight need.
        _pump = Task.Factory.StartNew(Pump, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// Opens (or creates, with its header) the journal, cutting off a torn last line (a kill mid-write), or ending a
    /// complete last event with its newline.
    /// </summary>
    /// <exception cref="CampaignJournalException">The journal cannot be written.</exception>
    public static JournalWriter Open(string path, CampaignJournalHeader header, CampaignJournalContents? existing, Func<Stream, Stream>? wrap = null)
    {
        try
        {
            var file = CampaignJournalFile.Create(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            try
            {
                if (existing is null)
                {
                    file.SetLength(0);
                    var line = HeaderLine(header);
                    file.Write(line, 0, line.Length);
                }
                else if (file.Length > 0)
                {
                    var valid = LengthOfCompleteLines(file);
                    if (existing.TornLine is not null)
                    {
                        file.SetLength(valid);
                    }

                    file.Seek(0, SeekOrigin.End);
                    if (file.Length > valid)
                    {
                        file.WriteByte((byte)'\n');
                    }
                }

                file.Flush(flushToDisk: true);
                return new JournalWriter(wrap?.Invoke(file) ?? file, path);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CampaignJournalException($"journal {path}: cannot be written ({ex.Message})", ex);
        }
    }

    /// <summary>Appends one event line (stamped with <paramref name="at"/> or the time, and the run); completes once it is on disk.</summary>
    public Task Enqueue(int run, Action<Utf8JsonWriter> body, DateTimeOffset? at = null)
    {
        var line = CampaignJournalFile.Line(writer =>
        {
            writer.WriteString("at", (at ?? DateTimeOffset.UtcNow).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            writer.WriteNumber("run", run);
            body(writer);
        });
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((line, done)))
        {
            done.SetException(new CampaignJournalException($"journal {_path}: closed"));
        }

        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _pump.ConfigureAwait(false);
        }
        finally
        {
            _file.Dispose();
        }
    }

    private static long LengthOfCompleteLines(Stream file)
    {
        // The length up to and with the last newline.
        var buffer = new byte[4096];
        var end = file.Length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            file.Seek(start, SeekOrigin.Begin);
            var count = (int)(end - start);
            var read = 0;
            while (read < count)
            {
                var n = file.Read(buffer, read, count - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            var last = Array.LastIndexOf(buffer, (byte)'\n', read - 1);
            if (last >= 0)
            {
                return start + last + 1;
            }

            end = start;
        }

        return 0;
    }

    private static byte[] HeaderLine(CampaignJournalHeader header) => CampaignJournalFile.Line(writer =>
    {
        writer.WriteString("journal", CampaignJournalFile.Format);
        writer.WriteString("csv", header.Csv);
        writer.WriteString("csvSha256", header.CsvSha256);
        writer.WriteNumber("csvBytes", header.CsvBytes);
        writer.WriteString("agent", header.Agent);
        writer.WriteString("skill", header.Skill);
        writer.WriteString("channel", header.Channel);
        writer.WriteString("map", header.Map);
        CampaignJournalFile.Optional(writer, "region", header.Region);
        writer.WriteString("createdAt", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
    });

    private void Pump()
    {
        var batch = new List<TaskCompletionSource<bool>>();
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            try
            {
                while (reader.TryRead(out var item))
                {
                    batch.Add(item.Done);
                    _file.Write(item.Line, 0, item.Line.Length);
                }

                Flush();
                foreach (var done in batch)
                {
                    done.SetResult(true);
                }
            }
            catch (Exception ex)
            {
                // Whatever the write threw (a full disk's IOException, or the ArgumentOutOfRangeException .NET gives for
                // EFBIG past a file size limit), nothing more can be recorded.
                var failure = new CampaignJournalException($"journal {_path}: cannot be written ({ex.Message})", ex);
                foreach (var done in batch)
                {
                    done.TrySetException(failure);
                }

                // Nothing more can be recorded: fail everything still queued, and every later append.
                _queue.Writer.TryComplete();
                while (reader.TryRead(out var item))
                {
                    item.Done.TrySetException(failure);
                }

                return;
            }
        }
    }

    private void Flush()
    {
        if (_file is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            _file.Flush();
        }
    }
}
