using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>An overlay action that no longer fits the upstream spec.</summary>
/// <param name="Action">The action.</param>
/// <param name="Problem">
/// What is wrong: <c>matches-nothing</c>, <c>changes-nothing</c>, <c>fails</c>, <c>upstream-changed</c>, or
/// <c>guard-keeps</c> (the docs dropped a rule that a guard action keeps).
/// </param>
/// <param name="Detail">A sentence a person can act on.</param>
public sealed record OverlayFinding(OverlayAction Action, string Problem, string Detail);

/// <summary>
/// Applies the overlay to an upstream spec the way the build does (in order, each action seeing the ones before)
/// and reports the actions that no longer match anything (the build would fail) or no longer change anything
/// (upstream fixed the quirk: the action can go). A guard (<see cref="OverlayAction.Guard"/>) may change nothing: that
/// is what it does while the docs state its rule.
/// </summary>
public static class OverlayCheck
{
    /// <summary>Checks every action of <paramref name="overlay"/> against a copy of <paramref name="spec"/>.</summary>
    public static IReadOnlyList<OverlayFinding> Check(Overlay overlay, JToken spec)
    {
        var document = spec.DeepClone();
        var findings = new List<OverlayFinding>();
        foreach (var action in overlay.Actions)
        {
            OverlayActionResult result;
            try
            {
                result = Overlay.TryApply(document, action);
            }
            catch (SpecToolException ex)
            {
                findings.Add(new OverlayFinding(action, "fails", ex.Message));
                continue;
            }

            if (result.Matches == 0 && !action.Guard)
            {
                findings.Add(new OverlayFinding(action, "matches-nothing",
                    $"target `{action.Target}` matches nothing: the build would fail. Upstream may have renamed or fixed what it patches; change or delete the action."));
            }
            else if (!result.Changed && !action.Guard)
            {
                findings.Add(new OverlayFinding(action, "changes-nothing",
                    $"target `{action.Target}` already looks as the action makes it: upstream seems to have fixed the quirk; the action can probably go."));
            }
        }

        return findings;
    }

    /// <summary>
    /// The actions under whose targets upstream changed something from <paramref name="committed"/> to
    /// <paramref name="upstream"/>: what a remove action replaces, the fields an update action sets, and the nodes an action
    /// copies (<see cref="OverlayAction.CopiedFrom"/>). Such a change does not reach the client until the action is updated.
    /// A guard masks nothing (what upstream adds under it reaches the client); it is reported as <c>guard-keeps</c> when it
    /// restores a rule that the committed spec states and the upstream one no longer does.
    /// </summary>
    public static IReadOnlyList<OverlayFinding> Masked(Overlay overlay, JToken committed, JToken upstream)
    {
        var (before, after) = (committed.DeepClone(), upstream.DeepClone());
        var findings = new List<OverlayFinding>();
        foreach (var action in overlay.Actions)
        {
            var changed = Regions(action, before).Union(Regions(action, after), StringComparer.Ordinal)
                .Where(path => !JToken.DeepEquals(Select(before, path), Select(after, path)))
                .Select(path => (Path: path, How: action.Remove ? "replaces" : "patches"))
                .Concat(action.CopiedFrom.SelectMany(expression => Paths(committed, expression).Union(Paths(upstream, expression), StringComparer.Ordinal))
                    .Where(path => !JToken.DeepEquals(Select(committed, path), Select(upstream, path)))
                    .Select(path => (Path: path, How: "copies")))
                .ToList();
            // A guard masks nothing: it only adds what the docs leave out, reported below.
            if (changed.Count > 0 && !action.Guard)
            {
                findings.Add(new OverlayFinding(action, "upstream-changed",
                    $"upstream changed {string.Join(", ", changed.Select(change => $"`$.{change.Path}` (which the action {change.How})"))}: " +
                    "the client keeps the overlay's version until you bring the action up to date."));
            }

            var results = new OverlayActionResult?[2];
            foreach (var (document, index) in new[] { (before, 0), (after, 1) })
            {
                try
                {
                    results[index] = Overlay.TryApply(document, action);
                }
                catch (SpecToolException)
                {
                    // Check reports actions that fail; here only what each action covers matters.
                }
            }

            if (action.Guard && results[0]?.Matches > 0 && results[1]?.Matches == 0)
            {
                findings.Add(new OverlayFinding(action, "matches-nothing",
                    $"the guard's target `{action.Target}` matched in the committed spec and matches nothing upstream: what it guards is gone or renamed; change or delete the guard."));
            }
            else if (action.Guard && results[1]?.Changed == true && results[0]?.Changed == false)
            {
                findings.Add(new OverlayFinding(action, "guard-keeps",
                    $"upstream dropped part of what the guard at `{action.Target}` restates; the effective spec keeps it, so the client, the emulator and the contract tests go on as before. " +
                    "Check it against the API: if the API no longer enforces it, delete the guard and change what enforces it by hand (the validator, the emulator) with it."));
            }
        }

        return findings;
    }

    // The JSON paths an action overwrites in a document: each removed node, or each field an update sets.
    private static IEnumerable<string> Regions(OverlayAction action, JToken document)
    {
        foreach (var target in SelectAll(document, action.Target))
        {
            if (!action.Remove && target is JObject obj && action.Update is JObject update)
            {
                foreach (var field in update.Properties())
                {
                    yield return obj[field.Name]?.Path ?? (obj.Path.Length == 0 ? $"['{field.Name}']" : $"{obj.Path}['{field.Name}']");
                }
            }
            else
            {
                yield return target.Path;
            }
        }
    }

    private static IEnumerable<string> Paths(JToken document, string expression) => SelectAll(document, expression).Select(token => token.Path);

    private static List<JToken> SelectAll(JToken document, string expression)
    {
        try
        {
            return document.SelectTokens(expression).ToList();
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return [];
        }
    }

    private static JToken? Select(JToken document, string path) => path.Length == 0 ? document : document.SelectToken(path);
}
