using System.CommandLine;

namespace Elemente.SpecTool;

/// <summary>
/// The tool's command line: <c>overlay</c>, <c>extract</c>, <c>pull</c>, <c>drift</c> and <c>update</c>.
/// Exit codes: 0 success (for drift: no drift), 1 drift (or, for update, a changed public API), 2 an error,
/// reported in one line on the error stream as <c>error: ...</c>.
/// </summary>
public sealed class SpecToolCli
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly ProcessRunner? _runner;

    /// <summary>Creates the command line.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="runner">Runs dotnet for <c>update</c> (tests); a child process by default.</param>
    public SpecToolCli(TextWriter output, TextWriter error, ProcessRunner? runner = null)
    {
        _output = output;
        _error = error;
        _runner = runner;
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
            OverlayCommand(), ExtractCommand(), PullCommand(), DriftCommand(), UpdateCommand(),
        };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error }, cancellationToken);
    }

    private Command OverlayCommand()
    {
        var spec = new Option<FileInfo>("--spec") { Description = "The upstream OpenAPI document (YAML).", Required = true };
        var overlay = new Option<FileInfo>("--overlay") { Description = "The OpenAPI Overlay 1.0 document to apply.", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "Where to write the effective spec (JSON).", Required = true };
        var command = new Command("overlay", "Apply the overlay to the spec and write the effective spec that NSwag reads.") { spec, overlay, output };
        command.SetAction((parse, cancellationToken) => Run(async () =>
        {
            var specFile = parse.GetValue(spec)!;
            var overlayFile = parse.GetValue(overlay)!;
            var outputFile = parse.GetValue(output)!;
            var json = EffectiveSpec.Build(
                await File.ReadAllTextAsync(specFile.FullName, cancellationToken), specFile.Name,
                await File.ReadAllTextAsync(overlayFile.FullName, cancellationToken), overlayFile.Name);
            Files.WriteAtomically(outputFile.FullName, json);
            await _output.WriteLineAsync($"Effective spec written to {outputFile.FullName}");
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
        var (docsUrl, timeout) = (DocsUrlOption(), TimeoutOption());
        var output = SpecOption("--output", "Where to write the spec; its provenance goes beside it (.provenance.json).");
        var command = new Command("pull", "Pull the spec from the docs site (llms.txt, then every API reference page) and write it.")
        {
            docsUrl, output, timeout,
        };
        command.SetAction((parse, cancellationToken) => Run(async () =>
        {
            using var site = Site(parse, docsUrl, timeout);
            var pulled = await new SpecPuller(site).PullAsync(cancellationToken);
            var path = parse.GetValue(output)!.FullName;
            var provenance = SpecPuller.Write(pulled, path);
            await _output.WriteLineAsync($"Pulled {pulled.Pages.Count} page(s) from {pulled.Index}; wrote {path} and {provenance}.");
            return 0;
        }));
        return command;
    }

    private Command DriftCommand()
    {
        var (docsUrl, timeout) = (DocsUrlOption(), TimeoutOption());
        var spec = SpecOption("--spec", "The committed spec to compare with.");
        var overlay = OverlayOption();
        var json = new Option<bool>("--json") { Description = "Write the report as JSON instead of Markdown." };
        var command = new Command("drift", "Compare the spec the docs publish now with the committed one. Exit 0: no drift; 1: drift; 2: upstream unreachable or unparseable.")
        {
            docsUrl, json, spec, overlay, timeout,
        };
        command.SetAction((parse, cancellationToken) => Run(async () =>
        {
            var specFile = parse.GetValue(spec)!;
            var overlayFile = parse.GetValue(overlay)!;
            var committed = await File.ReadAllTextAsync(specFile.FullName, cancellationToken);
            var overlayDocument = Overlay.Parse(await File.ReadAllTextAsync(overlayFile.FullName, cancellationToken), overlayFile.Name);
            PulledSpec pulled;
            using (var site = Site(parse, docsUrl, timeout))
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

            var report = DriftReport.Create(pulled, committed, RelativeName(specFile.FullName), overlayDocument);
            await _output.WriteAsync(parse.GetValue(json) ? report.ToJson() : report.ToMarkdown());
            return report.HasDrift ? 1 : 0;
        }));
        return command;
    }

    private Command UpdateCommand()
    {
        var (docsUrl, timeout) = (DocsUrlOption(), TimeoutOption());
        var output = SpecOption("--output", "The spec to replace; its provenance goes beside it. The rebuild reads openapi/elemente.yaml.");
        var overlay = OverlayOption();
        var command = new Command("update", "Pull the spec, write it, rebuild the client and show the public API diff the change causes.")
        {
            docsUrl, output, overlay, timeout,
        };
        command.SetAction((parse, cancellationToken) => Run(async () =>
        {
            using var site = Site(parse, docsUrl, timeout);
            var updater = new SpecUpdater(new SpecPuller(site), RepositoryRoot(), _output, _runner);
            return await updater.RunAsync(parse.GetValue(output)!.FullName, parse.GetValue(overlay)!.FullName, cancellationToken);
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

    private static Option<FileInfo> SpecOption(string name, string description) => new(name)
    {
        Description = $"{description} Default: openapi/elemente.yaml in the repository.",
        DefaultValueFactory = _ => new FileInfo(Path.Combine(RepositoryRoot(), "openapi", "elemente.yaml")),
    };

    private static Option<FileInfo> OverlayOption() => new("--overlay")
    {
        Description = "The overlay whose actions are checked against the new spec. Default: openapi/elemente.overlay.yaml in the repository.",
        DefaultValueFactory = _ => new FileInfo(Path.Combine(RepositoryRoot(), "openapi", "elemente.overlay.yaml")),
    };

    private DocsSite Site(ParseResult parse, Option<string> docsUrl, Option<int> timeout) =>
        new(DocsSite.ParseUrl(parse.GetValue(docsUrl)!), TimeSpan.FromSeconds(parse.GetValue(timeout)));

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
