using System.Text.Json.Nodes;
using OrleansVm.Grains;

namespace OrleansVm.Testing;

/// <summary>A workspace driven from a test: grants, instances, custom domains and what the domains hold.</summary>
public sealed class TestWorkspace(IGrainFactory grains, string workspaceId)
{
    public string Id { get; } = workspaceId;

    public IWorkspaceGrain Grain { get; } = grains.Ref<IWorkspaceGrain>(workspaceId);

    /// <summary>Grants a package exactly what the manifest of its latest version asks for.</summary>
    public async Task<Grants> GrantAsRequestedAsync(string packageId)
    {
        var manifest = (await grains.Ref<IPackageGrain>(packageId).GetVersionAsync(null)
            ?? throw new InvalidOperationException($"Package '{packageId}' is not published.")).Manifest;
        return await GrantAsync(packageId, new Grants(manifest.Capabilities.ReadShared, manifest.Capabilities.WriteShared, manifest.Modules));
    }

    public async Task<Grants> GrantAsync(string packageId, Grants grants) => (await Grain.PutGrantsAsync(packageId, grants)).Grants;

    /// <summary>A new instance of a package version (the latest when null).</summary>
    public async Task<TestInstance> CreateInstanceAsync(string packageId, string? version = null)
    {
        var view = await Grain.CreateInstanceAsync(packageId, version);
        return new TestInstance(grains, Id, view.InstanceId);
    }

    public Task<IReadOnlyList<InstanceRegistration>> ListInstancesAsync() => Grain.ListInstancesAsync();

    /// <summary>Defines (or replaces) a custom shared domain from its `defineDomain` script.</summary>
    public Task<bool> DefineDomainAsync(string domain, string code) => Grain.DefineDomainAsync(domain, code);

    /// <summary>A shared domain's raw state as an operator sees it (null when the domain does not exist).</summary>
    public async Task<JsonNode?> ReadDomainAsync(string domain) =>
        (await grains.Ref<ISharedDomainGrain>(DomainKeys.Of(Id, domain)).GetRawAsync())?.State;

    /// <summary>The workspace's last dispatches, newest first.</summary>
    public Task<IReadOnlyList<DispatchRecord>> TimelineAsync(int limit = 50) =>
        grains.Ref<IWorkspaceActivityGrain>(Id).GetTimelineAsync(limit);
}

/// <summary>A plugin instance driven from a test.</summary>
public sealed class TestInstance(IGrainFactory grains, string workspaceId, string instanceId)
{
    public string Id { get; } = instanceId;

    public string WorkspaceId { get; } = workspaceId;

    public IPluginInstanceGrain Grain { get; } = grains.Ref<IPluginInstanceGrain>(instanceId);

    /// <summary>Runs a widget's handler, as the UI's click would.</summary>
    public Task<EventResponse> SendEventAsync(string widgetId, string handler, JsonNode? args = null) =>
        Grain.HandleEventAsync(WorkspaceId, widgetId, handler, args);

    /// <summary>The widget's UI tree.</summary>
    public Task<JsonNode> RenderAsync(string widgetId) => Grain.RenderAsync(WorkspaceId, widgetId);

    /// <summary>Every text of the widget's UI tree, depth first (what a person reads).</summary>
    public async Task<IReadOnlyList<string>> RenderTextsAsync(string widgetId) => UiTrees.Texts(await RenderAsync(widgetId));

    public async Task<JsonNode?> GetStateAsync() => (await Grain.GetAsync(WorkspaceId)).State;

    public Task<IReadOnlyList<LogLine>> LogsAsync() => Grain.GetLogsAsync(WorkspaceId);
}
