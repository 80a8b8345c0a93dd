namespace Elemente.Tests;

/// <summary>
/// A build with the artifacts output layout (<c>--artifacts-path</c>, or <c>UseArtifactsOutput</c>) puts nothing
/// generated into the source tree, so the next plain build still compiles. Runs on a copy of the repository's tracked
/// files, so it never touches this checkout's bin/ and obj/.
/// </summary>
[Collection(SlowBuilds.Name)]
public class ArtifactsOutputTests
{
    [Fact]
    public async Task Build_WithArtifactsPath_WritesNothingIntoTheSourceTreeAndAPlainBuildStillSucceeds()
    {
        var copy = Directory.CreateTempSubdirectory("elemente-artifacts-").FullName;
        try
        {
            await CopyTrackedFilesAsync(copy);
            var project = Path.Combine(copy, "src", "Elemente.Client", "Elemente.Client.csproj");
            // One target framework keeps it cheap; the path logic does not depend on it. Not a CI build: the copy has
            // no .git for SourceLink to read.
            string[] common = { "build", project, "-f", "net8.0", "--nologo", "-p:ContinuousIntegrationBuild=false" };

            var artifacts = await ProcessRun.RunAsync("dotnet", common.Concat(new[] { "--artifacts-path", Path.Combine(copy, "artifacts") }), copy, TimeSpan.FromMinutes(5));
            Assert.True(artifacts.ExitCode == 0, $"the build with --artifacts-path failed:\n{artifacts.Output}");

            var generated = Directory.GetFiles(Path.Combine(copy, "src"), "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".g.cs", StringComparison.Ordinal) || f.EndsWith("elemente.effective.json", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(copy, f))
                .ToList();
            Assert.True(generated.Count == 0, $"generated files in the source tree: {string.Join(", ", generated)}");
            Assert.True(File.Exists(Path.Combine(copy, "artifacts", "obj", "Elemente.Client", "debug_net8.0", "Elemente.g.cs")), "the generated code is not in the artifacts folder");

            var plain = await ProcessRun.RunAsync("dotnet", common, copy, TimeSpan.FromMinutes(5));
            Assert.True(plain.ExitCode == 0, $"the plain build after the artifacts build failed:\n{plain.Output}");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static async Task CopyTrackedFilesAsync(string destination)
    {
        var (exitCode, output) = await ProcessRun.RunAsync("git", new[] { "ls-files", "-z" }, Repository.Root, TimeSpan.FromMinutes(1));
        Assert.True(exitCode == 0, $"git ls-files failed: {output}");
        foreach (var file in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Repository.File(file);
            if (!File.Exists(source))
            {
                continue; // deleted in the working tree, not yet committed
            }

            var target = Path.Combine(destination, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }
}
