using System.IO.Compression;
using System.Xml.Linq;
using Newtonsoft.Json.Linq;

namespace Consumer.App;

/// <summary>Opens each .nupkg (and its .snupkg) in the feed and checks what a consumer gets.</summary>
internal static class PackageInspection
{
    /// <summary>Every package ships both (see docs/packages.md), except those listed in <see cref="FrameworksOf"/>.</summary>
    private static readonly string[] Frameworks = { "netstandard2.0", "net8.0" };

    /// <summary>The emulator runs Kestrel, which has no netstandard2.0 build.</summary>
    private static readonly Dictionary<string, string[]> FrameworksOf = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Elemente.Client.Testing"] = new[] { "net8.0" },
    };

    /// <summary>
    /// .NET tools (packageType DotnetTool): their assemblies are in tools/TFM/any with their dependencies beside them,
    /// and the nuspec declares none. The elemente command line is one.
    /// </summary>
    private static readonly Dictionary<string, (string Folder, string Command)> Tools = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Elemente.Cli"] = ("tools/net10.0/any", "elemente"),
    };

    /// <summary>Dependencies only one package may declare: the emulator checks requests and answers against the spec with NJsonSchema.</summary>
    private static readonly Dictionary<string, string[]> AlsoAllowedFor = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Elemente.Client.Testing"] = new[] { "NJsonSchema" },
        // The campaign engine reads CSVs (Sylvan) and phone numbers (libphonenumber); its journal and pipeline need
        // System.Text.Json and System.Threading.Channels, in the box from .NET 8 on; on netstandard2.0 calling hours read
        // IANA time zone ids through TimeZoneConverter.
        ["Elemente.Client.Campaigns"] = new[] { "Sylvan.Data.Csv", "libphonenumber-csharp", "System.Text.Json", "System.Threading.Channels", "TimeZoneConverter" },
    };

    /// <summary>Packages that ship a README of their own for users (the others ship the client's, src/Elemente.Client/README.md).</summary>
    private static readonly string[] OwnReadme = { "Elemente.Client.Campaigns", "Elemente.Client.Testing" };

    /// <summary>Packages used only to build this repository; none may reach a consumer's dependency graph.</summary>
    private static readonly string[] BuildTimePackages =
    {
        "NSwag.*", "NJsonSchema*", "Microsoft.SourceLink.*", "Microsoft.Build.Tasks.Git", "Elemente.SpecTool",
        "YamlDotNet", "System.CommandLine", "*Analyzers", "PublicApiGenerator", "xunit*", "Microsoft.NET.Test.Sdk",
    };

    /// <summary>The runtime dependencies a package may declare. Adding one is a decision: add it here on purpose.</summary>
    private static readonly string[] AllowedDependencies = { "Newtonsoft.Json", "Elemente.Client", "Polly.Core", "Microsoft.Extensions.*", "System.Diagnostics.DiagnosticSource", "Microsoft.Bcl.AsyncInterfaces", "Microsoft.Bcl.TimeProvider" };

    /// <summary>The token of build/Elemente.snk's public key, which signs every shipped assembly.</summary>
    private const string PublicKeyToken = "253871cb283e2ca1";

    /// <summary>Consumers are not forced past this Newtonsoft.Json version.</summary>
    private const string NewtonsoftJsonFloor = "13.0.1";

    public static void Run(Checks checks, string feed, string version)
    {
        var packages = Directory.GetFiles(feed, "*.nupkg");
        checks.That(
            packages.Any(p => Path.GetFileName(p) == $"Elemente.Client.{version}.nupkg"),
            $"the feed {feed} holds Elemente.Client.{version}.nupkg (found: {string.Join(", ", packages.Select(Path.GetFileName))})");
        foreach (var package in packages)
        {
            Inspect(checks, package, version);
        }
    }

    /// <summary>Checks in a consumer's project.assets.json that it compiled against the package's folder for its framework.</summary>
    public static void CheckCompiledAgainst(Checks checks, string assetsFile, string version, string framework)
    {
        var assets = JObject.Parse(File.ReadAllText(assetsFile));
        var compile = (assets["targets"] as JObject)?.Properties()
            .Select(target => target.Value[$"Elemente.Client/{version}"]?["compile"] as JObject)
            .FirstOrDefault(c => c is not null);
        var paths = compile?.Properties().Select(p => p.Name).ToList() ?? new List<string>();
        checks.That(
            paths.Contains($"lib/{framework}/Elemente.Client.dll"),
            $"{Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(assetsFile)))} compiled against lib/{framework}/Elemente.Client.dll (it used: {string.Join(", ", paths)})");
    }

    private static void Inspect(Checks checks, string path, string version)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);
        var nuspecEntry = zip.Entries.SingleOrDefault(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        checks.That(nuspecEntry is not null, $"{Path.GetFileName(path)} has a .nuspec at its root");
        if (nuspecEntry is null)
        {
            return;
        }

        XElement metadata;
        using (var stream = nuspecEntry.Open())
        {
            var root = XDocument.Load(stream).Root!;
            metadata = root.Element(root.Name.Namespace + "metadata")!;
        }

        var ns = metadata.Name.Namespace;
        string Meta(string name) => metadata.Element(ns + name)?.Value.Trim() ?? string.Empty;
        var id = Meta("id");
        var package = $"{id} {version}";
        var frameworks = FrameworksOf.TryGetValue(id, out var own) ? own : Frameworks;
        var isTool = Tools.TryGetValue(id, out var tool);
        var folders = isTool ? new[] { tool.Folder } : frameworks.Select(f => $"lib/{f}").ToArray();

        checks.That(Meta("version") == version, $"{package}: the nuspec version is {version} (was '{Meta("version")}')");

        foreach (var folder in folders)
        {
            foreach (var file in new[] { $"{folder}/{id}.dll", $"{folder}/{id}.xml" })
            {
                checks.That(entries.TryGetValue(file, out var entry) && entry.Length > 0, $"{package}: the package contains {file}");
            }

            CheckStrongName(checks, entries, $"{folder}/{id}.dll", package);
        }

        if (isTool)
        {
            CheckTool(checks, metadata, entries, package, id, tool.Folder, tool.Command);
        }

        var license = metadata.Element(ns + "license");
        checks.That(
            license?.Attribute("type")?.Value == "expression" && license.Value == "MIT",
            $"{package}: the license is the expression MIT (was '{license}')");
        var readme = Meta("readme");
        checks.That(
            readme.Length > 0 && entries.TryGetValue(readme, out var readmeEntry) && readmeEntry.Length > 0,
            $"{package}: the nuspec names a README ('{readme}') that is packed and not empty");
        if (readme.Length > 0 && entries.TryGetValue(readme, out var packedReadme))
        {
            using var reader = new StreamReader(packedReadme.Open());
            var text = reader.ReadToEnd();
            var title = OwnReadme.Contains(id, StringComparer.OrdinalIgnoreCase) ? id : "Elemente.Client";
            checks.That(
                text.StartsWith($"# {title}\n", StringComparison.Ordinal) && text.Contains($"dotnet add package {title}") && !text.Contains("NSwag"),
                $"{package}: the packed README is the users' package README (src/{title}/README.md), not the repository's");
        }

        foreach (var field in new[] { "authors", "description", "projectUrl", "releaseNotes", "tags" })
        {
            checks.That(Meta(field).Length > 0, $"{package}: the nuspec has {field}");
        }

        var repositoryUrl = metadata.Element(ns + "repository")?.Attribute("url")?.Value;
        checks.That(!string.IsNullOrEmpty(repositoryUrl), $"{package}: the nuspec has a repository url");

        if (!isTool)
        {
            CheckDependencies(checks, metadata, package, id, frameworks);
        }

        CheckSymbols(checks, path, id, package, folders);
    }

    /// <summary>A tool: a DotnetTool package whose settings name its command, carrying its dependencies instead of declaring them.</summary>
    private static void CheckTool(Checks checks, XElement metadata, Dictionary<string, ZipArchiveEntry> entries, string package, string id, string folder, string command)
    {
        var ns = metadata.Name.Namespace;
        var types = metadata.Element(ns + "packageTypes")?.Elements(ns + "packageType").Select(t => t.Attribute("name")?.Value).ToList() ?? new List<string?>();
        checks.That(types.Contains("DotnetTool"), $"{package}: the nuspec's package type is DotnetTool (was: {string.Join(", ", types)})");
        checks.That(metadata.Element(ns + "dependencies") is null, $"{package}: a tool declares no dependencies (it carries them in {folder})");
        var settings = $"{folder}/DotnetToolSettings.xml";
        if (entries.TryGetValue(settings, out var entry))
        {
            using var stream = entry.Open();
            var commands = XDocument.Load(stream).Descendants("Command").ToList();
            checks.That(
                commands.Any(c => c.Attribute("Name")?.Value == command && c.Attribute("EntryPoint")?.Value == id + ".dll"),
                $"{package}: {settings} names the command {command} with entry point {id}.dll");
        }
        else
        {
            checks.That(false, $"{package}: the package contains {settings}");
        }
    }

    private static void CheckDependencies(Checks checks, XElement metadata, string package, string packageId, string[] frameworks)
    {
        var ns = metadata.Name.Namespace;
        var groups = metadata.Element(ns + "dependencies")?.Elements(ns + "group").ToList() ?? new List<XElement>();
        var groupFrameworks = groups.Select(g => g.Attribute("targetFramework")?.Value ?? "(none)").ToList();
        foreach (var framework in frameworks.Select(f => f == "netstandard2.0" ? ".NETStandard2.0" : f))
        {
            checks.That(groupFrameworks.Contains(framework), $"{package}: the nuspec has a dependency group for {framework} (has: {string.Join(", ", groupFrameworks)})");
        }

        foreach (var group in groups)
        {
            var framework = group.Attribute("targetFramework")?.Value;
            foreach (var dependency in group.Elements(ns + "dependency"))
            {
                var id = dependency.Attribute("id")?.Value ?? string.Empty;
                var range = dependency.Attribute("version")?.Value ?? string.Empty;
                var ownExtra = AlsoAllowedFor.TryGetValue(packageId, out var extra) && extra.Any(p => Matches(p, id));
                var buildTime = ownExtra ? null : BuildTimePackages.FirstOrDefault(p => Matches(p, id));
                checks.That(buildTime is null, $"{package}: the build-time package {id} is not a dependency (declared for {framework}; make it PrivateAssets=\"all\")");
                checks.That(
                    buildTime is not null || ownExtra || AllowedDependencies.Any(p => Matches(p, id)),
                    $"{package}: {id} {range} ({framework}) is an allowed runtime dependency (allowed: {string.Join(", ", AllowedDependencies)}; extend the list in tests/consumption if it is meant)");
                if (id == "Newtonsoft.Json")
                {
                    checks.That(
                        range == NewtonsoftJsonFloor || range == $"[{NewtonsoftJsonFloor}, )",
                        $"{package}: Newtonsoft.Json is required from {NewtonsoftJsonFloor} on, so consumers are not forced to upgrade (was '{range}' for {framework})");
                }
            }
        }
    }

    /// <summary>Strong-named with the repository's key (build/Elemente.snk), so strong-named .NET Framework apps can reference it.</summary>
    private static void CheckStrongName(Checks checks, Dictionary<string, ZipArchiveEntry> entries, string file, string package)
    {
        if (!entries.TryGetValue(file, out var entry))
        {
            return;
        }

        var extracted = Path.Combine(Path.GetTempPath(), $"elemente-strong-name-{Guid.NewGuid():N}.dll");
        try
        {
            entry.ExtractToFile(extracted);
            var token = Convert.ToHexString(System.Reflection.AssemblyName.GetAssemblyName(extracted).GetPublicKeyToken() ?? Array.Empty<byte>()).ToLowerInvariant();
            checks.That(token == PublicKeyToken, $"{package}: {file} is strong-named with public key token {PublicKeyToken} (was '{token}')");
        }
        finally
        {
            File.Delete(extracted);
        }
    }

    private static void CheckSymbols(Checks checks, string path, string id, string package, string[] folders)
    {
        var symbols = Path.ChangeExtension(path, ".snupkg");
        checks.That(File.Exists(symbols), $"{package}: a symbols package {Path.GetFileName(symbols)} is beside it");
        if (!File.Exists(symbols))
        {
            return;
        }

        using var zip = ZipFile.OpenRead(symbols);
        foreach (var folder in folders)
        {
            checks.That(zip.GetEntry($"{folder}/{id}.pdb") is { Length: > 0 }, $"{package}: the symbols package contains {folder}/{id}.pdb");
        }
    }

    private static bool Matches(string pattern, string id)
    {
        if (pattern.EndsWith('*'))
        {
            return id.StartsWith(pattern.TrimEnd('*'), StringComparison.OrdinalIgnoreCase);
        }

        if (pattern.StartsWith('*'))
        {
            return id.EndsWith(pattern.TrimStart('*'), StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(pattern, id, StringComparison.OrdinalIgnoreCase);
    }
}
