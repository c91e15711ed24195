using OrleansVm.Runtime;

namespace OrleansVm.Grains;

public sealed class PackageCatalogState
{
    public Dictionary<string, PackageSummary> Packages { get; set; } = new(StringComparer.Ordinal);
}

[GrainType(GrainTypes.PackageCatalog)]
public sealed class PackageCatalogGrain([PersistentState("catalog")] IPersistentState<PackageCatalogState> state) : Grain, IPackageCatalogGrain
{
    public async Task UpsertAsync(PackageSummary summary)
    {
        state.State.Packages[summary.PackageId] = summary;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<PackageSummary>> ListAsync() =>
        Task.FromResult<IReadOnlyList<PackageSummary>>([.. state.State.Packages.Values.OrderBy(p => p.PackageId, StringComparer.Ordinal)]);
}
