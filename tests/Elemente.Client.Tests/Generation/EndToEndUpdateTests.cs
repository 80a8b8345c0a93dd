using System.Collections.Concurrent;
using Elemente.SpecTool;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Elemente.Tests;

/// <summary>
/// Issue 11's acceptance: the docs publish new operations under new tags; in a copy of the repository, <c>update</c>
/// takes them, the client builds, and an app calls them through <see cref="ElementeClient"/>, with no hand edit. The
/// test doubles written against the API before the update (TestDoubles/TodaysApiDoubles.cs) still compile and work,
/// the compatibility project (tests/Elemente.Compatibility) still compiles, and ApiCompat finds no break (issue 20).
/// </summary>
[Collection(SlowBuilds.Name)]
public class EndToEndUpdateTests
{
    [Fact]
    public async Task Update_SyntheticDocsWithNewTags_ClientBuildsAndAppCallsTheNewOperations()
    {
        using var temp = new TempFolder("elemente-e2e-");
        var folder = temp.Path;
        var repository = Path.Combine(folder, "repo");
        await CopyTrackedFilesAsync(repository);
        var consumer = Path.Combine(repository, "e2e");
        GenerationShapesTests.CopyDirectory(Repository.File("tests", "Elemente.Client.Tests", "Fixtures", "end-to-end"), consumer);

        await using var docs = await StaticSite.StartAsync(Repository.File("tests", "fixtures", "docs"), Repository.File("tests", "fixtures", "synthetic-docs"));
        var steps = new List<string>();
        var buildLog = string.Empty;
        // update's own steps, with two stand-ins: the client before the change is this test run's own build of the
        // committed sources (the same code), and the whole solution's build is the consumer's (which builds the client
        // first). The compatibility project's build and ApiCompat are real. The snapshot test is left to this suite's
        // PublicApiTests (it would build the whole test project again).
        using var output = new StringWriter();
        using var site = new DocsSite(docs.Root, TimeSpan.FromSeconds(30), new Uri("https://docs.elemente.ai/"));
        var pages = Path.Combine(repository, "openapi", "pages");
        var updater = new SpecUpdater(new SpecPuller(site), repository, output, async (fileName, arguments, workingDirectory, cancellationToken) =>
        {
            steps.Add($"{fileName} {string.Join(' ', arguments)}");
            string[] real;
            if (arguments[0] == "test")
            {
                return 1;
            }
            else if (arguments.Contains("-f"))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(repository, ClientAssembly))!);
                File.Copy(Repository.File(ClientAssembly), Path.Combine(repository, ClientAssembly));
                return 0;
            }
            else if (arguments[0] == "build" && arguments[1] == "Elemente.Generated.sln")
            {
                real = new[] { "build", Path.Combine(consumer, "Consumer.csproj"), "-c", "Debug" };
            }
            else
            {
                real = arguments.ToArray();
            }

            var (exit, log) = await ProcessRun.RunAsync("dotnet", real, workingDirectory, TimeSpan.FromMinutes(8));
            buildLog += log;
            return exit;
        });
        var exitCode = await updater.RunAsync(pages, Path.Combine(repository, "openapi", "elemente.overlay.yaml"), CancellationToken.None);

        Assert.True(exitCode == 1, $"update exited {exitCode} (1: the public API changed):\n{output}\n{buildLog}");
        // Each step, as far as its arguments do not name the temporary work folder.
        var expected = new[]
        {
            "dotnet build " + SpecUpdater.ClientProject + " -f net8.0",
            "dotnet build " + SpecUpdater.CompatibilityProject + " -flp:LogFile=",
            "dotnet build Elemente.Generated.sln",
            "dotnet tool restore",
            "dotnet tool run apicompat --strict-mode -l ",
            "dotnet tool run apicompat -l ",
            "dotnet test " + Path.Combine("tests", "Elemente.Client.Tests") + " --filter " + SpecUpdater.PublicApiTestFilter,
        };
        Assert.Equal(expected.Length, steps.Count);
        Assert.All(expected.Zip(steps), pair => Assert.StartsWith(pair.First, pair.Second));
        Assert.Contains("ApiCompat and the drift report agree: no breaking C#-level difference.", output.ToString());
        Assert.True(File.Exists(Path.Combine(pages, "agents", "get-agent.yaml")), output.ToString());
        Assert.True(File.Exists(Path.Combine(pages, "knowledgebase", "create-knowledgebase.yaml")), output.ToString());

        var (runExit, run) = await ProcessRun.RunAsync("dotnet", new[] { Path.Combine(consumer, "bin", "Debug", "net10.0", "Consumer.dll") }, consumer, TimeSpan.FromMinutes(1));
        Assert.True(runExit == 0, run);
        Assert.Equal(
            new[]
            {
                "agent agent-7 Ava",
                "knowledgebase kb-1 Catalogue",
                "calls 1 call-1",
                "double fake-1 1",
                "sent GET https://api.elemente.ai/api/v1/agents/agent-7",
                "sent POST https://api.elemente.ai/api/v1/knowledgebase {\"name\":\"Catalogue\",\"url\":\"https://example.com/c\"}",
                "sent GET https://api.elemente.ai/api/v1/calls?limit=10",
            },
            run.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static readonly string ClientAssembly = Path.Combine("src", "Elemente.Client", "bin", "Debug", "net8.0", "Elemente.Client.dll");

    internal static async Task CopyTrackedFilesAsync(string to)
    {
        var (exit, files) = await ProcessRun.RunAsync("git", new[] { "ls-files", "-z" }, Repository.Root, TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, files);
        foreach (var file in files.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(Repository.Root, file);
            if (!File.Exists(source))
            {
                continue;
            }

            var target = Path.Combine(to, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    /// <summary>Serves files from folders on 127.0.0.1 (a later folder wins for the same path).</summary>
    internal sealed class StaticSite : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private StaticSite(WebApplication app, Uri root)
        {
            _app = app;
            Root = root;
        }

        public Uri Root { get; }

        public static async Task<StaticSite> StartAsync(params string[] folders)
        {
            var files = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            foreach (var folder in folders)
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                {
                    files["/" + Path.GetRelativePath(folder, file).Replace('\\', '/')] = file;
                }
            }

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.Run(context => files.TryGetValue(context.Request.Path.Value ?? string.Empty, out var file)
                ? context.Response.SendFileAsync(file)
                : Task.FromResult(context.Response.StatusCode = 404));
            await app.StartAsync();
            return new StaticSite(app, new Uri(app.Urls.Single().TrimEnd('/') + "/"));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
