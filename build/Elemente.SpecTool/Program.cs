using System.CommandLine;
using System.Text;
using Elemente.SpecTool;

var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

var specOption = new Option<FileInfo>("--spec") { Description = "The upstream OpenAPI document (YAML).", Required = true };
var overlayOption = new Option<FileInfo>("--overlay") { Description = "The OpenAPI Overlay 1.0 document to apply.", Required = true };
var outputOption = new Option<FileInfo>("--output") { Description = "Where to write the effective spec (JSON).", Required = true };
var overlayCommand = new Command("overlay", "Apply the overlay to the spec and write the effective spec that NSwag reads.")
{
    specOption, overlayOption, outputOption,
};
overlayCommand.SetAction(parse => Run(() =>
{
    var spec = parse.GetValue(specOption)!;
    var overlay = parse.GetValue(overlayOption)!;
    var output = parse.GetValue(outputOption)!;
    var json = EffectiveSpec.Build(File.ReadAllText(spec.FullName), spec.Name, File.ReadAllText(overlay.FullName), overlay.Name);
    Files.WriteAtomically(output.FullName, json);
    Console.WriteLine($"Effective spec written to {output.FullName}");
}));

var pageArgument = new Argument<FileInfo>("page.md") { Description = "A docs page's Markdown export." };
var extractCommand = new Command("extract", "Print the OpenAPI YAML block of a docs page.") { pageArgument };
extractCommand.SetAction(parse => Run(() =>
{
    var page = parse.GetValue(pageArgument)!;
    var yaml = DocsPage.ExtractYaml(File.ReadAllText(page.FullName), page.Name);
    using var stdout = Console.OpenStandardOutput();
    var bytes = utf8.GetBytes(yaml);
    stdout.Write(bytes, 0, bytes.Length);
}));

var root = new RootCommand("Elemente spec tool: applies the overlay, extracts specs from the docs.")
{
    overlayCommand, extractCommand,
};
return root.Parse(args).Invoke();

static int Run(Action action)
{
    try
    {
        action();
        return 0;
    }
    catch (Exception ex) when (ex is SpecToolException or IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 2;
    }
}
