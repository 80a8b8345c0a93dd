using System.Reflection;

namespace Elemente.Tests;

/// <summary>Paths inside the repository this test assembly was built from.</summary>
internal static class Repository
{
    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string Root { get; } = Path.GetFullPath(Metadata("ElementeRepositoryRoot"));

    public static string Configuration { get; } = Metadata("ElementeConfiguration");

    public static string File(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    public static string Read(params string[] parts) => System.IO.File.ReadAllText(File(parts));

    public static string Fixture(string name) => Read("tests", "Elemente.Client.Tests", "Fixtures", name);
}
