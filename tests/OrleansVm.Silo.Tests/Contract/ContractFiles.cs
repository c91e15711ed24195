namespace OrleansVm.Silo.Tests.Contract;

/// <summary>Where the checked-in copy of the contract lives (the TypeScript SDK generates its types from it).</summary>
internal static class ContractFiles
{
    public static string CheckedInDocument { get; } =
        Path.Combine(FindRoot(), "src", "OrleansVm.Client.TypeScript", "openapi", "v1.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansVm.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No OrleansVm.sln above {AppContext.BaseDirectory}");
    }
}
