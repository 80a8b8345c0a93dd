using System.Runtime.Versioning;

namespace Elemente.Tests;

/// <summary>
/// This suite is compiled twice: here against the net8.0 build, and in tests/Elemente.Client.Tests.NetStandard against
/// the netstandard2.0 build. Each run checks that it really loaded the build it means to test.
/// </summary>
public class LoadedBuildTests
{
#if ELEMENTE_NETSTANDARD_BUILD
    private const string ExpectedFramework = ".NETStandard,Version=v2.0";
#else
    private const string ExpectedFramework = ".NETCoreApp,Version=v8.0";
#endif

    [Fact]
    public void ElementeClientAssembly_Loaded_IsTheBuildThisSuiteTargets()
    {
        var framework = typeof(ElementeClient).Assembly.GetCustomAttributes(typeof(TargetFrameworkAttribute), false)
            .Cast<TargetFrameworkAttribute>().Single().FrameworkName;

        Assert.Equal(ExpectedFramework, framework);
    }

    [Fact]
    public void DependencyInjectionAssembly_Loaded_IsTheBuildThisSuiteTargets()
    {
        var assembly = typeof(ElementeServiceCollectionExtensions).Assembly;
        var framework = assembly.GetCustomAttributes(typeof(TargetFrameworkAttribute), false)
            .Cast<TargetFrameworkAttribute>().Single().FrameworkName;

        Assert.Equal(ExpectedFramework, framework);
    }
}
