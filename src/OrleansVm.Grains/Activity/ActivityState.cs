namespace OrleansVm.Grains;

/// <summary>
/// The persisted activity of a workspace: the metrics and the newest timeline entries (oldest first), written on
/// every batch; older entries move to <see cref="ActivityArchive"/> in bulk, so a batch's write stays small.
/// </summary>
[GenerateSerializer]
public sealed class ActivityState
{
    [Id(0)]
    public List<DispatchRecord> Timeline { get; set; } = [];

    [Id(1)]
    public DispatchMetrics Metrics { get; set; } = new(0, null, null, null, null, null, null);
}

/// <summary>The older timeline entries (oldest first, with the newest in <see cref="ActivityState"/> at most 200 in all), written only when entries move here.</summary>
[GenerateSerializer]
public sealed class ActivityArchive
{
    [Id(0)]
    public List<DispatchRecord> Timeline { get; set; } = [];
}
