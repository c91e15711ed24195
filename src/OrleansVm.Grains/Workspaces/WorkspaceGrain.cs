using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrleansVm.Sandbox;

namespace OrleansVm.Grains;

/// <summary>
/// A workspace. Changes run in exclusive turns; the registry and grant reads interleave with them
/// (see <see cref="IWorkspaceGrain.GetInstanceAccessAsync"/>), which is safe without a lock because
/// Orleans runs an activation's turns one at a time and a change never awaits half-way through an
/// update of the maps. The instance registry is kept in memory and stored in bounded pages
/// (<see cref="IWorkspaceRegistryPageGrain"/>), loaded when the workspace activates.
/// </summary>
[GrainType(GrainTypes.Workspace)]
public sealed class WorkspaceGrain(
    [PersistentState("workspace", OrleansVmStorage.ProviderName)] IPersistentState<WorkspaceState> state,
    NativeModuleRegistry modules,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    OrleansVmOptions options) : Grain, IWorkspaceGrain
{
    private const int InstanceIdAttempts = 8;

    // The registry: every instance with the page that stores it, and how full each page is.
    private readonly Dictionary<string, (RegisteredInstance Instance, int Page)> _instances = new(StringComparer.Ordinal);
    private readonly List<int> _pageCounts = [];

    // Effective grants asked on every render, event and dispatch; dropped whenever a grant or the registry changes.
    private readonly Dictionary<string, InstanceAccess> _accessCache = new(StringComparer.Ordinal);

    // Instances that cache their access (WatchInstanceAccessAsync) by package, as far as this activation knows: a grant
    // change invalidates them. An earlier activation's watchers are unknown (it may have crashed), so until a package's
    // first grant change here, that change invalidates every registered instance of the package.
    private readonly Dictionary<string, HashSet<string>> _accessWatchers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _watchersKnown = new(StringComparer.Ordinal);
    private bool _allWatchersKnown;

    private string WorkspaceId => this.GetPrimaryKeyString();

    private WorkspaceState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _allWatchersKnown = S.CreatedAt is null; // a workspace created by this activation: nobody cached anything before
        if (S.CreatedAt is null) return;
        var pages = await Task.WhenAll(Enumerable.Range(0, S.RegistryPages).Select(p => Page(p).ListAsync()));
        for (var page = 0; page < pages.Length; page++)
        {
            _pageCounts.Add(pages[page].Count);
            foreach (var instance in pages[page]) _instances[instance.Registration.InstanceId] = (instance, page);
        }

        // A registry stored before pages existed moves into pages once.
        if (S.Instances.Count != 0)
        {
            foreach (var instance in S.Instances.Values.OrderBy(i => i.Registration.CreatedAt))
            {
                if (!_instances.ContainsKey(instance.Registration.InstanceId)) await AppendAsync(instance);
            }

            S.Instances.Clear();
            await state.SaveOrDropAsync(DeactivateOnIdle);
        }
    }

    private IWorkspaceRegistryPageGrain Page(int page) => GrainFactory.Ref<IWorkspaceRegistryPageGrain>(DomainKeys.Of(WorkspaceId, page.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Stores a new registration in the last page with room (one bounded write), opening a page when all are full.</summary>
    private async Task AppendAsync(RegisteredInstance instance)
    {
        var pageSize = Math.Max(1, options.RegistryPageSize);
        var page = _pageCounts.Count - 1;
        if (page < 0 || _pageCounts[page] >= pageSize)
        {
            // The page count is durable before the page is written: a crash in between leaves an empty page, never a lost one.
            S.RegistryPages = _pageCounts.Count + 1;
            await state.SaveOrDropAsync(DeactivateOnIdle);
            _pageCounts.Add(0);
            page = _pageCounts.Count - 1;
        }

        await Page(page).AddAsync(instance);
        _pageCounts[page]++;
        _instances[instance.Registration.InstanceId] = (instance, page);
    }

    public async Task<WorkspaceInfo> CreateAsync()
    {
        Ids.Require(Ids.IsWorkspaceId(WorkspaceId), "workspaceId", WorkspaceId);
        if (S.CreatedAt is not null)
            throw new OrleansVmException(ErrorCodes.WorkspaceExists, $"Workspace '{WorkspaceId}' already exists.");
        S.CreatedAt = clock.GetUtcNow();
        await state.SaveOrDropAsync(DeactivateOnIdle);
        var info = new WorkspaceInfo(WorkspaceId, S.CreatedAt.Value);
        await GrainFactory.Ref<IWorkspaceCatalogGrain>(IWorkspaceCatalogGrain.Key).AddAsync(info);
        return info;
    }

    public Task<WorkspaceInfo?> GetInfoAsync() =>
        Task.FromResult(S.CreatedAt is { } created ? new WorkspaceInfo(WorkspaceId, created) : null);

    public async Task<CreatedToken> CreateTokenAsync()
    {
        EnsureExists();
        var (tokenId, token) = ClientTokens.Create(WorkspaceId);
        S.Tokens[tokenId] = new TokenRecord(tokenId, ClientTokens.Hash(token), clock.GetUtcNow());
        await state.SaveOrDropAsync(DeactivateOnIdle);
        return new CreatedToken(tokenId, token);
    }

    public async Task RevokeTokenAsync(string tokenId)
    {
        EnsureExists();
        if (!S.Tokens.Remove(tokenId ?? "")) throw new OrleansVmException(ErrorCodes.NotFound, $"Token '{tokenId}' not found.");
        await state.SaveOrDropAsync(DeactivateOnIdle);
    }

    public Task<bool> ValidateTokenAsync(string token)
    {
        if (S.CreatedAt is null || !ClientTokens.TryParse(token, out var workspaceId, out var tokenId) || workspaceId != WorkspaceId)
            return Task.FromResult(false);
        var record = S.Tokens.GetValueOrDefault(tokenId);
        return Task.FromResult(record is not null && ClientTokens.Matches(token, record.Hash));
    }

    public async Task<PackageGrants> PutGrantsAsync(string packageId, Grants grants)
    {
        EnsureExists();
        Ids.Require(Ids.IsPackageId(packageId), "packageId", packageId);
        var normalized = GrantRules.Normalize(grants, modules);
        S.Grants[packageId] = normalized;
        _accessCache.Clear();

        await state.SaveOrDropAsync(DeactivateOnIdle);
        // The domains and the package's instances cache instance access: the new grant applies to them once this call returns.
        await Task.WhenAll([.. AllDomains().Select(d => Domain(d).InvalidateAccessAsync()), InvalidateInstancesAsync(packageId)]);
        return new PackageGrants(packageId, normalized);
    }

    public Task<IReadOnlyList<PackageGrants>> ListGrantsAsync()
    {
        EnsureExists();
        return Task.FromResult<IReadOnlyList<PackageGrants>>(
            [.. S.Grants.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new PackageGrants(g.Key, g.Value))]);
    }

    public Task<Grants> GetGrantsAsync(string packageId)
    {
        EnsureExists();
        return Task.FromResult(S.Grants.GetValueOrDefault(packageId) ?? Grants.None);
    }

    public Task<InstanceAccess?> GetInstanceAccessAsync(string instanceId)
    {
        if (S.CreatedAt is null) return Task.FromResult<InstanceAccess?>(null);
        return Task.FromResult(AccessOf(instanceId));
    }

    public Task<InstanceAccess?> WatchInstanceAccessAsync(string instanceId)
    {
        if (S.CreatedAt is null) return Task.FromResult<InstanceAccess?>(null);
        var access = AccessOf(instanceId);
        if (access is not null)
        {
            var packageId = access.Registration.PackageId;
            if (!_accessWatchers.TryGetValue(packageId, out var watchers)) _accessWatchers[packageId] = watchers = new(StringComparer.Ordinal);
            watchers.Add(instanceId);
        }

        return Task.FromResult(access);
    }

    /// <summary>
    /// Drops the cached access of the package's instances: those this activation answered, or every registered one
    /// while an earlier activation's watchers may still cache (activating them; a rare operator action).
    /// </summary>
    private async Task InvalidateInstancesAsync(string packageId)
    {
        // Taken before the first await: an instance asking again from here on gets the new grant and watches anew.
        var targets = _allWatchersKnown || _watchersKnown.Contains(packageId)
            ? (_accessWatchers.GetValueOrDefault(packageId) ?? []).ToList()
            : _instances.Values.Where(i => i.Instance.Registration.PackageId == packageId).Select(i => i.Instance.Registration.InstanceId).ToList();
        _accessWatchers.Remove(packageId);
        _watchersKnown.Add(packageId);
        try
        {
            await Task.WhenAll(targets.Select(i => GrainFactory.Ref<IPluginInstanceGrain>(i).InvalidateAccessAsync()));
        }
        catch
        {
            _watchersKnown.Remove(packageId); // some may still cache the old grant: the next change tells them all
            throw;
        }
    }

    public async Task<InstanceView> CreateInstanceAsync(string packageId, string? version)
    {
        EnsureExists();
        Ids.Require(Ids.IsPackageId(packageId), "packageId", packageId);
        if (version is not null) Ids.Require(Ids.IsVersion(version), "version", version);
        InstanceQuota.Require(_instances.Count, options.MaxInstancesPerWorkspace);
        var package = await GrainFactory.Ref<IPackageGrain>(packageId).GetVersionAsync(version)
            ?? throw new OrleansVmException(ErrorCodes.PackageNotFound,
                version is null ? $"Package '{packageId}' not found." : $"Package '{packageId}' has no version {version}.");

        for (var attempt = 0; attempt < InstanceIdAttempts; attempt++)
        {
            var instanceId = Ids.NewInstanceId(packageId);
            if (_instances.ContainsKey(instanceId)) continue;

            InstanceView view;
            try
            {
                view = await GrainFactory.Ref<IPluginInstanceGrain>(instanceId).CreateAsync(WorkspaceId, package);
            }
            catch (OrleansVmException error) when (error.Code == ErrorCodes.InstanceExists)
            {
                continue; // taken in another workspace: ids are global grain keys
            }

            var registration = new InstanceRegistration(instanceId, packageId, package.Version, package.Title, package.Widgets,
                "active", Enabled: true, clock.GetUtcNow());
            await AppendAsync(new RegisteredInstance(registration, package.Manifest.Capabilities, package.Manifest.Modules));
            _accessCache.Clear();
            var access = AccessOf(instanceId)!;
            await Events.PublishManyAsync(
            [
                new NewWorkspaceEvent(WorkspaceEventNames.InstanceCreated, new JsonObject
                {
                    ["instanceId"] = instanceId, ["packageId"] = packageId, ["version"] = package.Version,
                    ["title"] = package.Title, ["widgets"] = new JsonArray([.. package.Widgets.Select(w => (JsonNode)w)]),
                }),
                RegistryChanged(),
            ]);
            return view with { Grants = access.Grants };
        }

        throw new InvalidOperationException($"Could not find a free instance id for '{packageId}' in {InstanceIdAttempts} attempts.");
    }

    public async Task RemoveInstanceAsync(string instanceId)
    {
        EnsureExists();
        if (!_instances.Remove(instanceId ?? "", out var removed))
            throw new OrleansVmException(ErrorCodes.InstanceNotFound, $"Instance '{instanceId}' not found.");
        _accessCache.Clear();
        _accessWatchers.GetValueOrDefault(removed.Instance.Registration.PackageId)?.Remove(instanceId!);
        _pageCounts[removed.Page]--;

        // Unregistered first: from here on every domain refuses this instance's late dispatches.
        try
        {
            await Page(removed.Page).RemoveAsync(instanceId!);
        }
        catch
        {
            DeactivateOnIdle(); // memory is ahead of storage: reload the registry
            throw;
        }

        await GrainFactory.Ref<IPluginInstanceGrain>(instanceId!).RemoveAsync(WorkspaceId);
        await Task.WhenAll(AllDomains().Select(d => Domain(d).ForgetInstanceAsync(instanceId!)));
        await Events.PublishManyAsync(
        [
            new NewWorkspaceEvent(WorkspaceEventNames.InstanceRemoved, new JsonObject
            {
                ["instanceId"] = instanceId, ["packageId"] = removed.Instance.Registration.PackageId,
            }),
            RegistryChanged(),
        ]);
    }

    /// <summary>
    /// The derived `runtime-registry` domain is the instance list: it changes with every create/remove. Published in the
    /// same batch as, just after, `instance.created`/`instance.removed`.
    /// </summary>
    private static NewWorkspaceEvent RegistryChanged() =>
        new(WorkspaceEventNames.DomainChanged, new JsonObject { ["domain"] = BuiltInDomains.RuntimeRegistry });

    public Task<IReadOnlyList<InstanceRegistration>> ListInstancesAsync()
    {
        EnsureExists();
        return Task.FromResult<IReadOnlyList<InstanceRegistration>>(
            [.. _instances.Values.Select(i => i.Instance.Registration).OrderBy(r => r.CreatedAt).ThenBy(r => r.InstanceId, StringComparer.Ordinal)]);
    }

    public Task<IReadOnlyList<InstanceAccess>> ListInstanceAccessAsync()
    {
        EnsureExists();
        return Task.FromResult<IReadOnlyList<InstanceAccess>>(
            [.. _instances.Values.Select(i => i.Instance.Registration).OrderBy(r => r.CreatedAt).ThenBy(r => r.InstanceId, StringComparer.Ordinal)
                .Select(r => AccessOf(r.InstanceId)!)]);
    }

    public Task<InstanceRegistration?> FindInstanceAsync(string instanceId)
    {
        if (S.CreatedAt is null) return Task.FromResult<InstanceRegistration?>(null);
        return Task.FromResult(_instances.TryGetValue(instanceId, out var entry) ? entry.Instance.Registration : null);
    }

    public async Task<bool> DefineDomainAsync(string domain, string code)
    {
        EnsureExists();
        Ids.Require(Ids.IsDomain(domain), "domain", domain);
        if (BuiltInDomains.Contains(domain))
        {
            throw new OrleansVmException(ErrorCodes.ValidationError, $"'{domain}' is a built-in domain and cannot be redefined.",
                new JsonObject { ["field"] = "domain" });
        }

        await GrainFactory.Ref<ISharedDomainGrain>(DomainKeys.Of(WorkspaceId, domain)).DefineAsync(code);
        var isNew = !S.CustomDomains.Contains(domain);
        if (isNew) S.CustomDomains.Add(domain);

        if (isNew) await state.SaveOrDropAsync(DeactivateOnIdle);
        return isNew;
    }

    public Task<IReadOnlyList<DomainSummary>> ListDomainsAsync()
    {
        EnsureExists();
        return Task.FromResult<IReadOnlyList<DomainSummary>>(
            [.. BuiltInDomains.All.Select(d => new DomainSummary(d, BuiltIn: true, BuiltInDomains.IsReadOnly(d))),
             .. S.CustomDomains.Order(StringComparer.Ordinal).Select(d => new DomainSummary(d, BuiltIn: false, ReadOnly: false))]);
    }

    /// <summary>Built-in (derived ones too: they cache readers' access) and custom domains.</summary>
    private List<string> AllDomains() => [.. BuiltInDomains.All, .. S.CustomDomains];

    private ISharedDomainGrain Domain(string domain) => GrainFactory.Ref<ISharedDomainGrain>(DomainKeys.Of(WorkspaceId, domain));

    private IWorkspaceEventsGrain Events => GrainFactory.Ref<IWorkspaceEventsGrain>(WorkspaceId);

    private InstanceAccess? AccessOf(string instanceId)
    {
        if (_accessCache.TryGetValue(instanceId, out var cached)) return cached;
        if (!_instances.TryGetValue(instanceId, out var entry)) return null;
        var instance = entry.Instance;
        var granted = S.Grants.GetValueOrDefault(instance.Registration.PackageId) ?? Grants.None;
        var access = new InstanceAccess(instance.Registration, GrantRules.Effective(instance.Requested, instance.RequestedModules, granted));
        _accessCache[instanceId] = access;
        return access;
    }

    private void EnsureExists()
    {
        if (S.CreatedAt is null)
            throw new OrleansVmException(ErrorCodes.WorkspaceNotFound, $"Workspace '{WorkspaceId}' not found.");
    }
}
