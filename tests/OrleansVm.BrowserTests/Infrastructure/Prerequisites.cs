namespace OrleansVm.BrowserTests.Infrastructure;

/// <summary>Checks what the browser tests need before anything starts, failing with what to do (never skipping).</summary>
public static class Prerequisites
{
    public const string ChromiumEnvironmentVariable = "ORLEANSVM_CHROMIUM";

    private static readonly string[] ChromiumCandidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    /// <summary>Debian's Chromium, or the binary named by <c>ORLEANSVM_CHROMIUM</c>.</summary>
    public static string RequireChromium()
    {
        if (Environment.GetEnvironmentVariable(ChromiumEnvironmentVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{ChromiumEnvironmentVariable}={configured} does not exist.");
        }
        return ChromiumCandidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "Chromium is missing: the browser tests drive Debian's Chromium. Install it with `apt-get install -y chromium` " +
                $"(tests/install-prerequisites.sh does), or set {ChromiumEnvironmentVariable} to a Chromium binary.");
    }

    public static void RequireBuiltPlayground()
    {
        if (!File.Exists(Path.Combine(TestPaths.PlaygroundDist, "index.html")))
        {
            throw new InvalidOperationException(
                $"The web playground is not built ({TestPaths.PlaygroundDist}/index.html is missing): " +
                $"run `npm ci && npm run build` in {TestPaths.PlaygroundDirectory} first (tests/run-all.sh does).");
        }
    }

    public static void RequireBuiltSilo()
    {
        if (!File.Exists(TestPaths.SiloAssembly))
        {
            throw new InvalidOperationException(
                $"The silo is not built ({TestPaths.SiloAssembly} is missing): build the solution, or `dotnet build src/OrleansVm.Silo` in the same configuration.");
        }
    }
}
