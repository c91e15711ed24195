using Orleans.Concurrency;

namespace OrleansVm.Grains;

/// <summary>
/// A workspace's dispatch metrics and its timeline of the last 200 dispatches, and the feed of its event stream
/// for what an instance reports. Key: the workspace id.
/// </summary>
public interface IWorkspaceActivityGrain : IGrainWithStringKey
{
    const int TimelineCapacity = 200;

    /// <summary>
    /// Records an instance's settled dispatches (timeline, metrics) and passes them, then its new state when
    /// <paramref name="state"/> is given, on to the workspace stream (`dispatch`, `instance.state`). Answers once
    /// the timeline entries are durable and the stream has them: one call per event instead of one per grain.
    /// </summary>
    Task RecordAsync(IReadOnlyList<DispatchRecord> records, InstanceStateChange? state);

    /// <summary>The last <paramref name="limit"/> (≤ 200) dispatches, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DispatchRecord>> GetTimelineAsync(int limit);

    [ReadOnly]
    Task<DispatchMetrics> GetMetricsAsync();
}
