using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace OrleansVm.Grains;

[GrainType(GrainTypes.WorkspaceCatalog)]
public sealed class WorkspaceCatalogGrain([PersistentState("catalog", OrleansVmStorage.ProviderName)] IPersistentState<WorkspaceCatalogState> state) : Grain, IWorkspaceCatalogGrain
{
    public async Task AddAsync(WorkspaceInfo workspace)
    {
        state.State.Workspaces[workspace.WorkspaceId] = workspace;
        await state.SaveOrDropAsync(DeactivateOnIdle);
    }

    public Task<IReadOnlyList<WorkspaceInfo>> ListAsync() =>
        Task.FromResult<IReadOnlyList<WorkspaceInfo>>([.. state.State.Workspaces.Values.OrderBy(w => w.WorkspaceId, StringComparer.Ordinal)]);
}
