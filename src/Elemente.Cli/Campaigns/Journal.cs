using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Elemente.Cli;

namespace Elemente.Cli.Campaigns;

/// <summary>A journal that cannot be used: unreadable, from another CSV or other options, or in use. Names the line or option.</summary>
internal class JournalException : Exception
{
    public JournalException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>The journal holds only part of its header: the run that created it died first, before sending anything.</summary>
internal sealed class TornHeaderException : JournalException
{
    public TornHeaderException(string message)
        : base(message)
    {
    }
}

/// <summary>Where a row stands, as the journal tells it.</summary>
internal enum RowState
{
    /// <summary>Not in the journal: never tried.</summary>
    None,

    /// <summary>Marked before its request; with no outcome after it, the run ended (was killed) while it was in flight.</summary>
    Sending,

    /// <summary>The API created the interaction; its id is recorded.</summary>
    Created,

    /// <summary>Failed, and provably never reached the API (or was refused): a rerun sends it again.</summary>
    Failed,

    /// <summary>The request may have reached the API: never resent without <c>--resend-unknown</c>.</summary>
    Unknown,

    /// <summary>Not sent: invalid (with <c>--skip-invalid</c>) or a duplicate.</summary>
    Skipped,
}

/// <summary>The journal's first line: which CSV, and the options that shape every request.</summary>
internal sealed record JournalHeader(string Csv, string CsvSha256, long CsvBytes, string Agent, string Skill, string Channel, string Map, string? Region);

/// <summary>A row's latest state in the journal.</summary>
internal sealed class RowRecord
{
    public required int Line { get; init; }

    public required string Key { get; set; }

    public RowState State { get; set; }

    public string? Id { get; set; }

    public string? Reason { get; set; }

    public int Run { get; set; }

    public string? Phone { get; set; }

    public string? E164 { get; set; }

    public string? Email { get; set; }

    /// <summary>The run whose <c>sending</c> mark came last.</summary>
    public int SendingRun { get; set; }

    /// <summary>How many times the row was marked <c>sending</c>.</summary>
    public int Attempts { get; set; }
}

/// <summary>An event to append.</summary>
internal readonly record struct JournalEvent(int Line, string Key, RowState State, string? Id = null, string? Reason = null, string? Phone = null, string? E164 = null, string? Email = null);

/// <summary>
/// The campaign journal: an append-only file of JSON lines. Line 1 is the header (<see cref="JournalHeader"/>); every
/// other line is one event: a run's start or end, or a row's <c>sending</c>, <c>created</c>, <c>failed</c>,
/// <c>unknown</c> or <c>skipped</c>, keyed by the row's line and hash. Reading replays the events into each row's
/// latest state. A kill can tear only the last line (it has no newline yet): that line is dropped, and the next run
/// cuts it off before appending; any other unreadable line is an error that names it.
/// </summary>
internal sealed class Journal
{
    public const string Format = "elemente-campaign/1";

    private Journal(JournalHeader header, Dictionary<int, RowRecord> rows, int lastRun, long validLength, int? tornLine, int lines)
    {
        Header = header;
        Rows = rows;
        LastRun = lastRun;
        ValidLength = validLength;
        TornLine = tornLine;
        LineCount = lines;
    }

    public JournalHeader Header { get; }

    /// <summary>Each row's latest state, by line.</summary>
    public Dictionary<int, RowRecord> Rows { get; }

    public int LastRun { get; }

    /// <summary>The length of the journal up to its last complete line.</summary>
    public long ValidLength { get; }

    /// <summary>The line number of a torn last line (a kill while it was written), if there is one.</summary>
    public int? TornLine { get; }

    public int LineCount { get; }

    /// <summary>Reads and replays a journal.</summary>
    /// <exception cref="JournalException">It cannot be read, or a line other than a torn last one is not a journal event.</exception>
    public static Journal Read(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new JournalException($"journal {path}: cannot be read ({ex.Message})", ex);
        }

        JournalHeader? header = null;
        var rows = new Dictionary<int, RowRecord>();
        var lastRun = 0;
        var start = 0;
        var number = 0;
        int? torn = null;
        long valid = 0;
        while (start < content.Length)
        {
            number++;
            var end = Array.IndexOf(content, (byte)'\n', start);
            var complete = end >= 0;
            var length = (complete ? end : content.Length) - start;
            var span = new ReadOnlyMemory<byte>(content, start, length);
            try
            {
                using var document = JsonDocument.Parse(span);
                var root = document.RootElement;
                if (number == 1)
                {
                    header = ReadHeader(root, path);
                }
                else
                {
                    lastRun = Math.Max(lastRun, Apply(root, rows));
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                if (!complete && number == 1 && IsHeaderPrefix(content))
                {
                    // Killed while the header was written: no row was sent under this journal yet.
                    throw new TornHeaderException($"journal {path}: line 1: the header was cut off (the run that created it was killed before writing it whole).");
                }

                if (!complete && number > 1)
                {
                    // A kill while this line was written: the only line allowed to be partial.
                    torn = number;
                    break;
                }

                throw new JournalException($"journal {path}: line {number}: {(number == 1 ? "not a campaign journal header" : "not a journal event")} ({ex.Message}). Is this a campaign journal?", ex);
            }

            if (!complete)
            {
                // A last event that parses but lacks its newline: its write may not have finished; keep it, end the line.
                valid = content.Length;
                break;
            }

            start = end + 1;
            valid = start;
        }

        if (header is null)
        {
            throw new JournalException($"journal {path}: line 1: the file is empty; it has no campaign journal header.");
        }

        return new Journal(header, rows, lastRun, valid, torn, number);
    }

