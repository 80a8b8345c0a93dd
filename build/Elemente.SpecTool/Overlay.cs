using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>One action of an OpenAPI Overlay 1.0 document.</summary>
/// <param name="Number">The action's position, from 1.</param>
/// <param name="Target">The JSONPath expression selecting the nodes to change.</param>
/// <param name="Description">Why the action exists.</param>
/// <param name="Update">The object merged into each target, if any.</param>
/// <param name="Remove">Whether the targets are removed.</param>
/// <param name="CopiedFrom">
/// JSONPath expressions of upstream nodes whose content the action copies (its <c>x-elemente-copied-from</c>), e.g. an
/// enum whose values it hard-codes: a drift check reports upstream changes there, naming the action.
/// </param>
public sealed record OverlayAction(int Number, string Target, string? Description, JToken? Update, bool Remove, IReadOnlyList<string> CopiedFrom)
{
    /// <summary>The action extension that lists the upstream nodes an action copies.</summary>
    public const string CopiedFromExtension = "x-elemente-copied-from";

    /// <summary>The action extension that marks a guard (<see cref="Guard"/>).</summary>
    public const string GuardExtension = "x-elemente-guard";

    /// <summary>
    /// Whether the action is a guard (<c>x-elemente-guard: true</c>): it restates a rule the API enforces and this library
    /// enforces by hand (the validator, the emulator), so that the effective spec keeps the rule if the docs drop it. A
    /// guard only adds what is missing: a field its target lacks, a list item its target does not hold; it never
    /// overwrites (the docs may reword a description it restates). While the docs state the rule it changes nothing,
    /// which is expected; when they drop it, the drift report says the guard now keeps it. A guard's target may match
    /// nothing (a spec without the operation it guards has no rule to keep); the drift report says so when it matched
    /// in the committed spec, and a test holds every action of the committed overlay to matching the committed pages.
    /// </summary>
    public bool Guard { get; init; }

    /// <summary>How the action is named in messages: its number and the first line of its description.</summary>
    public string Name
    {
        get
        {
            var summary = Description?.Split('\n')[0].Trim();
            if (summary is { Length: > 80 })
            {
                summary = summary.Substring(0, 77) + "...";
            }

            return string.IsNullOrEmpty(summary) ? $"action #{Number}" : $"action #{Number} ({summary})";
        }
    }
}

/// <summary>What applying one action did.</summary>
/// <param name="Action">The action.</param>
/// <param name="Matches">How many nodes its target matched.</param>
/// <param name="Changed">Whether applying it changed the document.</param>
public sealed record OverlayActionResult(OverlayAction Action, int Matches, bool Changed);

/// <summary>
/// An OpenAPI Overlay 1.0 document (https://spec.openapis.org/overlay/v1.0.0): ordered actions, each a JSONPath
/// <c>target</c> with an <c>update</c> to merge in or <c>remove: true</c>.
/// </summary>
public sealed class Overlay
{
    private Overlay(IReadOnlyList<OverlayAction> actions) => Actions = actions;

    /// <summary>The actions, in the order they apply.</summary>
    public IReadOnlyList<OverlayAction> Actions { get; }

    /// <summary>Reads an overlay document from YAML or JSON text.</summary>
    /// <exception cref="SpecToolException">The document is not a valid overlay.</exception>
    public static Overlay Parse(string text, string source)
    {
        if (YamlJson.Parse(text, source) is not JObject root)
        {
            throw new SpecToolException($"{source}: an overlay document must be a mapping");
        }

        var version = root.Value<string>("overlay");
        if (version is null || !version.StartsWith("1.", StringComparison.Ordinal))
        {
            throw new SpecToolException($"{source}: 'overlay: 1.x' is required (found '{version ?? "nothing"}')");
        }

        if (root["actions"] is not JArray items || items.Count == 0)
        {
            throw new SpecToolException($"{source}: 'actions' must be a non-empty list");
        }

        var actions = new List<OverlayAction>();
        foreach (var item in items)
        {
            var number = actions.Count + 1;
            if (item is not JObject action)
            {
                throw new SpecToolException($"{source}: action #{number} must be a mapping");
            }

            var target = action.Value<string>("target");
            if (string.IsNullOrWhiteSpace(target))
            {
                throw new SpecToolException($"{source}: action #{number} has no 'target'");
            }

            var remove = action["remove"]?.Type == JTokenType.Boolean && action.Value<bool>("remove");
            var update = action["update"];
            if (remove == (update is not null))
            {
                throw new SpecToolException($"{source}: action #{number} must have exactly one of 'update' and 'remove: true'");
            }

            var copiedFrom = action[OverlayAction.CopiedFromExtension] switch
            {
                null => [],
                JValue { Type: JTokenType.String } one => [one.ToString()],
                JArray list when list.All(item => item.Type == JTokenType.String) => list.Select(item => item.ToString()).ToList(),
                _ => throw new SpecToolException($"{source}: action #{number}: '{OverlayAction.CopiedFromExtension}' must be a JSONPath or a list of them"),
            };
            var guard = action[OverlayAction.GuardExtension] switch
            {
                null => false,
                JValue { Type: JTokenType.Boolean } flag => flag.Value<bool>(),
                _ => throw new SpecToolException($"{source}: action #{number}: '{OverlayAction.GuardExtension}' must be true or false"),
            };
            if (guard && remove)
            {
                throw new SpecToolException($"{source}: action #{number}: a guard ('{OverlayAction.GuardExtension}') restates a rule, so it must be an update, not a remove");
            }

            actions.Add(new OverlayAction(number, target!, action.Value<string>("description"), update, remove, copiedFrom) { Guard = guard });
        }

        return new Overlay(actions);
    }

