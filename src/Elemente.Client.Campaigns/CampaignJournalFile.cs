using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Elemente.Campaigns;

/// <summary>
/// The default journal: an append-only file of JSON lines. Line 1 is the header; every other line is one event: a run's
/// start or end, or a row's <c>sending</c>, <c>created</c>, <c>failed</c>, <c>unknown</c> or <c>skipped</c>, keyed by
/// the row's line and hash. Each append is flushed to disk (fsync) before it completes; appends that arrive while a
/// flush runs share the next one. A kill can tear only the last line (it has no newline yet): reading drops it, and the
/// next run cuts it off. A lock file beside the journal (<c>.lock</c>) keeps a second run off it; the operating system
/// releases it when the process ends, however it ends. On Unix both files are created readable by their owner only
/// (0600): the journal holds customers' phone numbers.
/// </summary>
public sealed class CampaignJournalFile : ICampaignJournal
{
    /// <summary>The format named in the header's <c>journal</c> property.</summary>
    public const string Format = "elemente-campaign/1";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly object _gate = new();
    private FileStream? _lock;
    private JournalWriter? _writer;

    /// <summary>Creates the journal at <paramref name="path"/> (the file is created on the first run's start).</summary>
    /// <param name="path">The journal file's path.</param>
    public CampaignJournalFile(string path)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
    }

    /// <summary>The journal file's path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Name => Path;

    /// <summary>Wraps the journal's stream once it is open (tests: a stream that fails, as a full disk does).</summary>
    internal Func<Stream, Stream>? WrapStream { get; set; }

    /// <summary>Reads and replays a journal file.</summary>
    /// <param name="path">The journal file.</param>
    /// <returns>Its header and each row's latest state.</returns>
    /// <exception cref="CampaignJournalException">It cannot be read, or a line other than a torn last one is not a journal event.</exception>
    public static CampaignJournalContents Read(string path) => JournalReader.Read(path);

    /// <inheritdoc />
    public Task<CampaignJournalContents?> ReadAsync(bool forWriting, CancellationToken cancellationToken)
    {
        if (forWriting)
        {
            lock (_gate)
            {
                _lock ??= TakeLock(Path);
            }
        }

        CampaignJournalContents? contents = null;
        if (File.Exists(Path) && new FileInfo(Path).Length > 0)
        {
            try
            {
                contents = JournalReader.Read(Path);
            }
            catch (TornHeaderException)
            {
                // Nothing was sent under a header that was never written whole: the run starts the journal again (a dry
                // run leaves that to the next real run).
            }
        }

        return Task.FromResult(contents);
    }

    /// <inheritdoc />
    public Task StartAsync(CampaignJournalHeader header, CampaignJournalContents? existing, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_lock is null)
            {
                throw new InvalidOperationException("ReadAsync(forWriting: true) first.");
            }

            _writer ??= JournalWriter.Open(Path, header, existing, WrapStream);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AppendAsync(CampaignJournalEntry entry, CancellationToken cancellationToken)
    {
        if (entry is null)
        {
            throw new ArgumentNullException(nameof(entry));
        }

        return Writer.Enqueue(entry.Run, writer =>
        {
            writer.WriteString("state", CampaignJournalContents.StateName(entry.State));
            writer.WriteNumber("line", entry.Line);
            writer.WriteString("key", entry.Key);
            Optional(writer, "id", entry.Id);
            Optional(writer, "reason", entry.Reason);
            Optional(writer, "detail", entry.Detail);
            Optional(writer, "phone", entry.Phone);
            Optional(writer, "e164", entry.E164);
            Optional(writer, "email", entry.Email);
        });
    }

    /// <summary>
    /// Records a created row's final outcome (a <c>final</c> event: status, duration, end time), as
    /// <see cref="CampaignFollower"/> learned it; completes once it is durable.
    /// </summary>
    internal Task AppendFinalAsync(int run, CampaignRowRecord row, string status, TimeSpan? duration, DateTimeOffset endedAt) => Writer.Enqueue(run, writer =>
    {
        writer.WriteString("state", FinalState);
        writer.WriteNumber("line", row.Line);
        writer.WriteString("key", row.Key);
        Optional(writer, "id", row.Id);
        writer.WriteString("status", status);
        if (duration is { } length)
        {
            writer.WriteNumber("duration", Math.Round(length.TotalSeconds, 3));
        }

        writer.WriteString("endedAt", endedAt.ToString("O", CultureInfo.InvariantCulture));
    });

    /// <inheritdoc />
    public Task MarkRunAsync(int run, bool ended, string detail, CancellationToken cancellationToken) => Writer.Enqueue(run, writer =>
    {
        writer.WriteString("state", ended ? "run-end" : "run-start");
        writer.WriteNumber("pid", ProcessId.Value);
        Optional(writer, "detail", detail);
    });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        JournalWriter? writer;
        FileStream? lockFile;
        lock (_gate)
        {
            writer = _writer;
            lockFile = _lock;
            _writer = null;
            _lock = null;
        }

        try
        {
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            lockFile?.Dispose();
        }
    }

    /// <summary>The state name of a created row's final outcome, recorded by <see cref="CampaignFollower"/>.</summary>
    internal const string FinalState = "final";

    private JournalWriter Writer => _writer ?? throw new InvalidOperationException("StartAsync first.");

    internal static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    internal static byte[] Line(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Creates (or opens) a file owner-only on Unix.</summary>
    internal static FileStream Create(string path, FileMode mode, FileAccess access, FileShare share)
    {
#if NET8_0_OR_GREATER
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 1 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
#else
        return new FileStream(path, mode, access, share, 1, FileOptions.None);
#endif
    }

    private static FileStream TakeLock(string path)
    {
        try
        {
            return Create(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new CampaignJournalException($"journal {path}: another campaign run is using it (its lock file {path}.lock is held).", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new CampaignJournalException($"journal {path}: cannot be written ({ex.Message})", ex);
        }
    }

    private static class ProcessId
    {
        public static readonly int Value = GetId();

        private static int GetId()
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return process.Id;
        }
    }

    /// <summary>The journal holds only part of its header: the run that created it died first, before sending anything.</summary>
    internal sealed class TornHeaderException : CampaignJournalException
    {
        public TornHeaderException(string message)
            : base(message)
        {
        }
    }

    /// <summary>Replays a journal file into each row's latest state.</summary>
    private static class JournalReader
    {
        public static CampaignJournalContents Read(string path)
        {
            byte[] content;
            try
            {
                content = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CampaignJournalException($"journal {path}: cannot be read ({ex.Message})", ex);
            }

            CampaignJournalHeader? header = null;
            var rows = new Dictionary<int, CampaignRowRecord>();
            var lastRun = 0;
            var start = 0;
            var number = 0;
            int? torn = null;
            while (start < content.Length)
            {
                number++;
                var end = Array.IndexOf(content, (byte)'\n', start);
                var complete = end >= 0;
                var length = (complete ? end : content.Length) - start;
                try
                {
                    using var document = JsonDocument.Parse(new ReadOnlyMemory<byte>(content, start, length));
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

                    throw new CampaignJournalException($"journal {path}: line {number}: {(number == 1 ? "not a campaign journal header" : "not a journal event")} ({ex.Message}). Is this a campaign journal?", ex);
                }

                if (!complete)
                {
                    break;
                }

                start = end + 1;
            }

            if (header is null)
            {
                throw new CampaignJournalException($"journal {path}: line 1: the file is empty; it has no campaign journal header.");
            }

            return new CampaignJournalContents(header, rows, lastRun, torn);
        }

        /// <summary>Whether the bytes are the start of a header this library writes (so a cut-off one, not some other file).</summary>
        private static bool IsHeaderPrefix(byte[] content)
        {
            var marker = Encoding.UTF8.GetBytes("{\"journal\":\"" + Format + "\"");
            var length = Math.Min(marker.Length, content.Length);
            for (var i = 0; i < length; i++)
            {
                if (content[i] != marker[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static CampaignJournalHeader ReadHeader(JsonElement root, string path)
        {
            if (!root.TryGetProperty("journal", out var format) || format.GetString() != Format)
            {
                throw new CampaignJournalException($"journal {path}: line 1: not a campaign journal header (expected \"journal\":\"{Format}\").");
            }

            return new CampaignJournalHeader(
                root.GetProperty("csv").GetString()!,
                root.GetProperty("csvSha256").GetString()!,
                root.GetProperty("csvBytes").GetInt64(),
                root.GetProperty("agent").GetString()!,
                root.GetProperty("skill").GetString()!,
                root.GetProperty("channel").GetString()!,
                root.GetProperty("map").GetString()!,
                root.TryGetProperty("region", out var region) && region.ValueKind == JsonValueKind.String ? region.GetString() : null);
        }

        private static int Apply(JsonElement root, Dictionary<int, CampaignRowRecord> rows)
        {
            var run = root.GetProperty("run").GetInt32();
            var state = root.GetProperty("state").GetString();
            if (state is "run-start" or "run-end")
            {
                return run;
            }

            var line = root.GetProperty("line").GetInt32();
            var key = root.GetProperty("key").GetString()!;
            if (state == FinalState)
            {
                ApplyFinal(root, rows, line);
                return run;
            }

            var parsed = state switch
            {
                "sending" => CampaignRowState.Sending,
                "created" => CampaignRowState.Created,
                "failed" => CampaignRowState.Failed,
                "unknown" => CampaignRowState.Unknown,
                "skipped" => CampaignRowState.Skipped,
                _ => throw new FormatException($"unknown state '{state}'"),
            };
            if (!rows.TryGetValue(line, out var record))
            {
                record = new CampaignRowRecord(line, key);
                rows[line] = record;
            }

            record.Apply(new CampaignJournalEntry(run, line, key, parsed)
            {
                Id = Optional(root, "id") ?? (parsed == CampaignRowState.Created ? throw new FormatException("a created event without its id") : null),
                Reason = Optional(root, "reason"),
                Detail = Optional(root, "detail"),
                Phone = Optional(root, "phone"),
                E164 = Optional(root, "e164"),
                Email = Optional(root, "email"),
            });
            if (parsed == CampaignRowState.Created && Optional(root, "at") is { } at)
            {
                record.CreatedAt = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            }

            return run;
        }

        /// <summary>A created row's final outcome: kept beside its state, which stays created.</summary>
        private static void ApplyFinal(JsonElement root, Dictionary<int, CampaignRowRecord> rows, int line)
        {
            if (!rows.TryGetValue(line, out var record) || record.Id != Optional(root, "id"))
            {
                // An outcome for an interaction the row no longer has (it was sent again since): not this row's.
                return;
            }

            record.FinalStatus = root.GetProperty("status").GetString() ?? throw new FormatException("a final event without its status");
            record.Duration = root.TryGetProperty("duration", out var duration) && duration.ValueKind == JsonValueKind.Number
                ? TimeSpan.FromTicks((long)Math.Round(duration.GetDouble() * TimeSpan.TicksPerSecond))
                : null;
            record.EndedAt = DateTimeOffset.Parse(root.GetProperty("endedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        }

        private static string? Optional(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
