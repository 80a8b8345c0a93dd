using System.Text.Encodings.Web;
using System.Text.Json;

namespace Elemente.Cli;

/// <summary>JSON as people read it too: '+' in phone numbers stays '+', not \u002B. Every output is UTF-8 JSON, not HTML.</summary>
internal static class JsonOutput
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };
}
