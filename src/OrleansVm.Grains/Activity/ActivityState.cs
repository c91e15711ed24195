namespace OrleansVm.Grains;

/// <summary>
/// The persisted activity of a workspace: the metrics and the newest timeline entries (oldest first), written on
/// every batch; full segments of them move to <see cref="TimelineSegments"/>, so a batch's write stays small.
/// </summary>
[GenerateSerializer]
public sealed class ActivityState
{
    [Id(0)]
    public List<DispatchRecord> Timeline { get; set; } = [];

    [Id(1)]
    public DispatchMetrics Metrics { get; set; } = new(0, null, null, null, null, null, null);

    /// <summary>Segments sealed so far (<see cref="TimelineSegments.Sealed"/> as of this record).</summary>
    [Id(2)]
    public long SegmentsSealed { get; set; }
}

/// <summary>One sealed segment of a timeline (oldest first); <see cref="Number"/> counts segments from the first.</summary>
[GenerateSerializer]
public sealed class TimelineSegment
{
    [Id(0)]
    public long Number { get; set; }

    [Id(1)]
    public List<DispatchRecord> Timeline { get; set; } = [];
}

/// <summary>
/// Where timelines kept their older entries before segments (one record rewritten per move): read, never written
/// again except to empty it once segments hold a whole timeline; its entries are the oldest of the timeline until then.
/// </summary>
[GenerateSerializer]
public sealed class ActivityArchive
{
    [Id(0)]
    public List<DispatchRecord> Timeline { get; set; } = [];
}
