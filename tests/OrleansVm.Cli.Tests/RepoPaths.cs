namespace OrleansVm.Cli.Tests;

/// <summary>Files of the checkout the tests run from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Preset(string packageId) => Path.Combine(Root, "src", "OrleansVm.Presets", packageId + ".js");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansVm.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"No OrleansVm.sln above {AppContext.BaseDirectory}");
    }
}
