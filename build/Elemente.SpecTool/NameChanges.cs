using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>
/// Renames of public names: an entry of openapi/names.yaml or an overlay action changed since the commit. Each is a
/// breaking change of the drift report (code that names the old member stops compiling), with what callers change.
/// </summary>
public static class NameChanges
{
    /// <summary>The change's kind in the drift report.</summary>
    public const string Kind = "renamed";

    /// <summary>
    /// Names the committed pages with the committed overlay and names file, and the upstream pages with the current
    /// ones, and returns each operation and type whose name differs. Nothing when either cannot be named (the report's
    /// public names section says why).
    /// </summary>
    public static IReadOnlyList<DriftChange> Find(JObject committedSpec, JObject upstreamSpec, CommittedNaming committed, Overlay overlay, NamesFile names)
    {
        NamesFile before;
        NamesFile after;
        try
        {
            before = EffectiveSpec.Name((JObject)committedSpec.DeepClone(), committed.Overlay, committed.Names).Naming.Used;
            after = EffectiveSpec.Name((JObject)upstreamSpec.DeepClone(), overlay, names).Naming.Used;
        }
        catch (SpecToolException)
        {
            return [];
        }

        var changes = new List<DriftChange>();
        foreach (var (key, old) in before.Operations)
        {
            if (after.Operations.GetValueOrDefault(key) is { } @new && @new != old)
            {
                var how = Source(committed.Names.Operations.GetValueOrDefault(key) != names.Operations.GetValueOrDefault(key));
                changes.Add(new DriftChange(Kind, $"renamed `{old}` to `{@new}` {how}", DriftImpact.Breaking, Reason(old, @new), DataDirection.None, [key]));
            }
        }

        foreach (var (pointer, old) in before.Schemas)
        {
            if (after.Schemas.GetValueOrDefault(pointer) is { } @new && @new != old)
            {
                var how = Source(committed.Names.Schemas.GetValueOrDefault(pointer) != names.Schemas.GetValueOrDefault(pointer));
                changes.Add(new DriftChange(Kind, $"renamed the type `{old}` to `{@new}` {how} (`{pointer}`)", DriftImpact.Breaking,
                    $"code that names `{old}` changes it to `{@new}`; CHANGELOG.md lists the rename with what callers change", DataDirection.None, []));
            }
        }

        return changes;
    }

    private static string Source(bool namesFileEdited) => namesFileEdited ? $"in {NamesFile.RelativePath}" : "by an overlay action";

    private static string Reason(OperationName old, OperationName @new)
    {
        var renames = new List<string>();
        if (old.Client != @new.Client)
        {
            renames.Add($"`{old.Client}Client` to `{@new.Client}Client`");
            renames.Add($"`client.{old.Client}` to `client.{@new.Client}`");
        }

        if (old.Method != @new.Method)
        {
            renames.Add($"`{old.Method}Async` to `{@new.Method}Async`");
            renames.Add($"`{old.Method}WithResponseAsync` to `{@new.Method}WithResponseAsync`");
        }

        var list = string.Join(", ", renames.Take(renames.Count - 1)) + " and " + renames[^1];
        return $"callers change {list}, and test doubles override the new names; CHANGELOG.md lists the rename with what callers change";
    }
}
