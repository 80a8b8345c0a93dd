using System.CommandLine;
using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>
/// The tool's command line: <c>overlay</c>, <c>merge</c>, <c>names</c>, <c>extract</c>, <c>pull</c>, <c>drift</c> and <c>update</c>.
/// Exit codes: 0 success (for drift: no drift), 1 drift (or, for update, a changed public API), 2 an error,
/// reported in one line on the error stream as <c>error: ...</c>.
/// </summary>
public sealed class SpecToolCli
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly ProcessRunner? _runner;
    private readonly string? _repositoryRoot;

    /// <summary>Creates the command line.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="runner">Runs dotnet for <c>update</c> (tests); a child process by default.</param>
    /// <param name="repositoryRoot">Where <c>update</c> builds (tests); by default <see cref="RepositoryRoot"/>.</param>
    public SpecToolCli(TextWriter output, TextWriter error, ProcessRunner? runner = null, string? repositoryRoot = null)
    {
        _output = output;
        _error = error;
        _runner = runner;
        _repositoryRoot = repositoryRoot;
    }

    /// <summary>The repository root: the nearest folder above the current one holding Elemente.Generated.sln, else the current folder.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Elemente.Generated.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    public Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Elemente spec tool: pulls the spec from the docs, checks it for drift, applies the overlay.")
        {
            OverlayCommand(), MergeCommand(), NamesCommand(), ExtractCommand(), PullCommand(), DriftCommand(), UpdateCommand(),
        };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error }, cancellationToken);
    }

    private Command OverlayCommand()
    {
        var pages = PagesOption("The page files to merge.");
        var overlay = OverlayOption();
        var output = new Option<FileInfo>("--output") { Description = "Where to write the effective spec (JSON).", Required = true };
        var merged = new Option<FileInfo?>("--merged-output") { Description = "Also write the merged pages, before the overlay (JSON)." };
        var names = NamesOption();
        var command = new Command("overlay", "Merge the pages, apply the overlay, give the public names and write the effective spec that NSwag reads.")
        {
            pages, overlay, names, output, merged,
        };
        command.SetAction((parse, cancellationToken) => Run(async () =>
        {
            var document = SpecMerger.Merge(SpecPages.Load(parse.GetValue(pages)!.FullName));
            var overlayFile = parse.GetValue(overlay)!;
            var outputFile = parse.GetValue(output)!;
            var effective = EffectiveSpec.Apply(
                (JObject)document.DeepClone(), await File.ReadAllTextAsync(overlayFile.FullName, cancellationToken), overlayFile.Name, NamesFile.Load(parse.GetValue(names)!.FullName));
            Files.WriteAtomically(outputFile.FullName, YamlJson.ToJson(effective));
            if (parse.GetValue(merged) is { } mergedFile)
            {
                Files.WriteAtomically(mergedFile.FullName, YamlJson.ToJson(document));
            }

            await _output.WriteLineAsync($"Effective spec written to {outputFile.FullName}");
            return 0;
        }));
        return command;
    }

    private Command MergeCommand()
    {
        var pages = PagesOption("The page files to merge.");
        var output = new Option<FileInfo>("--output") { Description = "Where to write the merged spec (JSON).", Required = true };
        var command = new Command("merge", "Merge the verbatim pages into one spec, without the overlay (for mock servers, linters and hashes).") { pages, output };
        command.SetAction((parse, cancellationToken) => Run(async () =>
        {
            var outputFile = parse.GetValue(output)!;
            Files.WriteAtomically(outputFile.FullName, EffectiveSpec.MergedFromFiles(parse.GetValue(pages)!.FullName));
            await _output.WriteLineAsync($"Merged spec written to {outputFile.FullName}");
            return 0;
        }));
        return command;
    }

    private Command NamesCommand()
    {
        var pages = PagesOption("The page files whose names to record.");
        var overlay = OverlayOption();
        var names = NamesOption();
        var command = new Command("names", $"Add an entry, named by the convention, for every operation and schema that {NamesFile.RelativePath} lacks; change no entry.")
        {
            pages, overlay, names,
        };
        command.SetAction((parse, cancellationToken) => Run(async () =>
        {
            var namesFile = parse.GetValue(names)!;
            var overlayFile = parse.GetValue(overlay)!;
            var added = NamesRecorder.Record(
                SpecPages.Load(parse.GetValue(pages)!.FullName), await File.ReadAllTextAsync(overlayFile.FullName, cancellationToken), overlayFile.Name, namesFile.FullName);
            await _output.WriteLineAsync(added.Count == 0 ? $"{namesFile.FullName} already names everything." : $"Added to {namesFile.FullName}: {string.Join(", ", added)}.");
            return 0;
        }));
        return command;
    }

    private Command ExtractCommand()
    {
        var page = new Argument<FileInfo>("page.md") { Description = "A docs page's Markdown export." };
        var command = new Command("extract", "Print the OpenAPI YAML block of a docs page.") { page };
        command.SetAction((parse, cancellationToken) => Run(async () =>
        {
            var file = parse.GetValue(page)!;
            await _output.WriteAsync(DocsPage.ExtractYaml(await File.ReadAllTextAsync(file.FullName, cancellationToken), file.Name));
            await _output.FlushAsync(cancellationToken);
            return 0;
        }));
        return command;
    }

    private Command PullCommand()
    {
        var (docsUrl, canonicalUrl, timeout) = (DocsUrlOption(), CanonicalUrlOption(), TimeoutOption());
        var pages = PagesOption("Where to write the pages, one file per page with its provenance beside it (.provenance.json).");
        var command = new Command("pull", "Pull the pages from the docs site (llms.txt, then every API reference page) and write the new and changed ones.")
        {
            docsUrl, canonicalUrl, pages, timeout,
        };
        command.SetAction((parse, cancellationToken) => Run(async () =>
        {
            using var site = Site(parse, docsUrl, canonicalUrl, timeout);
            var pulled = await new SpecPuller(site).PullAsync(cancellationToken);
            var folder = parse.GetValue(pages)!.FullName;
            var written = SpecPages.Write(pulled, folder);
            await _output.WriteLineAsync(
                $"Pulled {pulled.Pages.Count} page(s) from {pulled.Index} into {folder}: {written.Added.Count} new, {written.Changed.Count} changed, " +
                $"{written.Removed.Count} deleted, {written.Unchanged.Count} unchanged.");
            return 0;
        }));
        return command;
    }

    private Command DriftCommand()
    {
        var (docsUrl, canonicalUrl, timeout) = (DocsUrlOption(), CanonicalUrlOption(), TimeoutOption());
        var pages = PagesOption("The committed pages to compare with.");
        var overlay = OverlayOption();
        var json = new Option<bool>("--json") { Description = "Write the report as JSON instead of Markdown." };
        var names = NamesOption();
        var command = new Command("drift", "Compare the pages the docs publish now with the committed ones. Exit 0: no drift; 1: drift; 2: upstream unreachable or unparseable.")
        {
            docsUrl, canonicalUrl, json, pages, overlay, names, timeout,
        };
        command.SetAction((parse, cancellationToken) => Run(async () =>
        {
            var folder = parse.GetValue(pages)!.FullName;
            var overlayFile = parse.GetValue(overlay)!;
            var committed = SpecPages.Load(folder);
            var overlayDocument = Overlay.Parse(await File.ReadAllTextAsync(overlayFile.FullName, cancellationToken), overlayFile.Name);
            PulledSpec pulled;
            using (var site = Site(parse, docsUrl, canonicalUrl, timeout))
            {
                try
                {
                    pulled = await new SpecPuller(site).PullAsync(cancellationToken);
                }
                catch (SpecToolException ex)
                {
                    throw new SpecToolException($"upstream unreachable or unparseable: {ex.Message}", ex);
                }
            }

            var namesPath = parse.GetValue(names)!.FullName;
            var report = DriftReport.Create(
                pulled, committed, RelativeName(folder), overlayDocument, NamesFile.Load(namesPath), CommittedNaming.Read(overlayFile.FullName, namesPath));
            await _output.WriteAsync(parse.GetValue(json) ? report.ToJson() : report.ToMarkdown());
            return report.HasDrift ? 1 : 0;
        }));
        return command;
    }

    private Command UpdateCommand()
    {
        var (docsUrl, canonicalUrl, timeout) = (DocsUrlOption(), CanonicalUrlOption(), TimeoutOption());
        var pages = PagesOption("The pages to update; the rebuild reads openapi/pages/.");
        var overlay = OverlayOption();
        var names = NamesOption();
        var command = new Command(
            "update",
            "Pull the pages, write the new and changed ones, record new names, build the compatibility project and the solution, " +
            "compare the client before and after with ApiCompat, and show the public API diff the change causes.")
        {
            docsUrl, canonicalUrl, pages, overlay, names, timeout,
        };
        command.SetAction((parse, cancellationToken) => Run(async () =>
        {
            using var site = Site(parse, docsUrl, canonicalUrl, timeout);
            var updater = new SpecUpdater(new SpecPuller(site), _repositoryRoot ?? RepositoryRoot(), _output, _runner);
            return await updater.RunAsync(parse.GetValue(pages)!.FullName, parse.GetValue(overlay)!.FullName, parse.GetValue(names)!.FullName, cancellationToken);
        }));
        return command;
    }

    private static Option<string> DocsUrlOption() => new("--docs-url")
    {
        Description = "The docs root; its llms.txt lists the pages.",
        DefaultValueFactory = _ => DocsSite.DefaultUrl,
    };

    private static Option<int> TimeoutOption()
    {
        var option = new Option<int>("--timeout")
        {
            Description = "Seconds one fetch may take.",
            DefaultValueFactory = _ => (int)DocsSite.DefaultTimeout.TotalSeconds,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--timeout must be a positive number of seconds.");
            }
        });
        return option;
    }

    private static Option<string?> CanonicalUrlOption() => new("--canonical-url")
    {
        Description = "When --docs-url is a mirror: the real docs root (e.g. https://docs.elemente.ai). Links under it are fetched from " +
                      "--docs-url, and provenance records the real URLs. Default: --docs-url itself.",
    };

    private static Option<DirectoryInfo> PagesOption(string description) => new("--pages")
    {
        Description = $"{description} Default: openapi/pages in the repository.",
        DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(RepositoryRoot(), "openapi", "pages")),
    };

    private static Option<FileInfo> NamesOption() => new("--names")
    {
        Description = "The pinned public names (operations by METHOD /path, schemas by JSON pointer). Default: openapi/names.yaml in the repository.",
        DefaultValueFactory = _ => new FileInfo(Path.Combine(RepositoryRoot(), "openapi", "names.yaml")),
    };

    private static Option<FileInfo> OverlayOption() => new("--overlay")
    {
        Description = "The overlay whose actions are checked against the new spec. Default: openapi/elemente.overlay.yaml in the repository.",
        DefaultValueFactory = _ => new FileInfo(Path.Combine(RepositoryRoot(), "openapi", "elemente.overlay.yaml")),
    };

    private static DocsSite Site(ParseResult parse, Option<string> docsUrl, Option<string?> canonicalUrl, Option<int> timeout) =>
        new(
            DocsSite.ParseUrl(parse.GetValue(docsUrl)!),
            TimeSpan.FromSeconds(parse.GetValue(timeout)),
            parse.GetValue(canonicalUrl) is { } canonical ? DocsSite.ParseUrl(canonical) : null);

    private static string RelativeName(string path)
    {
        var relative = Path.GetRelativePath(RepositoryRoot(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }

    private async Task<int> Run(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is SpecToolException or IOException or UnauthorizedAccessException)
        {
            await _error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
    }
}
