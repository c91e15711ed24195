namespace OrleansVm.Grains;

/// <summary>The persisted index.</summary>
[GenerateSerializer]
public sealed class PackageCatalogState
{
    [Id(0)]
    public Dictionary<string, PackageSummary> Packages { get; set; } = new(StringComparer.Ordinal);
}
