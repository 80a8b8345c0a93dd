using System.Runtime.CompilerServices;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace Elemente.Tests;

/// <summary>
/// Snapshot assertions with Verify's file conventions, so that moving to Verify.Xunit is a package swap:
/// <c>{Class}.{Method}[_{parameter}].verified.{ext}</c> beside the test file is committed; on a mismatch the actual
/// text is written to <c>.received.{ext}</c> (git-ignored) and the test fails with a line diff. To accept a change,
/// review the diff and move the received file over the verified one (or run with ELEMENTE_ACCEPT_SNAPSHOTS=1).
/// <see cref="VerifyFile"/> does the same for a committed file elsewhere (the public API listings).
/// </summary>
internal static class Snapshot
{
    public static void Verify(
        string actual,
        string extension = "txt",
        string? parameter = null,
        [CallerFilePath] string sourceFile = "",
        [CallerMemberName] string method = "")
    {
        var directory = Path.GetDirectoryName(sourceFile)!;
        var name = Path.GetFileNameWithoutExtension(sourceFile) + "." + method + (parameter is null ? string.Empty : "_" + parameter);
        Compare(actual, Path.Combine(directory, $"{name}.verified.{extension}"), Path.Combine(directory, name), extension);
    }

    /// <summary>
    /// Compares with the committed file at <paramref name="verifiedPath"/>, wherever it lives (the public API listings,
    /// <c>src/&lt;Package&gt;/api/&lt;Package&gt;.&lt;tfm&gt;.cs</c>). Same semantics as <see cref="Verify"/>: on a
    /// mismatch the received file is written beside it, its name with <c>.received</c> before the extension
    /// (<c>Elemente.Client.net8.0.received.cs</c>, git-ignored).
    /// </summary>
    public static void VerifyFile(string actual, string verifiedPath)
    {
        var extension = Path.GetExtension(verifiedPath).TrimStart('.');
        var stem = Path.Combine(Path.GetDirectoryName(verifiedPath)!, Path.GetFileNameWithoutExtension(verifiedPath));
        Compare(actual, verifiedPath, stem, extension);
    }

    private static void Compare(string actual, string verified, string stem, string extension)
    {
#if ELEMENTE_NETSTANDARD_BUILD
        // The netstandard2.0 run (tests/Elemente.Client.Tests.NetStandard) compiles these sources where they are, so it
        // compares with the same verified file. Its received file gets its own name, beside that file: the two suites
        // run at the same time and must not overwrite or delete each other's. Never accepted from this run: the
        // builds must agree, so a difference here is a netstandard2.0 bug, not a new snapshot.
        var received = $"{stem}.netstandard2.0.received.{extension}";
        const bool mayAccept = false;
#else
        var received = $"{stem}.received.{extension}";
        const bool mayAccept = true;
#endif
        actual = Normalize(actual);

        var expected = System.IO.File.Exists(verified) ? Normalize(System.IO.File.ReadAllText(verified)) : null;
        if (expected == actual)
        {
            if (System.IO.File.Exists(received))
            {
                System.IO.File.Delete(received);
            }

            return;
        }

        if (mayAccept && Environment.GetEnvironmentVariable("ELEMENTE_ACCEPT_SNAPSHOTS") == "1")
        {
            System.IO.File.WriteAllText(verified, actual);
            return;
        }

        System.IO.File.WriteAllText(received, actual);
        var message = expected is null
            ? $"No verified snapshot yet. Review {received} and rename it to {Path.GetFileName(verified)}."
            : $"Snapshot mismatch: {Path.GetFileName(verified)} (- verified, + received; received written to {received})\n{Diff(expected, actual)}";
        throw new XunitException(message);
    }

    public static string Diff(string expected, string actual)
    {
        var model = InlineDiffBuilder.Diff(expected, actual);
        var lines = new List<string>();
        for (var i = 0; i < model.Lines.Count; i++)
        {
            var line = model.Lines[i];
            var near = model.Lines.Skip(Math.Max(0, i - 2)).Take(5).Any(l => l.Type != ChangeType.Unchanged);
            if (!near)
            {
                continue;
            }

            lines.Add(line.Type switch
            {
                ChangeType.Inserted => "+ " + line.Text,
                ChangeType.Deleted => "- " + line.Text,
                _ => "  " + line.Text,
            });
        }

        return string.Join("\n", lines);
    }

    private static string Normalize(string text)
    {
        text = text.Replace("\r\n", "\n");
        return text.EndsWith('\n') ? text : text + "\n";
    }
}
