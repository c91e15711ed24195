using System.Reflection;

namespace OrleansVm.BrowserTests.Infrastructure;

/// <summary>Where the repository, the built silo, the built playground and the test artefacts are.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = Metadata("OrleansVm.RepoRoot");

    /// <summary>The silo built in the same configuration as these tests (the project reference orders the build).</summary>
    public static string SiloAssembly { get; } = Environment.GetEnvironmentVariable("ORLEANSVM_BROWSER_TESTS_SILO") is { Length: > 0 } overridden
        ? Path.GetFullPath(overridden)
        : Metadata("OrleansVm.SiloAssembly");

    public static string PlaygroundDirectory { get; } = Path.Combine(RepoRoot, "src", "OrleansVm.Playground");

    public static string PlaygroundDist { get; } = Path.Combine(PlaygroundDirectory, "dist");

    /// <summary><c>TestResults/</c> in the test output directory: screenshots and the silo's log.</summary>
    public static string Artefacts { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults");

    public static string Screenshots { get; } = Path.Combine(Artefacts, "screenshots");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing: rebuild OrleansVm.BrowserTests.");
}
