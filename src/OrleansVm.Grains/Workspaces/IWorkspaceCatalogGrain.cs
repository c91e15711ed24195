using Orleans.Concurrency;

namespace OrleansVm.Grains;

/// <summary>The index of all workspaces, for operators. Key: <see cref="Key"/>.</summary>
public interface IWorkspaceCatalogGrain : IGrainWithStringKey
{
    const string Key = "catalog";

    Task AddAsync(WorkspaceInfo workspace);

    [ReadOnly]
    Task<IReadOnlyList<WorkspaceInfo>> ListAsync();
}
