using System.ComponentModel;
using System.Diagnostics;

namespace Elemente.SpecTool;

/// <summary>
/// The overlay and the names file as committed (git <c>HEAD</c>): the public names before a local edit of either, so
/// that the drift report tells a rename (an edited entry, an action setting <c>x-elemente-name</c>) from what the docs changed.
/// </summary>
/// <param name="Overlay">The committed overlay.</param>
/// <param name="Names">The committed names file.</param>
public sealed record CommittedNaming(Overlay Overlay, NamesFile Names)
{
    /// <summary>Reads both files as git <c>HEAD</c> holds them; <see langword="null"/> when either is not committed (or git cannot tell).</summary>
    public static CommittedNaming? Read(string overlayPath, string namesPath) =>
        Parse(CommittedText(overlayPath), Path.GetFileName(overlayPath), CommittedText(namesPath), Path.GetFileName(namesPath));

    /// <summary>Parses the committed texts; <see langword="null"/> when either is missing or invalid.</summary>
    public static CommittedNaming? Parse(string? overlayYaml, string overlaySource, string? namesYaml, string namesSource)
    {
        try
        {
            return overlayYaml is null || namesYaml is null
                ? null
                : new CommittedNaming(Overlay.Parse(overlayYaml, overlaySource), NamesFile.Parse(namesYaml, namesSource));
        }
        catch (SpecToolException)
        {
            return null;
        }
    }

    /// <summary>The text of <paramref name="path"/> as git <c>HEAD</c> holds it; <see langword="null"/> when it is not in a repository or not committed.</summary>
    public static string? CommittedText(string path)
    {
        var full = Path.GetFullPath(path);
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Path.GetDirectoryName(full)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "show", $"HEAD:./{Path.GetFileName(full)}" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var error = process.StandardError.ReadToEndAsync();
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            _ = error.Result;
            return process.ExitCode == 0 ? text : null;
        }
        catch (Win32Exception)
        {
            return null; // no git
        }
    }
}
