using System.Text.Json.Nodes;
using Orleans.Concurrency;

namespace OrleansVm.Grains;

/// <summary>
/// A named piece of shared state in a workspace, changed only by its host-owned reducer.
/// Key: `workspaceId/domain`. The caller of <see cref="ApplyAsync"/> and <see cref="GetProjectionAsync"/>
/// is checked again here from the runtime-set caller identity, never from an argument.
/// </summary>
public interface ISharedDomainGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a shared intent once (a dispatch id already applied returns its first outcome
    /// without applying again); answers only once the change is durable.
    /// </summary>
    [ReadsCaller]
    Task<DomainOutcome> ApplyAsync(SharedDispatch dispatch);

    /// <summary>What the calling instance may see (null when it has no read grant or the domain does not exist).</summary>
    [ReadOnly]
    [ReadsCaller]
    Task<JsonNode?> GetProjectionAsync();

    /// <summary>The raw state, for operators; null when the domain does not exist.</summary>
    [ReadOnly]
    [ReadsCaller]
    Task<DomainStateView?> GetRawAsync();

    /// <summary>Defines or replaces this custom domain's code. Called by its workspace.</summary>
    [ReadsCaller]
    Task DefineAsync(string code);

    /// <summary>Drops what a removed instance owns here (its counter-summary entry, its cached access, ...). Called by its workspace.</summary>
    [ReadsCaller]
    Task ForgetInstanceAsync(string instanceId);

    /// <summary>A grant of the workspace changed: forget every cached instance access. Called by its workspace.</summary>
    [ReadsCaller]
    Task InvalidateAccessAsync();
}
