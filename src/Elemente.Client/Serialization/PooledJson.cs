using System.Buffers;
using System.Text;
using Newtonsoft.Json;

namespace Elemente.Serialization;

/// <summary>
/// Reads and writes JSON through pooled buffers: a request body is written into pooled chars and encoded once into an
/// exact-size array; a response body is decoded from the pooled byte buffer it was read into, and Newtonsoft's own
/// buffers (large for a long string such as a transcription) are rented too.
/// </summary>
internal static class PooledJson
{
    /// <summary>Writes <paramref name="value"/> as UTF-8 JSON with <paramref name="serializer"/>.</summary>
    public static byte[] Serialize(JsonSerializer serializer, object value)
    {
        using var text = new PooledCharWriter();
        using (var json = new JsonTextWriter(text) { ArrayPool = CharPool.Instance, CloseOutput = false })
        {
            serializer.Serialize(json, value);
        }

        return text.ToUtf8();
    }

    /// <summary>
    /// Reads <typeparamref name="T"/> from <paramref name="length"/> bytes of <paramref name="buffer"/>: UTF-8, or
    /// UTF-16/UTF-32 when a byte order mark says so (whatever the charset header claims). Null for an empty body.
    /// </summary>
    public static T? Deserialize<T>(JsonSerializer serializer, byte[] buffer, int length)
    {
        var (encoding, skip) = Detect(buffer, length);
        // Stryker disable once Arithmetic : equivalent, a larger rented array reads the same chars
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, encoding.GetMaxCharCount(length - skip)));
        try
        {
            var count = encoding.GetChars(buffer, skip, length - skip, chars, 0);

            // Stryker disable once Boolean,Initializer : equivalent, the same values without the pool or CloseInput
            using var reader = new JsonTextReader(new CharArrayReader(chars, count)) { ArrayPool = CharPool.Instance, CloseInput = false };
            return serializer.Deserialize<T>(reader);
        }
        finally
        // Stryker disable once Block : equivalent, an unreturned array is collected
        {
            // Stryker disable once Statement : equivalent, an unreturned array is collected
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    // Built in on every target; its preamble (a byte order mark) is never asked for.
    private static readonly Encoding Utf32BigEndian = Encoding.GetEncoding("utf-32BE");

    private static (Encoding Encoding, int Skip) Detect(byte[] b, int n)
    {
        if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        {
            return (ElementeJson.Utf8, 3);
        }

        if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
        {
            return (Encoding.UTF32, 4);
        }

        if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
        {
            return (Utf32BigEndian, 4);
        }

        if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        {
            return (Encoding.Unicode, 2);
        }

        if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            return (Encoding.BigEndianUnicode, 2);
        }

        return (ElementeJson.Utf8, 0);
    }

    /// <summary>Newtonsoft's buffer pool over the shared array pool.</summary>
    private sealed class CharPool : IArrayPool<char>
    {
        public static readonly CharPool Instance = new();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        // Stryker disable once Block : equivalent, an unreturned array is collected
        {
            // Stryker disable once Equality,Statement : equivalent, never null, and an unreturned array is collected
            if (array is not null)
            // Stryker disable once Block,Statement : equivalent, an unreturned array is collected
            {
                ArrayPool<char>.Shared.Return(array);
            }
        }
    }

    /// <summary>A reader over chars it does not own.</summary>
    internal sealed class CharArrayReader : TextReader
    {
        private readonly char[] _chars;
        private readonly int _count;
        private int _position;

        public CharArrayReader(char[] chars, int count)
        {
            _chars = chars;
            _count = count;
        }

        public override int Peek() => _position < _count ? _chars[_position] : -1;

        public override int Read() => _position < _count ? _chars[_position++] : -1;

        public override int Read(char[] buffer, int index, int count)
        {
            // Never negative: the position never passes the count. At the end it is 0, and so is what is copied.
            var n = Math.Min(count, _count - _position);
            Array.Copy(_chars, _position, buffer, index, n);
            _position += n;
            return n;
        }
    }

    /// <summary>A writer into pooled chars, encoded once at the end.</summary>
    internal sealed class PooledCharWriter : TextWriter
    {
        private char[] _chars = ArrayPool<char>.Shared.Rent(1024);
        private int _count;

        public override Encoding Encoding => ElementeJson.Utf8;

        public override void Write(char value)
        {
            Ensure(1);
            _chars[_count++] = value;
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Ensure(count);
            Array.Copy(buffer, index, _chars, _count, count);
            _count += count;
        }

        public override void Write(string? value)
        {
            if (value is null)
            {
                return;
            }

            Ensure(value.Length);
            value.CopyTo(0, _chars, _count, value.Length);
            _count += value.Length;
        }

        public byte[] ToUtf8()
        {
            var bytes = new byte[ElementeJson.Utf8.GetByteCount(_chars, 0, _count)];
            ElementeJson.Utf8.GetBytes(_chars, 0, _count, bytes, 0);
            return bytes;
        }

        protected override void Dispose(bool disposing)
        // Stryker disable once Block : equivalent, nothing observable in a dispose
        {
            // Stryker disable once all : equivalent, the writer is disposed once and the pool is unobservable
            if (disposing && _chars.Length > 0)
            {
                ArrayPool<char>.Shared.Return(_chars);
                _chars = Array.Empty<char>();
            }

            // Stryker disable once Statement : equivalent, TextWriter.Dispose(bool) does nothing
            base.Dispose(disposing);
        }

        private void Ensure(int more)
        {
            // Stryker disable once Statement : equivalent, growing costs memory, not content
            if (_count + more <= _chars.Length)
            // Stryker disable once Block,Statement : equivalent, growing when the chars fit costs memory only
            {
                return;
            }

            // Stryker disable once Arithmetic : equivalent, a smaller doubling only grows more often
            var doubled = 2 * _chars.Length;
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(_count + more, doubled));
            Array.Copy(_chars, larger, _count);

            // Stryker disable once Statement : equivalent, an unreturned array is collected
            ArrayPool<char>.Shared.Return(_chars);
            _chars = larger;
        }
    }
}
