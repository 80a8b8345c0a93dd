using System.Security.Cryptography;
using System.Text;
using Sylvan.Data.Csv;

namespace Elemente.Campaigns;

/// <summary>One data row of the campaign CSV: its first physical line, its fields, and a hash of them.</summary>
/// <param name="Line">The 1-based line the row starts on (the header is line 1; a quoted field may span lines).</param>
/// <param name="Fields">The row's fields, as many as the row has (which may differ from the header's count).</param>
internal sealed record CsvRow(int Line, string[] Fields)
{
    /// <summary>The first 16 hex digits of the SHA-256 of the fields (each UTF-8, separated by U+001F): with the line, the row's key.</summary>
    public string Hash { get; } = HashOf(Fields);

    private static string HashOf(string[] fields)
    {
        var text = string.Join("\u001f", fields);
        return Compat.Hex(Compat.Sha256(Encoding.UTF8.GetBytes(text)), 8);
    }
}

/// <summary>A CSV problem that stops the whole campaign (the file cannot be read on), naming the line.</summary>
public sealed class CampaignCsvException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file and line.</param>
    /// <param name="inner">The cause, if any.</param>
    public CampaignCsvException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Streams a CSV file row by row (Sylvan.Data.Csv): only the current row is held, whatever the file's size, and the
/// bytes read are hashed on the way (<see cref="Sha256"/>), so a journal can tell this file from another.
/// </summary>
internal sealed class CsvSource : IDisposable
{
    private readonly HashingStream _stream;
    private readonly CsvDataReader _reader;
    private readonly string _path;
    private int _nextLine;
#if !NET8_0_OR_GREATER
    private char[] _raw = new char[256];
#endif

    private CsvSource(string path, HashingStream stream, CsvDataReader reader)
    {
        _path = path;
        _stream = stream;
        _reader = reader;
        Header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        _nextLine = 2;
    }

    /// <summary>The header's column names (line 1).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The SHA-256 (hex) of every byte read so far: the file's, once <see cref="ReadRows"/> has run to the end.</summary>
    public string Sha256 => _stream.HashHex();

    /// <summary>How many blank lines were passed over (they hold no contact).</summary>
    public int BlankLines { get; private set; }

    /// <summary>How many bytes were read so far.</summary>
    public long Length => _stream.BytesRead;

    /// <summary>Opens the file and reads its header.</summary>
    /// <exception cref="CampaignCsvException">The file cannot be opened, is empty, or its header is malformed.</exception>
    public static CsvSource Open(string path)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CampaignCsvException($"{path}: cannot be read ({ex.Message})", ex);
        }

        var stream = new HashingStream(file);
        try
        {
            var options = new CsvDataReaderOptions
            {
                Delimiter = ',',
                HasHeaders = true,
                // No comment lines: a '#' at the start of a line is data.
                Comment = '\0',
                // A record must fit the buffer: 1 MiB rows at most, so memory stays bounded whatever the file.
                BufferSize = 64 * 1024,
                MaxBufferSize = 1024 * 1024,
            };
            var reader = CsvDataReader.Create(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 64 * 1024), options);
            if (reader.FieldCount == 0)
            {
                reader.Dispose();
                throw new CampaignCsvException($"{path}: line 1: the file is empty; it needs a header line naming its columns.");
            }

            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                reader.Dispose();
                throw new CampaignCsvException($"{path}: line 1: the header names column '{duplicate.Key}' twice.");
            }

            return new CsvSource(path, stream, reader);
        }
        catch (CsvFormatException ex)
        {
            stream.Dispose();
            throw new CampaignCsvException($"{path}: line 1: malformed CSV header ({ex.Message})", ex);
        }
        catch (CampaignCsvException)
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The data rows, in order, each with the line it starts on.</summary>
    /// <exception cref="CampaignCsvException">The CSV is malformed (for example an unclosed quote); the message names the line.</exception>
    public IEnumerable<CsvRow> ReadRows()
    {
        while (true)
        {
            bool more;
            try
            {
                more = _reader.Read();
            }
            catch (CsvRecordTooLargeException ex)
            {
                throw new CampaignCsvException($"{_path}: line {_nextLine}: a row is longer than 1 MiB (an unclosed quote?)", ex);
            }
            catch (CsvFormatException ex)
            {
                throw new CampaignCsvException($"{_path}: line {_nextLine}: malformed CSV ({Describe(ex)})", ex);
            }

            if (!more)
            {
                yield break;
            }

            var line = _nextLine;
            _nextLine += Math.Max(1, NewlinesInRecord());
            var count = _reader.RowFieldCount;
            if (count <= 1 && _reader.GetString(0).Length == 0 && Header.Count > 1)
            {
                // A blank line holds no contact: counted, not a row.
                BlankLines++;
                continue;
            }

            var fields = new string[count];
            for (var i = 0; i < count; i++)
            {
                fields[i] = _reader.GetString(i);
            }

            yield return new CsvRow(line, fields);
        }
    }

    private int NewlinesInRecord()
    {
#if NET8_0_OR_GREATER
        return Compat.Count(_reader.GetRawRecordSpan(), '\n');
#else
        var length = _reader.GetRawRecord(null!, 0);
        if (_raw.Length < length)
        {
            _raw = new char[length];
        }

        _reader.GetRawRecord(_raw, 0);
        return Compat.Count(new ReadOnlySpan<char>(_raw, 0, length), '\n');
#endif
    }

    private static string Describe(CsvFormatException ex) =>
        ex.Message.Length > 0 ? ex.Message.TrimEnd('.') : "invalid quoting";

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    /// <summary>Hashes the bytes read through it.</summary>
    private sealed class HashingStream : Stream
    {
        private readonly Stream _inner;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private string? _final;

        public HashingStream(Stream inner) => _inner = inner;

        public long BytesRead { get; private set; }

#if NET8_0_OR_GREATER
        public string HashHex() => _final ??= Compat.Hex(_hash.GetCurrentHash());
#else
        // Asked for once the file is read to its end.
        public string HashHex() => _final ??= Compat.Hex(_hash.GetHashAndReset());
#endif

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => _inner.Length;

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = _inner.Read(buffer, offset, count);
            _hash.AppendData(buffer, offset, read);
            BytesRead += read;
            _final = null;
            return read;
        }

#if NET8_0_OR_GREATER
        public override int Read(Span<byte> buffer)
        {
            var read = _inner.Read(buffer);
            _hash.AppendData(buffer[..read]);
            BytesRead += read;
            _final = null;
            return read;
        }
#endif

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
