using Orleans;
namespace OrleansVm.Grains;

/// <summary>The persisted activity of a workspace: the timeline (oldest first) and the metrics.</summary>
[GenerateSerializer]
public sealed class ActivityState
{
    [Id(0)]
    public List<DispatchRecord> Timeline { get; set; } = [];

    [Id(1)]
    public DispatchMetrics Metrics { get; set; } = new(0, null, null, null, null, null, null);
}
