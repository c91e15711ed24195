using Orleans.Concurrency;

namespace OrleansVm.Grains;

/// <summary>The index of all packages, for listing. Key: <see cref="Key"/>.</summary>
public interface IPackageCatalogGrain : IGrainWithStringKey
{
    const string Key = "catalog";

    /// <summary>Records (or refreshes) a package's summary after a publish.</summary>
    Task UpsertAsync(PackageSummary summary);

    [ReadOnly]
    Task<IReadOnlyList<PackageSummary>> ListAsync();
}
