using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace OrleansVm.Grains;

/// <summary>A workspace's dispatch metrics and its timeline of the last 200 dispatches. Key: the workspace id.</summary>
public interface IWorkspaceActivityGrain : IGrainWithStringKey
{
    const int TimelineCapacity = 200;

    Task RecordAsync(IReadOnlyList<DispatchRecord> records);

    /// <summary>The last <paramref name="limit"/> (≤ 200) dispatches, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DispatchRecord>> GetTimelineAsync(int limit);

    [ReadOnly]
    Task<DispatchMetrics> GetMetricsAsync();
}
