using System.Globalization;
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
public sealed partial class CampaignJournalFile : ICampaignJournal
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
            if (entry.State != CampaignRowState.Skipped)
            {
                writer.WriteNumber("attempt", entry.Attempt);
            }
        }, entry.At);
    }

    /// <summary>
    /// Records a created row's final outcome (a <c>final</c> event: status, duration, end time), as
    /// <see cref="CampaignFollower"/> learned it; completes once it is durable.
    /// </summary>
    internal Task AppendFinalAsync(int run, int line, string key, string id, int attempt, string status, TimeSpan? duration, DateTimeOffset endedAt) => Writer.Enqueue(run, writer =>
    {
        writer.WriteString("state", FinalState);
        writer.WriteNumber("line", line);
        writer.WriteString("key", key);
        Optional(writer, "id", id);
        writer.WriteNumber("attempt", attempt);
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
}
