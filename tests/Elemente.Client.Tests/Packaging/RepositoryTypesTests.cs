using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Elemente.SpecTool;
using Newtonsoft.Json.Linq;

namespace Elemente.Tests;

/// <summary>
/// The spec tool refuses a generated type named like a public type of this repository's packages, from a list it
/// embeds (build/Elemente.SpecTool/RepositoryTypes.txt: the tool is built before the packages and cannot read them).
/// This test keeps the list equal to the built assemblies' public types that the spec does not generate.
/// </summary>
public class RepositoryTypesTests
{
    [Fact]
    public void RepositoryTypesList_IsThePackagesHandWrittenPublicTypes()
    {
        var effective = JObject.Parse(EffectiveSpec.FromFiles(Repository.File("openapi", "pages"), Repository.File("openapi", "elemente.overlay.yaml"), Repository.File("openapi", "names.yaml")));
        var naming = EffectiveSpec.Name(SpecMerger.Merge(SpecPages.Load(Repository.File("openapi", "pages"))), Repository.Read("openapi", "elemente.overlay.yaml"), "elemente.overlay.yaml", NamesFile.Load(Repository.File("openapi", "names.yaml"))).Naming;
        var generated = TypeNameCollisions.GeneratedTypes(effective, naming).Select(type => "Elemente." + type.Name).ToHashSet(StringComparer.Ordinal);
        var built = new[] { "Elemente.Client", "Elemente.Client.DependencyInjection", "Elemente.Client.Testing", "Elemente.Client.Campaigns", "Elemente.Cli" }
            .SelectMany(project => PublicTypes(Directory.EnumerateFiles(Repository.File("src", project, "bin", Repository.Configuration), project + ".dll", SearchOption.AllDirectories).First()))
            .Where(type => type.StartsWith("Elemente.", StringComparison.Ordinal) && !generated.Contains(type))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var listed = TypeNameCollisions.RepositoryTypeLines(Repository.Read("build", "Elemente.SpecTool", "RepositoryTypes.txt")).Order(StringComparer.Ordinal).ToList();

        Assert.True(built.SequenceEqual(listed), "build/Elemente.SpecTool/RepositoryTypes.txt must list, one a line:\n" + string.Join("\n", built));
        Assert.Equal(built.Count, TypeNameCollisions.RepositoryTypes.Count);
    }

    private static IEnumerable<string> PublicTypes(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if ((type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public)
            {
                var name = reader.GetString(type.Name);
                var tick = name.IndexOf('`', StringComparison.Ordinal);
                yield return $"{reader.GetString(type.Namespace)}.{(tick < 0 ? name : name[..tick])}";
            }
        }

        yield break;
    }
}
