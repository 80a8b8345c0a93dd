using System.Reflection;
using System.Runtime.Loader;
using Elemente.SpecTool;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Elemente.Tests;

/// <summary>
/// Runs the repository's code generation outside the build, as its targets do (build/Elemente.Generation.targets):
/// the spec tool's overlay over a folder of pages, then NSwag with nswag.json and build/templates. Then compiles the
/// result with src/Elemente.Client's hand-written sources, in memory.
/// </summary>
internal static class Generation
{
    private static readonly string NSwagDirectory =
        typeof(Generation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ElementeNSwagDirectory").Value!;

    /// <summary>Merges the pages, applies the repository's overlay and names file and writes the effective spec.</summary>
    public static async Task<string> EffectiveSpecAsync(string pages, string folder)
    {
        var effective = Path.Combine(folder, "elemente.effective.json");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new SpecToolCli(output, error).InvokeAsync(new[]
        {
            "overlay", "--pages", pages, "--overlay", Repository.File("openapi", "elemente.overlay.yaml"), "--names", Repository.File("openapi", "names.yaml"), "--output", effective,
        });
        Assert.True(exit == 0, $"the spec tool's overlay exited {exit}: {output}{error}");
        return effective;
    }

    /// <summary>Runs NSwag (its command line from the NSwag.MSBuild package) with nswag.json, from the repository root.</summary>
    public static async Task<string> GenerateAsync(string effectiveSpec, string folder)
    {
        var code = Path.Combine(folder, "Elemente.g.cs");
        var (exitCode, log) = await ProcessRun.RunAsync(
            "dotnet",
            new[] { Path.Combine(NSwagDirectory, "dotnet-nswag.dll"), "run", "nswag.json", $"/variables:Input={effectiveSpec},Output={code}" },
            Repository.Root,
            TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0 && File.Exists(code), $"NSwag exited {exitCode}:\n{log}");
        return code;
    }

    /// <summary>
    /// Compiles the generated code with every hand-written source of src/Elemente.Client (as its net8.0 build does:
    /// nullable on, implicit usings, warnings reported) and <paramref name="extraSources"/>; returns the loaded assembly.
    /// </summary>
    public static Assembly Compile(string generatedCode, params string[] extraSources)
    {
        var image = Emit("Elemente.Client.Generated" + Guid.NewGuid().ToString("N"), generatedCode, extraSources);
        using var assembly = new MemoryStream(image);
        return new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(assembly);
    }

    /// <summary>As <see cref="Compile"/>, but writes the assembly, named Elemente.Client, to <paramref name="path"/> (for ApiCompat).</summary>
    public static void CompileToFile(string path, string generatedCode, params string[] extraSources) =>
        File.WriteAllBytes(path, Emit("Elemente.Client", generatedCode, extraSources));

    private static byte[] Emit(string assemblyName, string generatedCode, string[] extraSources)
    {
        var root = Repository.File("src", "Elemente.Client");
        // As the project compiles them: not bin/, obj/, nor the public API listings in api/ (src/Directory.Build.targets).
        var listings = Path.Combine(root, "api") + Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.StartsWith(listings, StringComparison.Ordinal))
            .Append(generatedCode)
            .Concat(extraSources);
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose, preprocessorSymbols: new[] { "NET", "NETCOREAPP", "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET7_0_OR_GREATER", "NET8_0_OR_GREATER" });
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "GlobalUsings.g.cs"));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !Path.GetFileNameWithoutExtension(p).StartsWith("Elemente.", StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var assembly = new MemoryStream();
        var result = compilation.Emit(assembly);
        var problems = result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && !IgnoredWarnings.Contains(d.Id)))
            .Select(d => d.ToString())
            .ToList();
        Assert.True(problems.Count == 0, "the generated client does not compile cleanly:\n" + string.Join("\n", problems.Take(40)));
        return assembly.ToArray();
    }

    // Assembly version unification between the runtime's and the packages' assemblies: not about our code.
    private static readonly HashSet<string> IgnoredWarnings = new() { "CS1701", "CS1702" };

    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;
}
