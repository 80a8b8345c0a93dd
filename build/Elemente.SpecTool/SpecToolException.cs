namespace Elemente.SpecTool;

/// <summary>A failure the tool reports to its user in one line, without a stack trace.</summary>
public sealed class SpecToolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SpecToolException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
