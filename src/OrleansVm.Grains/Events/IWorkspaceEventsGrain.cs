using System.Text.Json.Nodes;
using Orleans.Concurrency;

namespace OrleansVm.Grains;

/// <summary>
/// The event buffer behind a workspace's SSE stream: the last 1,000 events with increasing ids.
/// Key: the workspace id. Readers long-poll, so a stream works from any silo.
/// </summary>
public interface IWorkspaceEventsGrain : IGrainWithStringKey
{
    const int Capacity = 1000;

    Task PublishAsync(string name, JsonNode data);

    /// <summary>Publishes several events in order, in one call (an event's dispatches and state change).</summary>
    Task PublishManyAsync(IReadOnlyList<NewWorkspaceEvent> events);

    /// <summary>Events after <paramref name="afterId"/>; waits up to <paramref name="wait"/> for one when there are none yet.</summary>
    [AlwaysInterleave]
    Task<WorkspaceEventBatch> ReadAsync(long afterId, TimeSpan wait);

    /// <summary>The id of the newest event (0 when none), where a new subscriber without Last-Event-ID starts.</summary>
    [AlwaysInterleave]
    Task<long> GetLastIdAsync();
}
