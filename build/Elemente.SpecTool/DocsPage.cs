namespace Elemente.SpecTool;

/// <summary>
/// An Elemente API reference page in its Markdown export: it holds the complete OpenAPI document of one
/// operation in a block fenced by four backticks, opened by a line such as <c>````yaml post /api/v1/calls</c>.
/// </summary>
public static class DocsPage
{
    private const string Fence = "````";

    /// <summary>Returns the YAML block of a page, byte for byte (every line with its newline).</summary>
    /// <exception cref="SpecToolException">The page has no complete YAML block.</exception>
    public static string ExtractYaml(string markdown, string source)
    {
        var open = FindLine(markdown, 0, line => line.StartsWith(Fence + "yaml", StringComparison.Ordinal));
        if (open < 0)
        {
            throw new SpecToolException($"{source}: no ````yaml block found (is this an API reference page?)");
        }

        var start = markdown.IndexOf('\n', open);
        if (start < 0)
        {
            throw new SpecToolException($"{source}: the ````yaml block is never closed");
        }

        start++;
        var close = FindLine(markdown, start, line => line.TrimEnd('\r') == Fence);
        if (close < 0)
        {
            throw new SpecToolException($"{source}: the ````yaml block is never closed");
        }

        return markdown.Substring(start, close - start);
    }

    /// <summary>Returns the fence's label, e.g. <c>post /api/v1/calls</c>, or null when there is none.</summary>
    public static string? FenceLabel(string markdown)
    {
        var open = FindLine(markdown, 0, line => line.StartsWith(Fence + "yaml", StringComparison.Ordinal));
        if (open < 0)
        {
            return null;
        }

        var end = markdown.IndexOf('\n', open);
        var line = (end < 0 ? markdown.Substring(open) : markdown.Substring(open, end - open)).TrimEnd('\r');
        var label = line.Substring((Fence + "yaml").Length).Trim();
        return label.Length == 0 ? null : label;
    }

    private static int FindLine(string text, int from, Func<string, bool> predicate)
    {
        var position = from;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            var line = end < 0 ? text.Substring(position) : text.Substring(position, end - position);
            if (predicate(line))
            {
                return position;
            }

            if (end < 0)
            {
                break;
            }

            position = end + 1;
        }

        return -1;
    }
}
