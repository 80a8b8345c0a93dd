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

    // Parentheses would end the comment early; control characters are not allowed in a header.
    private static string Clean(string text) =>
        new string(text.Where(c => !char.IsControl(c) && c is not '(' and not ')').ToArray()).Trim();
}
