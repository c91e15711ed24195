using Orleans.Concurrency;

namespace OrleansVm.Grains;

/// <summary>
/// A workspace, the tenant boundary: its existence, client tokens, grants per package, instance
/// registry and custom domains. Key: the workspace id. Every method but <see cref="CreateAsync"/>
/// and <see cref="GetInfoAsync"/> answers WORKSPACE_NOT_FOUND for a workspace never created.
/// </summary>
public interface IWorkspaceGrain : IGrainWithStringKey
{
    /// <summary>WORKSPACE_EXISTS when it already exists.</summary>
    Task<WorkspaceInfo> CreateAsync();

    [ReadOnly]
    Task<WorkspaceInfo?> GetInfoAsync();

    Task<CreatedToken> CreateTokenAsync();

    /// <summary>NOT_FOUND for an unknown token id.</summary>
    Task RevokeTokenAsync(string tokenId);

    /// <summary>True when the token is a live client token of this workspace (compared by hash, in constant time).</summary>
    [ReadOnly]
    Task<bool> ValidateTokenAsync(string token);

    /// <summary>Replaces a package's grant (names validated and normalized; MODULE_NOT_ALLOWED for bad modules).</summary>
    Task<PackageGrants> PutGrantsAsync(string packageId, Grants grants);

    [ReadOnly]
    Task<IReadOnlyList<PackageGrants>> ListGrantsAsync();

    /// <summary>The workspace's grant for a package (<see cref="Grants.None"/> when none).</summary>
    [AlwaysInterleave]
    Task<Grants> GetGrantsAsync(string packageId);

    /// <summary>
    /// The instance's registration and effective grant now, or null when it is not registered in
    /// this workspace. Asked every turn by the instance and by domains re-checking a caller; it
    /// interleaves with everything (it only reads memory), so a workspace turn waiting on an
    /// instance never deadlocks with that instance waiting on a domain waiting on this.
    /// </summary>
    [AlwaysInterleave]
    Task<InstanceAccess?> GetInstanceAccessAsync(string instanceId);

    /// <summary>
    /// <see cref="GetInstanceAccessAsync"/> for the instance itself, which caches the answer: the workspace remembers
    /// it and calls the instance's <see cref="IPluginInstanceGrain.InvalidateAccessAsync"/> when the grant changes.
    /// </summary>
    [AlwaysInterleave]
    Task<InstanceAccess?> WatchInstanceAccessAsync(string instanceId);

    /// <summary>Creates an instance of a package version (latest when null): new id, instance grain created, registered.</summary>
    Task<InstanceView> CreateInstanceAsync(string packageId, string? version);

    /// <summary>Removes an instance: its grain is disposed, its domain entries removed. INSTANCE_NOT_FOUND when unknown.</summary>
    Task RemoveInstanceAsync(string instanceId);

    [AlwaysInterleave]
    Task<IReadOnlyList<InstanceRegistration>> ListInstancesAsync();

    /// <summary>Every instance with its effective grant now (for `GET .../instances`), oldest first.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<InstanceAccess>> ListInstanceAccessAsync();

    /// <summary>The registration, or null when the instance is not (or no longer) in this workspace.</summary>
    [AlwaysInterleave]
    Task<InstanceRegistration?> FindInstanceAsync(string instanceId);

    /// <summary>Defines or replaces a custom domain (PLUGIN_LOAD_ERROR when its code does not load; VALIDATION_ERROR for a built-in name). True when new.</summary>
    Task<bool> DefineDomainAsync(string domain, string code);

    [ReadOnly]
    Task<IReadOnlyList<DomainSummary>> ListDomainsAsync();
}
