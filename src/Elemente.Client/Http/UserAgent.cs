using System.Runtime.InteropServices;
using Elemente.Diagnostics;

namespace Elemente.Http;

/// <summary>Builds <c>[applicationId ]Elemente.Client/&lt;version&gt; (&lt;runtime&gt;; &lt;os&gt;)</c>.</summary>
internal static class UserAgent
{
    public static string Create(string? applicationId)
    {
        var platform = $"{Clean(RuntimeInformation.FrameworkDescription)}; {Clean(RuntimeInformation.OSDescription)}";
        var product = $"{ElementeTelemetry.Name}/{ElementeTelemetry.Version} ({platform})";
        return string.IsNullOrEmpty(applicationId) ? product : $"{applicationId} {product}";
    }

    /// <summary>The text without parentheses (they would end the comment early) and control characters (not allowed in a header), trimmed.</summary>
    internal static string Clean(string text) =>
        new string(text.Where(c => !char.IsControl(c) && c is not '(' and not ')').ToArray()).Trim();
}
