using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace Elemente.Tests;

/// <summary>
/// Issue 20, checked on the generated code itself (NSwag run as the build runs it, compiled in memory with the
/// hand-written sources, XML doc references included): adding a page renames nothing, inline schemas get scoped names,
/// and an overload the docs add makes no hand-written reference ambiguous.
/// </summary>
[Collection(SlowBuilds.Name)]
public class PublicNamesGenerationTests
{
    [Fact]
    public async Task Generate_PagesAThenAPlusB_EveryPublicNameOfAIsUnchanged()
    {
        using var temp = new TempFolder("elemente-names-");
        var pages = Path.Combine(temp.Path, "pages");
        GenerationShapesTests.CopyDirectory(Repository.File("openapi", "pages"), pages);
        var before = PublicNames(Generation.Compile(await GenerateAsync(pages, Path.Combine(temp.Path, "a"))));

        // B: the list page of issue 20 (inline enums channel and status, object dateRange) and a page of every shape.
        File.Copy(Repository.File("tests", "fixtures", "names", "list-calls.yaml"), Path.Combine(pages, "calls", "list-calls.yaml"));
        Directory.CreateDirectory(Path.Combine(pages, "shapes"));
        File.Copy(Repository.File("tests", "Elemente.Client.Tests", "Fixtures", "shapes", "agents.yaml"), Path.Combine(pages, "shapes", "agents.yaml"));
        var after = PublicNames(Generation.Compile(await GenerateAsync(pages, Path.Combine(temp.Path, "ab"))));

        Assert.NotEmpty(before);
        Assert.Empty(before.Except(after));
        var added = after.Except(before).ToList();
        Assert.Contains("type Elemente.ListCallsStatus", added);
        Assert.Contains("type Elemente.ListCallsDateRange", added);
        Assert.Contains("member Elemente.ListCallsOptions.Channel: System.Nullable`1[Elemente.InteractionChannel]", added);
        Assert.Contains("member Elemente.ListCallsOptions.DateRange: Elemente.ListCallsDateRange", added);
        // No bare noun and no number suffix: every new type is scoped by its owner.
        Assert.DoesNotContain(added, name => name is "type Elemente.Channel" or "type Elemente.Status" or "type Elemente.Filter" || (name.StartsWith("type ", StringComparison.Ordinal) && char.IsDigit(name[^1])));
    }

    [Fact]
    public async Task Generate_OptionalQueryParameterOnCreateCall_TheHandWrittenDocsStillCompile()
    {
        // Issue 20, item 3: the added overload made <see cref="CallsClient.CreateWithResponseAsync"/> ambiguous (CS0419).
        using var temp = new TempFolder("elemente-names-");
        var pages = Path.Combine(temp.Path, "pages");
        GenerationShapesTests.CopyDirectory(Repository.File("openapi", "pages"), pages);
        // Added to the operation's parameters structurally, not by the page's exact text: the scheduled update proof runs
        // this test after a docs change (one row adds a query parameter itself), and it must still hold.
        var page = Directory.EnumerateFiles(pages, "*.yaml", SearchOption.AllDirectories).Single(file => CreateCall(LoadYaml(file)) is not null);
        var yaml = LoadYaml(page);
        var operation = CreateCall(yaml)!;
        var parameters = operation.Children.TryGetValue(new YamlScalarNode("parameters"), out var existing) ? (YamlSequenceNode)existing : new YamlSequenceNode();
        parameters.Style = YamlDotNet.Core.Events.SequenceStyle.Block;
        parameters.Add(new YamlMappingNode(
            new YamlScalarNode("name"), new YamlScalarNode("notifyAgent"),
            new YamlScalarNode("in"), new YamlScalarNode("query"),
            new YamlScalarNode("required"), new YamlScalarNode("false"),
            new YamlScalarNode("schema"), new YamlMappingNode(new YamlScalarNode("type"), new YamlScalarNode("boolean"))));
        operation.Children[new YamlScalarNode("parameters")] = parameters;
        using (var writer = new StreamWriter(page))
        {
            yaml.Save(writer, assignAnchors: false);
        }

        var code = await GenerateAsync(pages, temp.Path);
        var assembly = Generation.Compile(code);

        var overloads = assembly.GetType("Elemente.CallsClient")!.GetMethods().Where(m => m.Name == "CreateWithResponseAsync").ToList();
        Assert.Equal(2, overloads.Count);
        Assert.NotNull(assembly.GetType("Elemente.CreateCallsOptions")!.GetProperty("NotifyAgent"));
    }

    private static YamlStream LoadYaml(string file)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(file);
        yaml.Load(reader);
        return yaml;
    }

    // POST /api/v1/calls in a page, or null when the page does not carry it.
    private static YamlMappingNode? CreateCall(YamlStream yaml) =>
        yaml.Documents[0].RootNode is YamlMappingNode root
            && root.Children.TryGetValue(new YamlScalarNode("paths"), out var paths)
            && ((YamlMappingNode)paths).Children.TryGetValue(new YamlScalarNode("/api/v1/calls"), out var path)
            && ((YamlMappingNode)path).Children.TryGetValue(new YamlScalarNode("post"), out var post)
            ? (YamlMappingNode)post
            : null;

    private static async Task<string> GenerateAsync(string pages, string folder)
    {
        Directory.CreateDirectory(folder);
        return await Generation.GenerateAsync(await Generation.EffectiveSpecAsync(pages, folder), folder);
    }

    // Every public type and member, as a caller or a test double sees it.
    private static HashSet<string> PublicNames(Assembly assembly)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetExportedTypes())
        {
            names.Add($"type {type.FullName}");
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var visible = member switch
                {
                    MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
                    FieldInfo field => field.IsPublic || field.IsFamily,
                    PropertyInfo property => property.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily),
                    _ => true,
                };
                if (visible && member is not Type)
                {
                    names.Add($"member {type.FullName}.{member.Name}: {Signature(member)}");
                }
            }
        }

        return names;
    }

    private static string Signature(MemberInfo member) => member switch
    {
        MethodBase method => $"({string.Join(", ", method.GetParameters().Select(p => $"{p.ParameterType} {p.Name}"))}) {(method as MethodInfo)?.ReturnType}",
        PropertyInfo property => property.PropertyType.ToString(),
        FieldInfo field => field.FieldType.ToString(),
        EventInfo @event => @event.EventHandlerType?.ToString() ?? string.Empty,
        _ => member.MemberType.ToString(),
    };
}