    /// <summary>Whether the bytes are the start of a header this tool writes (so a cut-off one, not some other file).</summary>
    private static bool IsHeaderPrefix(byte[] content)
    {
        var marker = Encoding.UTF8.GetBytes("{\"journal\":\"" + Format + "\"");
        var length = Math.Min(marker.Length, content.Length);
        return content.AsSpan(0, length).SequenceEqual(marker.AsSpan(0, length));
    }

    /// <summary>Checks that this journal belongs to this CSV and these options; names what differs.</summary>
    /// <exception cref="JournalException">It was written for another CSV or with other options.</exception>
    public void CheckMatches(JournalHeader current, string path)
    {
        if (Header.CsvSha256 != current.CsvSha256 || Header.CsvBytes != current.CsvBytes)
        {
            throw new JournalException(
                $"journal {path}: line 1: it was written for another CSV ({Header.Csv}, {Header.CsvBytes} bytes, SHA-256 {Header.CsvSha256[..12]}...), " +
                $"not for {current.Csv} ({current.CsvBytes} bytes, SHA-256 {current.CsvSha256[..12]}...). A changed CSV needs a new --journal.");
        }

        void Same(string option, string? then, string? now)
        {
            if (!string.Equals(then, now, StringComparison.Ordinal))
            {
                throw new JournalException($"journal {path}: line 1: it was written with {option} {then ?? "(not set)"}, this run has {option} {now ?? "(not set)"}. Rerun with the same options, or use a new --journal.");
            }
        }

        Same("--agent", Header.Agent, current.Agent);
        Same("--skill", Header.Skill, current.Skill);
        Same("--channel", Header.Channel, current.Channel);
        Same("--map", Header.Map, current.Map);
        Same("--region", Header.Region, current.Region);
    }

    /// <summary>Rows whose request may have reached the API with no outcome recorded: unknown, or sending with no outcome.</summary>
    public IEnumerable<RowRecord> Unresolved => Rows.Values.Where(r => r.State is RowState.Unknown or RowState.Sending).OrderBy(r => r.Line);

    private static JournalHeader ReadHeader(JsonElement root, string path)
    {
        if (!root.TryGetProperty("journal", out var format) || format.GetString() != Format)
        {
            throw new JournalException($"journal {path}: line 1: not a campaign journal header (expected \"journal\":\"{Format}\").");
        }

        return new JournalHeader(
            root.GetProperty("csv").GetString()!,
            root.GetProperty("csvSha256").GetString()!,
            root.GetProperty("csvBytes").GetInt64(),
            root.GetProperty("agent").GetString()!,
            root.GetProperty("skill").GetString()!,
            root.GetProperty("channel").GetString()!,
            root.GetProperty("map").GetString()!,
            root.TryGetProperty("region", out var region) && region.ValueKind == JsonValueKind.String ? region.GetString() : null);
    }

