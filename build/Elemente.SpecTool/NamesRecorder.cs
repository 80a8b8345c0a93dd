namespace Elemente.SpecTool;

/// <summary>Records in the names file the names of operations and schemas it has no entry for, as the build would give them.</summary>
public static class NamesRecorder
{
    /// <summary>
    /// Builds the effective spec of <paramref name="pages"/> with the names file at <paramref name="namesPath"/> and adds
    /// an entry for each name the file lacks; existing entries are never changed. Writes the file only when it adds one.
    /// </summary>
    /// <returns>The keys of the added entries.</returns>
    /// <exception cref="SpecToolException">The effective spec cannot be built (the names would not build either).</exception>
    public static IReadOnlyList<string> Record(IReadOnlyList<SpecPage> pages, string overlayYaml, string overlaySource, string namesPath)
    {
        var pinned = NamesFile.Load(namesPath);
        var (_, naming) = EffectiveSpec.Name(SpecMerger.Merge(pages), overlayYaml, overlaySource, pinned);
        var added = naming.Used.Operations.Keys.Where(key => !pinned.Operations.ContainsKey(key))
            .Concat(naming.Used.Schemas.Keys.Where(key => !pinned.Schemas.ContainsKey(key)))
            .ToList();
        if (added.Count > 0)
        {
            Files.WriteAtomically(namesPath, pinned.With(naming.Used).ToYaml());
        }

        return added;
    }
}
