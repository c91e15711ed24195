namespace OrleansVm.Grains;

/// <summary>The persisted index.</summary>
public sealed class PackageCatalogState
{
    public Dictionary<string, PackageSummary> Packages { get; set; } = new(StringComparer.Ordinal);
}
