using System.Reflection;
using System.Text;
using Elemente.Diagnostics;
using Elemente.Serialization;
using Newtonsoft.Json.Linq;

namespace Elemente.Tests;

/// <summary>
/// The pooled JSON reader and writer under the runtime: bodies in every encoding a byte order mark can announce, read
/// from a pooled buffer that holds more than the body, and the reader and writer on their own.
/// </summary>
public class PooledJsonTests
{
    private const string Json = """{"id":"call-1","text":"Grüße"}""";

    public static TheoryData<string> Encodings() => new() { "utf-8", "utf-16", "utf-16BE", "utf-32", "utf-32BE" };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Deserialize_BodyWithAByteOrderMark_IsReadInThatEncoding(string name)
    {
        var encoding = Encoding.GetEncoding(name);
        var body = encoding.GetPreamble().Concat(encoding.GetBytes(Json)).ToArray();

        var value = PooledJson.Deserialize<JObject>(ElementeJson.Reader, InAPooledBuffer(body), body.Length);

        Assert.Equal("Grüße", (string?)value!["text"]);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Deserialize_BodyThatIsOnlyAByteOrderMark_IsEmpty(string name)
    {
        var body = Encoding.GetEncoding(name).GetPreamble();

        var value = PooledJson.Deserialize<JObject>(ElementeJson.Reader, InAPooledBuffer(body), body.Length);

        Assert.Null(value);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Deserialize_EmptyBodyInABufferThatStillHoldsAByteOrderMark_IsEmpty(string name)
    {
        // A pooled buffer keeps the bytes of its last use: only the body's own bytes may decide its encoding.
        var stale = InAPooledBuffer(Encoding.GetEncoding(name).GetPreamble());

        var value = PooledJson.Deserialize<JObject>(ElementeJson.Reader, stale, 0);

        Assert.Null(value);
    }

    [Fact]
    public void Deserialize_Utf8WithoutAMark_IsReadAsUtf8()
    {
        var body = Encoding.UTF8.GetBytes(Json);

        var value = PooledJson.Deserialize<JObject>(ElementeJson.Reader, InAPooledBuffer(body), body.Length);

        Assert.Equal("Grüße", (string?)value!["text"]);
    }

    [Fact]
    public void CharArrayReader_ReadsItsCountAndThenEnds()
    {
        var reader = new PooledJson.CharArrayReader("abcXYZ".ToCharArray(), 3);

        Assert.Equal('a', reader.Peek());
        Assert.Equal('a', reader.Read());
        Assert.Equal('b', reader.Peek());
        var rest = new char[10];
        Assert.Equal(2, reader.Read(rest, 1, 10));
        Assert.Equal("bc", new string(rest, 1, 2));
        Assert.Equal(-1, reader.Peek());
        Assert.Equal(-1, reader.Read());
        Assert.Equal(0, reader.Read(rest, 0, 10));
    }

    [Fact]
    public void PooledCharWriter_GrowsPastItsFirstBufferWhateverIsWritten()
    {
        using var writer = new PooledJson.PooledCharWriter();
        var expected = new StringBuilder();
        for (var i = 0; i < 1500; i++)
        {
            writer.Write((char)('a' + (i % 26)));
            expected.Append((char)('a' + (i % 26)));
        }

        var chunk = Enumerable.Repeat('é', 3000).ToArray();
        writer.Write(chunk, 0, chunk.Length);
        expected.Append(chunk);
        var large = new string('z', 20_000);
        writer.Write(large);
        expected.Append(large);
        writer.Write((string?)null);

        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(writer.ToUtf8()));
    }

    [Fact]
    public void PooledCharWriter_DisposedTwice_IsHarmless()
    {
        var writer = new PooledJson.PooledCharWriter();
        writer.Write("x");

        writer.Dispose();
        var again = Record.Exception(writer.Dispose);

        Assert.Null(again);
    }

    [Fact]
    public void Telemetry_VersionIsThePackagesWithoutBuildMetadata()
    {
        var informational = typeof(ElementeClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal(informational.Split('+')[0], ElementeTelemetry.ActivitySource.Version);
        Assert.Equal(informational.Split('+')[0], ElementeTelemetry.Meter.Version);
        Assert.DoesNotContain("+", ElementeTelemetry.Version, StringComparison.Ordinal);
    }

    /// <summary>The body at the start of a larger array whose other bytes are not JSON, as a pooled buffer is.</summary>
    private static byte[] InAPooledBuffer(byte[] body)
    {
        var buffer = Enumerable.Repeat((byte)'#', body.Length + 64).ToArray();
        body.CopyTo(buffer, 0);
        return buffer;
    }
}
