namespace OrleansVm.Grains;

// The state name is distinct from the other catalog's: Orleans' ADO.NET storage keys rows by state name and
// grain key only (not grain type), and both catalogs have the key "catalog".
[GrainType(GrainTypes.WorkspaceCatalog)]
public sealed class WorkspaceCatalogGrain([PersistentState("workspace-catalog", OrleansVmStorage.ProviderName)] IPersistentState<WorkspaceCatalogState> state) : Grain, IWorkspaceCatalogGrain
{
    public async Task AddAsync(WorkspaceInfo workspace)
    {
        state.State.Workspaces[workspace.WorkspaceId] = workspace;
        await state.SaveOrDropAsync(DeactivateOnIdle);
    }

    public Task<IReadOnlyList<WorkspaceInfo>> ListAsync() =>
        Task.FromResult<IReadOnlyList<WorkspaceInfo>>([.. state.State.Workspaces.Values.OrderBy(w => w.WorkspaceId, StringComparer.Ordinal)]);
}
