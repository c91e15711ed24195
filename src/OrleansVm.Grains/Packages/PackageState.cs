namespace OrleansVm.Grains;

/// <summary>The persisted versions of one package, by version string.</summary>
[GenerateSerializer]
public sealed class PackageState
{
    [Id(0)]
    public Dictionary<string, PackageVersionInfo> Versions { get; set; } = new(StringComparer.Ordinal);
}
