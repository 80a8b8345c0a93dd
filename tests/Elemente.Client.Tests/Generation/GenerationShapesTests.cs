namespace Elemente.Tests;

/// <summary>
/// The client builds from the shapes of the operations the docs publish for other resources (issue 11, item 9), with
/// no overlay action: Fixtures/shapes/agents.yaml (a synthetic docs page) is merged with the real pages, generated as
/// the build does, compiled with the hand-written sources, and each shape is called once.
/// </summary>
[Collection(SlowBuilds.Name)]
public class GenerationShapesTests
{
    [Fact]
    public async Task Generate_SyntheticPageOfEveryShape_BuildsAndSendsEachShapeAsDocumented()
    {
        using var temp = new TempFolder("elemente-shapes-");
        var folder = temp.Path;
        var pages = Path.Combine(folder, "pages");
        CopyDirectory(Repository.File("openapi", "pages"), pages);
        Directory.CreateDirectory(Path.Combine(pages, "shapes"));
        File.Copy(Repository.File("tests", "Elemente.Client.Tests", "Fixtures", "shapes", "agents.yaml"), Path.Combine(pages, "shapes", "agents.yaml"));

        var code = await Generation.GenerateAsync(await Generation.EffectiveSpecAsync(pages, folder), folder);
        var generated = File.ReadAllText(code);
        var assembly = Generation.Compile(code, Repository.File("tests", "Elemente.Client.Tests", "Fixtures", "shapes", "ShapesProbe.cs"));
        var run = (Task<string>)assembly.GetType("Elemente.ShapesProbe.Probe")!.GetMethod("RunAsync")!.Invoke(null, null)!;
        var log = (await run).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            new[]
            {
                // Required query parameter positional; optional ones from the options class: integer, inline enum and
                // named enum by wire value, object as deepObject (no AdditionalProperties), array repeated.
                "GET https://api.elemente.ai/api/v1/agents?workspace=w%201&limit=5&status=archived&language=de-DE&filter%5Bname%5D=Ava&filter%5BcreatedAfter%5D=2026-01-01&tags=a&tags=b",
                "# agents: 1, first a1",
                "GET https://api.elemente.ai/api/v1/agents?workspace=w",
                "GET https://api.elemente.ai/api/v1/agents?workspace=w",
                "POST https://api.elemente.ai/api/v1/agents {\"name\":\"Ava\",\"language\":\"en-US\"}",
                "GET https://api.elemente.ai/api/v1/agents/a%2F1%3Fx",
                "PATCH https://api.elemente.ai/api/v1/agents/a1 {\"name\":\"Bea\"}",
                "DELETE https://api.elemente.ai/api/v1/agents/a1",
                "DELETE https://api.elemente.ai/api/v1/agents/a1",
                "# delete: 204, value null",
                "PUT https://api.elemente.ai/api/v1/agents/a1/prompt {\"text\":\"hi\"}",
                "GET https://api.elemente.ai/api/v1/skills/s1/actions?page=2",
                "GET https://api.elemente.ai/api/v1/calls/c1",
                "# id-1 id-1 id-1 hi x,y id-1",
            },
            log);

        // A second tag, and a path without tags, each became a resource on ElementeClient with no hand-written code.
        Assert.Contains("public virtual AgentsClient Agents =>", generated);
        Assert.Contains("public virtual SkillsClient Skills =>", generated);
        Assert.Contains("public virtual CallsClient Calls =>", generated);
    }

    [Fact]
    public async Task Generate_OperationWithHeaderParameter_FailsTheBuildNamingIt()
    {
        // The runtime sends no per-operation headers yet: such an operation must not build with its header silently dropped.
        using var temp = new TempFolder("elemente-shapes-");
        var pages = Path.Combine(temp.Path, "pages");
        CopyDirectory(Repository.File("openapi", "pages"), pages);
        var header = File.ReadAllText(Path.Combine(pages, "calls", "get-call.yaml")).Split("paths:")[0];
        File.WriteAllText(Path.Combine(pages, "calls", "export-calls.yaml"), header + """
            paths:
              /api/v1/calls/export:
                get:
                  tags:
                    - Calls
                  summary: Export calls
                  parameters:
                    - name: X-Export-Format
                      in: header
                      required: false
                      schema:
                        type: string
                  responses:
                    '204':
                      description: Export started
            """);

        var code = File.ReadAllText(await Generation.GenerateAsync(await Generation.EffectiveSpecAsync(pages, temp.Path), temp.Path));

        Assert.Contains("#error CallsClient.ExportAsync has the header parameter 'X-Export-Format'", code);
    }

    internal static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
