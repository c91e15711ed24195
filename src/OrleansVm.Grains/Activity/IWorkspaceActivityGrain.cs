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
    /// Records instances' reports in order: each one's settled dispatches (timeline, metrics), passed on to the
    /// workspace stream (`dispatch`), then its new state when given (`instance.state`). Answers once the timeline
    /// entries are durable and the stream has them. Called by <see cref="ActivityReporter"/>: one call per batch of
    /// a silo's reports, not one per event.
    /// </summary>
    Task RecordAsync(IReadOnlyList<ActivityReport> reports);

    /// <summary>The last <paramref name="limit"/> (≤ 200) dispatches, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DispatchRecord>> GetTimelineAsync(int limit);

    [ReadOnly]
    Task<DispatchMetrics> GetMetricsAsync();
}
