using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace OrleansVm.Grains;

[GrainType(GrainTypes.PackageCatalog)]
public sealed class PackageCatalogGrain([PersistentState("catalog", OrleansVmStorage.ProviderName)] IPersistentState<PackageCatalogState> state) : Grain, IPackageCatalogGrain
{
    public async Task UpsertAsync(PackageSummary summary)
    {
        state.State.Packages[summary.PackageId] = summary;
        await state.SaveOrDropAsync(DeactivateOnIdle);
    }

    public Task<IReadOnlyList<PackageSummary>> ListAsync() =>
        Task.FromResult<IReadOnlyList<PackageSummary>>([.. state.State.Packages.Values.OrderBy(p => p.PackageId, StringComparer.Ordinal)]);
}
