namespace OrleansVm.Grains;

/// <summary>The persisted activity of a workspace: the timeline (oldest first) and the metrics.</summary>
public sealed class ActivityState
{
    public List<DispatchRecord> Timeline { get; set; } = [];

    public DispatchMetrics Metrics { get; set; } = new(0, null, null, null, null, null, null);
}
