using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>What a new spec does to the public names, for the drift report.</summary>
/// <param name="Added">The names <c>update</c> will add to the names file: new operations and types, named by the convention.</param>
/// <param name="WouldRename">"the convention would rename X to Y; kept X": names the new spec's convention gives differently, which the names file keeps.</param>
/// <param name="Problems">Why the new spec's names cannot be given (two operations with one name, a type named like a common .NET type).</param>
public sealed record NameReport(IReadOnlyList<string> Added, IReadOnlyList<string> WouldRename, IReadOnlyList<string> Problems)
{
    /// <summary>Nothing to say (no names file given).</summary>
    public static NameReport None { get; } = new([], [], []);

    /// <summary>Whether there is anything to say.</summary>
    public bool Any => Added.Count + WouldRename.Count + Problems.Count > 0;

    /// <summary>Names the committed and the upstream merged pages as the build would, and compares.</summary>
    public static NameReport Create(JObject committed, JObject upstream, Overlay overlay, NamesFile names)
    {
        PublicNaming? before;
        PublicNaming after;
        try
        {
            after = EffectiveSpec.Name((JObject)upstream.DeepClone(), overlay, names).Naming;
        }
        catch (SpecToolException ex)
        {
            return new NameReport([], [], [$"**the new spec's public names cannot be given**: {ex.Message}"]);
        }

        try
        {
            before = EffectiveSpec.Name((JObject)committed.DeepClone(), overlay, names).Naming;
        }
        catch (SpecToolException)
        {
            before = null;
        }

        var added = new List<string>();
        var wouldRename = new List<string>();
        foreach (var (key, name) in after.Used.Operations)
        {
            var convention = after.Convention.Operations[key];
            if (!names.Operations.ContainsKey(key))
            {
                added.Add($"new: `{key}` is `{name}`");
            }
            else if (convention != name && before?.Convention.Operations.GetValueOrDefault(key) != convention)
            {
                wouldRename.Add($"the convention would rename `{name}` to `{convention}` (`{key}`); kept `{name}`");
            }
        }

        foreach (var (pointer, name) in after.Used.Schemas)
        {
            var convention = after.Convention.Schemas[pointer];
            if (!names.Schemas.ContainsKey(pointer))
            {
                added.Add($"new: `{pointer}` is the type `{name}`");
            }
            else if (convention != name && before?.Convention.Schemas.GetValueOrDefault(pointer) != convention)
            {
                wouldRename.Add($"the convention would rename the type `{name}` to `{convention}` (`{pointer}`); kept `{name}`");
            }
        }

        return new NameReport(added, wouldRename, []);
    }
}