    private static int Apply(JsonElement root, Dictionary<int, RowRecord> rows)
    {
        var run = root.GetProperty("run").GetInt32();
        var state = root.GetProperty("state").GetString();
        if (state is "run-start" or "run-end")
        {
            return run;
        }

        var line = root.GetProperty("line").GetInt32();
        var key = root.GetProperty("key").GetString()!;
        var parsed = state switch
        {
            "sending" => RowState.Sending,
            "created" => RowState.Created,
            "failed" => RowState.Failed,
            "unknown" => RowState.Unknown,
            "skipped" => RowState.Skipped,
            _ => throw new FormatException($"unknown state '{state}'"),
        };
        if (!rows.TryGetValue(line, out var record))
        {
            record = new RowRecord { Line = line, Key = key };
            rows[line] = record;
        }

        record.Key = key;
        record.State = parsed;
        record.Run = run;
        record.Id = Optional(root, "id") ?? (parsed == RowState.Created ? throw new FormatException("a created event without its id") : null);
        record.Reason = Optional(root, "reason");
        record.Phone = Optional(root, "phone") ?? record.Phone;
        record.E164 = Optional(root, "e164") ?? record.E164;
        record.Email = Optional(root, "email") ?? record.Email;
        if (parsed == RowState.Sending)
        {
            record.SendingRun = run;
            record.Attempts++;
        }

        return run;
    }

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static string StateName(RowState state) => state switch
    {
        RowState.Sending => "sending",
        RowState.Created => "created",
        RowState.Failed => "failed",
        RowState.Unknown => "unknown",
        RowState.Skipped => "skipped",
        _ => "new",
    };
}

/// <summary>
/// Appends events to a journal, each flushed to disk (fsync) before <see cref="AppendAsync"/> returns, so a row is
/// marked <c>sending</c> on disk before its request leaves. Events that arrive while a flush runs go out together in the
/// next one (group commit), so 16 workers do not wait for 16 flushes in turn. A lock file beside the journal keeps a
/// second run off it; the lock goes with the process, even after a kill -9.
/// </summary>
internal sealed class JournalWriter : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly FileStream _lock;
    private readonly Channel<(byte[] Line, TaskCompletionSource Done)> _queue = Channel.CreateUnbounded<(byte[], TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;
    private readonly int _run;

    private JournalWriter(FileStream file, FileStream lockFile, int run)
    {
        _file = file;
        _lock = lockFile;
        _run = run;
        _pump = Task.Run(PumpAsync);
    }

    public int Run => _run;

    /// <summary>
    /// Takes the journal's lock (a <c>.lock</c> file beside it, held open exclusively), so no other run writes it; take
    /// it before reading the journal. The operating system releases it when the process ends, however it ends.
    /// </summary>
    /// <exception cref="JournalException">Another run holds it.</exception>
    public static FileStream Lock(string path)
    {
        try
        {
            return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new JournalException($"journal {path}: another campaign run is using it (its lock file {path}.lock is held).", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new JournalException($"journal {path}: cannot be written ({ex.Message})", ex);
        }
    }

    /// <summary>
    /// Opens (or creates, with its header) the journal for run <paramref name="run"/>, cutting off a torn last line. Takes
    /// ownership of <paramref name="lockFile"/> (from <see cref="Lock"/>).
    /// </summary>
    /// <exception cref="JournalException">The journal cannot be written.</exception>
    public static JournalWriter Open(string path, JournalHeader header, Journal? existing, int run, FileStream lockFile)
    {
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
            if (existing is null)
            {
                file.SetLength(0);
                var line = HeaderLine(header);
                file.Write(line);
                file.Flush(flushToDisk: true);
            }
            else
            {
                if (file.Length != existing.ValidLength)
                {
                    // Cut off the torn last line (a kill mid-write), or end a complete last event with its newline.
                    if (file.Length > existing.ValidLength || existing.TornLine is not null)
                    {
                        file.SetLength(existing.ValidLength);
                    }
                }

                file.Seek(0, SeekOrigin.End);
                if (file.Length > 0 && !EndsWithNewline(path, file.Length))
                {
                    file.Write("\n"u8);
                }

                file.Flush(flushToDisk: true);
            }

            return new JournalWriter(file, lockFile, run);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lockFile.Dispose();
            throw new JournalException($"journal {path}: cannot be written ({ex.Message})", ex);
        }
    }

    /// <summary>Appends a row event; returns once it is on disk.</summary>
    public Task AppendAsync(JournalEvent e) => Enqueue(writer =>
    {
        writer.WriteString("state", Journal.StateName(e.State));
        writer.WriteNumber("line", e.Line);
        writer.WriteString("key", e.Key);
        Optional(writer, "id", e.Id);
        Optional(writer, "reason", e.Reason);
        Optional(writer, "phone", e.Phone);
        Optional(writer, "e164", e.E164);
        Optional(writer, "email", e.Email);
    });

    /// <summary>Appends a run's start or end; returns once it is on disk.</summary>
    public Task AppendRunAsync(string state, string? detail = null) => Enqueue(writer =>
    {
        writer.WriteString("state", state);
        writer.WriteNumber("pid", Environment.ProcessId);
        Optional(writer, "detail", detail);
    });

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _pump.ConfigureAwait(false);
        }
        finally
        {
            await _file.DisposeAsync().ConfigureAwait(false);
            await _lock.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool EndsWithNewline(string path, long length)
    {
        using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        read.Seek(length - 1, SeekOrigin.Begin);
        return read.ReadByte() == '\n';
    }

    private static byte[] HeaderLine(JournalHeader header)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("journal", Journal.Format);
            writer.WriteString("csv", header.Csv);
            writer.WriteString("csvSha256", header.CsvSha256);
            writer.WriteNumber("csvBytes", header.CsvBytes);
            writer.WriteString("agent", header.Agent);
            writer.WriteString("skill", header.Skill);
            writer.WriteString("channel", header.Channel);
            writer.WriteString("map", header.Map);
            Optional(writer, "region", header.Region);
            writer.WriteString("createdAt", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    private static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private Task Enqueue(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteNumber("run", _run);
            body(writer);
            writer.WriteEndObject();
        }

        byte[] line = [.. buffer.WrittenSpan, (byte)'\n'];
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((line, done)))
        {
            done.SetException(new JournalException("the journal is closed"));
        }

        return done.Task;
    }

    private async Task PumpAsync()
    {
        var batch = new List<TaskCompletionSource>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            try
            {
                while (reader.TryRead(out var item))
                {
                    batch.Add(item.Done);
                    _file.Write(item.Line);
                }

                _file.Flush(flushToDisk: true);
                foreach (var done in batch)
                {
                    done.SetResult();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var failure = new JournalException($"the journal cannot be written ({ex.Message})", ex);
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
}
