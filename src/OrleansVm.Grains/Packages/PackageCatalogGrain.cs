namespace OrleansVm.Grains;

// The state name is distinct from the other catalog's: Orleans' ADO.NET storage keys rows by state name and
// grain key only (not grain type), and both catalogs have the key "catalog".
[GrainType(GrainTypes.PackageCatalog)]
public sealed class PackageCatalogGrain([PersistentState("package-catalog", OrleansVmStorage.ProviderName)] IPersistentState<PackageCatalogState> state) : Grain, IPackageCatalogGrain
{
    public async Task UpsertAsync(PackageSummary summary)
    {
        state.State.Packages[summary.PackageId] = summary;
        await state.SaveOrDropAsync(DeactivateOnIdle);
    }

    public Task<IReadOnlyList<PackageSummary>> ListAsync() =>
        Task.FromResult<IReadOnlyList<PackageSummary>>([.. state.State.Packages.Values.OrderBy(p => p.PackageId, StringComparer.Ordinal)]);
}
