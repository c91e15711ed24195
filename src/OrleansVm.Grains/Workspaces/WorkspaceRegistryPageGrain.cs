using Orleans.Concurrency;

namespace OrleansVm.Grains;

/// <summary>
/// One page of a workspace's instance registry (at most <see cref="OrleansVmOptions.RegistryPageSize"/>
/// instances). Creating an instance rewrites one bounded page instead of the whole registry, so a
/// creation costs the same with 10 or 10,000 instances. Key: `workspaceId/pageNumber`. Only its
/// workspace may call it (checked from the runtime-set caller).
/// </summary>
public interface IWorkspaceRegistryPageGrain : IGrainWithStringKey
{
    [ReadOnly]
    [ReadsCaller]
    Task<List<RegisteredInstance>> ListAsync();

    [ReadsCaller]
    Task AddAsync(RegisteredInstance instance);

    [ReadsCaller]
    Task RemoveAsync(string instanceId);
}

[GrainType(GrainTypes.WorkspaceRegistryPage)]
public sealed class WorkspaceRegistryPageGrain(
    [PersistentState("registry-page", OrleansVmStorage.ProviderName)] IPersistentState<RegistryPageState> state)
    : Grain, IWorkspaceRegistryPageGrain
{
    public Task<List<RegisteredInstance>> ListAsync()
    {
        EnsureCalledByWorkspace();
        return Task.FromResult(state.State.Instances.ToList());
    }

    public async Task AddAsync(RegisteredInstance instance)
    {
        EnsureCalledByWorkspace();
        state.State.Instances.Add(instance);
        await state.SaveOrDropAsync(DeactivateOnIdle);
    }

    public async Task RemoveAsync(string instanceId)
    {
        EnsureCalledByWorkspace();
        if (state.State.Instances.RemoveAll(i => i.Registration.InstanceId == instanceId) == 0) return;
        await state.SaveOrDropAsync(DeactivateOnIdle);
    }

    private void EnsureCalledByWorkspace()
    {
        var (workspaceId, _) = DomainKeys.Parse(this.GetPrimaryKeyString());
        if (!CallerIdentity.Is(GrainTypes.Workspace, workspaceId))
            throw new OrleansVmException(ErrorCodes.NotFound, "The registry is managed through its workspace.");
    }
}

/// <summary>The stored page: instances in creation order.</summary>
[GenerateSerializer]
public sealed class RegistryPageState
{
    [Id(0)]
    public List<RegisteredInstance> Instances { get; set; } = [];
}
