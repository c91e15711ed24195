using System.Text.Json.Nodes;
using Orleans.Concurrency;

namespace OrleansVm.Grains;

/// <summary>
/// One running plugin instance: its sandbox, local state, kv data, outbox and console log.
/// Key: `packageId@nanoid`. Every call names the workspace the caller is allowed in; an instance
/// of another workspace, a removed one and one never created all answer INSTANCE_NOT_FOUND.
/// </summary>
public interface IPluginInstanceGrain : IGrainWithStringKey
{
    /// <summary>Creates the instance (called once, by its workspace) from a published package version.</summary>
    [ReadsCaller]
    Task<InstanceView> CreateAsync(string workspaceId, PackageVersionInfo package);

    [ReadOnly]
    Task<InstanceView> GetAsync(string workspaceId);

    /// <summary>Renders a widget with the current state and fresh grants (WIDGET_NOT_FOUND, sandbox errors).</summary>
    Task<JsonNode> RenderAsync(string workspaceId, string widgetId);

    /// <summary>Runs a handler and the reducers, saves state + kv + outbox, delivers shared intents.</summary>
    Task<EventResponse> HandleEventAsync(string workspaceId, string widgetId, string handler, JsonNode? args);

    [ReadOnly]
    Task<IReadOnlyList<LogLine>> GetLogsAsync(string workspaceId);

    /// <summary>Marks the instance removed and clears its state; later calls answer INSTANCE_NOT_FOUND. Called by its workspace.</summary>
    [ReadsCaller]
    Task RemoveAsync(string workspaceId);

    /// <summary>
    /// The instance's grant or registration changed: its cached access goes, the next turn asks the workspace.
    /// Called by its workspace; interleaves with a running turn (it only drops the cache), so a workspace
    /// waiting here never waits for a turn that waits for the workspace.
    /// </summary>
    [AlwaysInterleave]
    [ReadsCaller]
    Task InvalidateAccessAsync();
}
