namespace OrleansVm.Grains;

/// <summary>The persisted versions of one package, by version string.</summary>
public sealed class PackageState
{
    public Dictionary<string, PackageVersionInfo> Versions { get; set; } = new(StringComparer.Ordinal);
}