    /// <summary>
    /// Applies every action to <paramref name="document"/>, in place and in order.
    /// </summary>
    /// <exception cref="SpecToolException">An action's target matches nothing (a guard's may: see <see cref="OverlayAction.Guard"/>) or cannot take its update.</exception>
    public IReadOnlyList<OverlayActionResult> Apply(JToken document)
    {
        var results = new List<OverlayActionResult>(Actions.Count);
        foreach (var action in Actions)
        {
            var result = TryApply(document, action);
            if (result.Matches == 0 && !action.Guard)
            {
                throw new SpecToolException(
                    $"Overlay {action.Name}: target '{action.Target}' matches nothing in the spec. " +
                    "Upstream may have fixed or renamed what it patches: review the action, then change or delete it.");
            }

            results.Add(result);
        }

        return results;
    }

    /// <summary>
    /// Applies one action and says what it matched, without failing when it matches nothing
    /// (used to check which actions still apply to a newer spec).
    /// </summary>
    public static OverlayActionResult TryApply(JToken document, OverlayAction action)
    {
        List<JToken> targets;
        try
        {
            targets = document.SelectTokens(action.Target).ToList();
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw new SpecToolException($"Overlay {action.Name}: target '{action.Target}' is not valid JSONPath: {ex.Message}", ex);
        }

        var changed = false;
        foreach (var target in targets)
        {
            var before = action.Remove ? null : target.DeepClone();
            if (action.Remove)
            {
                Remove(target, action);
                changed = true;
            }
            else
            {
                Merge(target, action.Update!, action);
                changed |= !JToken.DeepEquals(before, target);
            }
        }

        return new OverlayActionResult(action, targets.Count, changed);
    }

    private static void Remove(JToken target, OverlayAction action)
    {
        switch (target.Parent)
        {
            case JProperty property:
                property.Remove();
                break;
            case JArray:
                target.Remove();
                break;
            default:
                throw new SpecToolException($"Overlay {action.Name}: target '{action.Target}' selects the document root, which cannot be removed");
        }
    }

    // A guard's merge: adds each field the target lacks and each list item it does not hold; keeps every value it has.
    private static void AddMissing(JToken target, JToken update)
    {
        switch (target, update)
        {
            case (JObject obj, JObject patch):
                foreach (var field in patch.Properties())
                {
                    if (obj[field.Name] is { } existing)
                    {
                        AddMissing(existing, field.Value);
                    }
                    else
                    {
                        obj[field.Name] = field.Value.DeepClone();
                    }
                }

                break;
            case (JArray array, JArray items):
                foreach (var item in items.Where(item => !array.Any(existing => JToken.DeepEquals(existing, item))))
                {
                    array.Add(item.DeepClone());
                }

                break;
        }
    }

    private static void Merge(JToken target, JToken update, OverlayAction action)
    {
        switch (target)
        {
            case JObject obj when update is JObject patch && action.Guard:
                AddMissing(obj, patch);
                break;
            case JObject obj when update is JObject patch:
                obj.Merge(patch.DeepClone(), new JsonMergeSettings
                {
                    MergeArrayHandling = MergeArrayHandling.Concat,
                    MergeNullValueHandling = MergeNullValueHandling.Merge,
                });
                break;
            case JArray array when action.Guard:
                AddMissing(array, update as JArray ?? new JArray(update.DeepClone()));
                break;
            case JArray array:
                // Overlay 1.0: an update to an array appends (each item, when the update is itself a list).
                foreach (var item in update is JArray items ? items.ToArray() : new[] { update })
                {
                    array.Add(item.DeepClone());
                }

                break;
            default:
                throw new SpecToolException(
                    $"Overlay {action.Name}: target '{action.Target}' selects a {target.Type}, which an update of type {update.Type} cannot be merged into");
        }
    }
}
