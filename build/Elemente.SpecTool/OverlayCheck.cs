using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>An overlay action that no longer fits the upstream spec.</summary>
/// <param name="Action">The action.</param>
/// <param name="Problem">What is wrong: <c>matches-nothing</c>, <c>changes-nothing</c> or <c>fails</c>.</param>
/// <param name="Detail">A sentence a person can act on.</param>
public sealed record OverlayFinding(OverlayAction Action, string Problem, string Detail);

/// <summary>
/// Applies the overlay to an upstream spec the way the build does (in order, each action seeing the ones before)
/// and reports the actions that no longer match anything (the build would fail) or no longer change anything
/// (upstream fixed the quirk: the action can go).
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

            if (result.Matches == 0)
            {
                findings.Add(new OverlayFinding(action, "matches-nothing",
                    $"target `{action.Target}` matches nothing: the build would fail. Upstream may have renamed or fixed what it patches; change or delete the action."));
            }
            else if (!result.Changed)
            {
                findings.Add(new OverlayFinding(action, "changes-nothing",
                    $"target `{action.Target}` already looks as the action makes it: upstream seems to have fixed the quirk; the action can probably go."));
            }
        }

        return findings;
    }
}
