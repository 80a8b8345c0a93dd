using System.Text;
using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>
/// What changed between the committed spec and the one the docs publish now, for a person to act on:
/// Markdown (<see cref="ToMarkdown"/>) or JSON (<see cref="ToJson"/>).
/// </summary>
/// <param name="Index">The docs index the upstream spec was pulled from.</param>
/// <param name="Pages">The API reference pages it lists.</param>
/// <param name="CommittedSpec">The committed page folder, as named in the report.</param>
/// <param name="PageChanges">Which page files upstream adds, changes or removes.</param>
/// <param name="Changes">The semantic changes, breaking first, then code changes.</param>
/// <param name="OtherDifferences">
/// When there is no semantic change but the documents differ: the JSON paths that differ (descriptions, examples...).
/// </param>
/// <param name="OverlayFindings">Overlay actions that no longer fit the upstream spec.</param>
public sealed record DriftReport(
    string Index,
    IReadOnlyList<string> Pages,
    string CommittedSpec,
    PageChanges PageChanges,
    IReadOnlyList<DriftChange> Changes,
    IReadOnlyList<string> OtherDifferences,
    IReadOnlyList<OverlayFinding> OverlayFindings)
{
    private const int MaxOtherDifferences = 20;

    /// <summary>Whether upstream publishes exactly the committed pages, byte for byte.</summary>
    public bool SameText => !PageChanges.Any;

    /// <summary>Whether anything differs: the drift command exits 1 when it does.</summary>
    public bool HasDrift => !SameText || Changes.Count > 0 || OverlayFindings.Count > 0;

    /// <summary>How many changes are breaking.</summary>
    public int BreakingCount => Changes.Count(change => change.Impact == DriftImpact.Breaking);

    /// <summary>How many changes are safe on the wire but change the regenerated public API.</summary>
    public int CodeChangeCount => Changes.Count(change => change.Impact == DriftImpact.CodeChange);

    /// <summary>What the new spec does to the public names: the entries <c>update</c> adds, and the renames the convention would make but the names file prevents.</summary>
    public NameReport Names { get; init; } = NameReport.None;

    /// <summary>
    /// Compares the committed pages with the upstream ones and checks the overlay against the upstream spec; with
    /// <paramref name="names"/>, also says what the new spec does to the public names (<see cref="Names"/>); with
    /// <paramref name="committedNaming"/> too, lists each rename that an edit of the names file or the overlay makes
    /// since the commit as a breaking change (<see cref="NameChanges"/>).
    /// </summary>
    /// <exception cref="SpecToolException">A page is not a valid OpenAPI document, or the pages conflict.</exception>
    public static DriftReport Create(
        PulledSpec upstream, IReadOnlyList<SpecPage> committedPages, string committedName, Overlay overlay, NamesFile? names = null, CommittedNaming? committedNaming = null)
    {
        var committed = SpecMerger.Merge(committedPages);
        var latest = SpecMerger.Merge(upstream.PagesByUrl);
        var detected = DriftDetector.Compare(committed, latest);
        var other = new List<string>();
        if (detected.Count == 0)
        {
            CollectDifferences(committed, latest, other);
        }

        var renames = names is null || committedNaming is null ? [] : NameChanges.Find(committed, latest, committedNaming, overlay, names);
        var changes = renames.Concat(detected).OrderByDescending(change => change.Impact).ThenBy(change => change.Summary, StringComparer.Ordinal).ToList();

        // An action that no longer fits is reported once, as such, rather than also as masking an upstream change.
        var findings = OverlayCheck.Check(overlay, latest).ToList();
        findings.AddRange(OverlayCheck.Masked(overlay, committed, latest).Where(masked => findings.All(finding => finding.Action != masked.Action)));
        return new DriftReport(
            upstream.Index.AbsoluteUri,
            upstream.Pages.Select(page => page.Url.AbsoluteUri).ToList(),
            committedName,
            SpecPages.Compare(committedPages, upstream),
            changes,
            other,
            findings)
        {
            Names = names is null ? NameReport.None : NameReport.Create(committed, latest, overlay, names),
        };
    }

    /// <summary>The report as Markdown (LF line endings), for people and the CI job summary.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line("# Elemente API drift report");
        Line();
        Line($"Upstream: {Index} ({Pages.Count} API reference page{(Pages.Count == 1 ? "" : "s")}), compared with `{CommittedSpec}`.");
        Line();
        if (!HasDrift)
        {
            Line("**No drift**: the docs publish exactly the committed spec, and every overlay action still applies.");
            return text.ToString();
        }

        Line($"**Drift: {Changes.Count} change{(Changes.Count == 1 ? "" : "s")} ({BreakingCount} breaking, {CodeChangeCount} changing code), " +
             $"{OverlayFindings.Count} overlay action{(OverlayFindings.Count == 1 ? "" : "s")} to review.**");
        if (PageChanges.Any)
        {
            Line();
            Line("## Pages");
            Line();
            foreach (var (files, what) in new[] { (PageChanges.Added, "new"), (PageChanges.Changed, "changed"), (PageChanges.Removed, "no longer listed") })
            {
                foreach (var file in files)
                {
                    Line($"- `{file}`: {what}");
                }
            }
        }

        foreach (var (title, impact, label) in new[]
                 {
                     ("Breaking changes", DriftImpact.Breaking, "**BREAKING**"),
                     ("Code has to change once `update` regenerates", DriftImpact.CodeChange, "**code change**"),
                     ("Non-breaking changes", DriftImpact.NonBreaking, "non-breaking"),
                 })
        {
            var changes = Changes.Where(change => change.Impact == impact).ToList();
            if (changes.Count == 0)
            {
                continue;
            }

            Line();
            Line($"## {title} ({changes.Count})");
            Line();
            if (impact == DriftImpact.CodeChange)
            {
                Line("Safe on the wire: the client keeps working. But the regenerated public API changes, so code that uses these members has to change (a major version).");
                Line();
            }

            foreach (var change in changes)
            {
                var where = change.Operations.Where(operation => !change.Summary.Contains(operation, StringComparison.Ordinal)).ToList();
                var operations = where.Count == 0 ? "" : $" ({string.Join(", ", where)})";
                Line($"- {label}: {change.Summary}{operations}: {change.Reason}.");
            }
        }

        if (Changes.All(change => change.Kind == NameChanges.Kind) && !SameText)
        {
            Line();
            Line("## Other differences");
            Line();
            Line(OtherDifferences.Count == 0
                ? "The pages' text changed but their content did not (formatting only). Not breaking."
                : "No change to operations, parameters or schemas; these parts of the document differ (descriptions, examples, metadata). Not breaking:");
            foreach (var path in OtherDifferences)
            {
                Line($"- `{path}`");
            }
        }

        if (Names.Any)
        {
            Line();
            Line("## Public names");
            Line();
            Line($"Names are pinned in `{NamesFile.RelativePath}`: `update` adds the new ones below and renames nothing.");
            Line();
            foreach (var line in Names.Problems.Concat(Names.Added).Concat(Names.WouldRename))
            {
                Line($"- {line}");
            }
        }

        if (OverlayFindings.Count > 0)
        {
            Line();
            Line($"## Overlay actions to review ({OverlayFindings.Count})");
            Line();
            foreach (var finding in OverlayFindings)
            {
                Line($"- {finding.Action.Name}, {finding.Problem}: {finding.Detail}");
            }
        }

        Line();
        Line("## How to read this report");
        Line();
        foreach (var rule in DriftDetector.Rules)
        {
            Line($"- {rule}");
        }

        Line();
        Line("## What to do");
        Line();
        Line("1. Run `dotnet run --project build/Elemente.SpecTool -- update`: it writes the new or changed pages (openapi/pages/) and their provenance, adds the new names to openapi/names.yaml, builds the compatibility project and the solution, compares the client before and after with ApiCompat and shows the public API diff.");
        Line("2. Fix `openapi/elemente.overlay.yaml` for every overlay action listed above, and for any new quirk.");
        Line("3. For breaking changes, release a new major version and say in the release notes what callers must change.");
        return text.ToString();
    }

    /// <summary>The report as indented JSON (LF line endings), for tools.</summary>
    public string ToJson() => YamlJson.ToJson(new JObject
    {
        ["drift"] = HasDrift,
        ["index"] = Index,
        ["pages"] = new JArray(Pages),
        ["spec"] = CommittedSpec,
        ["sameText"] = SameText,
        ["pageChanges"] = new JObject
        {
            ["added"] = new JArray(PageChanges.Added),
            ["changed"] = new JArray(PageChanges.Changed),
            ["removed"] = new JArray(PageChanges.Removed),
        },
        ["breaking"] = BreakingCount,
        ["codeChanges"] = CodeChangeCount,
        ["changes"] = new JArray(Changes.Select(change => new JObject
        {
            ["kind"] = change.Kind,
            ["summary"] = change.Summary,
            ["breaking"] = change.Breaking,
            ["impact"] = change.Impact switch
            {
                DriftImpact.Breaking => "breaking",
                DriftImpact.CodeChange => "code-change",
                _ => "non-breaking",
            },
            ["reason"] = change.Reason,
            ["direction"] = change.Direction switch
            {
                DataDirection.Request => "request",
                DataDirection.Response => "response",
                DataDirection.None => null,
                _ => "request and response",
            },
            ["operations"] = new JArray(change.Operations),
        })),
        ["otherDifferences"] = new JArray(OtherDifferences),
        ["names"] = new JObject
        {
            ["added"] = new JArray(Names.Added),
            ["wouldRename"] = new JArray(Names.WouldRename),
            ["problems"] = new JArray(Names.Problems),
        },
        ["overlay"] = new JArray(OverlayFindings.Select(finding => new JObject
        {
            ["action"] = finding.Action.Number,
            ["name"] = finding.Action.Name,
            ["target"] = finding.Action.Target,
            ["problem"] = finding.Problem,
            ["detail"] = finding.Detail,
        })),
        ["rules"] = new JArray(DriftDetector.Rules),
    });

    private static void CollectDifferences(JToken? old, JToken? @new, List<string> paths)
    {
        if (paths.Count >= MaxOtherDifferences || JToken.DeepEquals(old, @new))
        {
            return;
        }

        if (old is JObject oldObject && @new is JObject newObject)
        {
            var names = oldObject.Properties().Select(p => p.Name).Union(newObject.Properties().Select(p => p.Name), StringComparer.Ordinal);
            foreach (var name in names)
            {
                CollectDifferences(oldObject[name], newObject[name], paths);
            }

            return;
        }

        paths.Add((old ?? @new)!.Path is { Length: > 0 } path ? $"$.{path}" : "$");
    }
}
