using Orleans.Storage;

namespace OrleansVm.Grains;

/// <summary>
/// The sealed part of a workspace's timeline: full segments of <see cref="SegmentSize"/> entries in a ring of
/// <see cref="Slots"/> records ("activity-segment-0", ...) in the activity grain's storage. Segment n goes to slot
/// n mod <see cref="Slots"/> once, when the newest part (<see cref="ActivityState"/>) has that many entries, and is never
/// rewritten: each entry is written about twice in all (in the newest part, then in its segment), whatever the
/// timeline's length. Compare-and-swap on each slot's ETag (<see cref="NumberedRecords{T}"/>, as the domain journal).
/// </summary>
internal sealed class TimelineSegments(IGrainStorage storage, GrainId grainId)
{
    public const string StatePrefix = "activity-segment-";

    public const int SegmentSize = 32;

    /// <summary>With the newest part (fewer than a segment), the ring always holds the last 200 entries: 7 × 32 ≥ 200.</summary>
    public const int Slots = (IWorkspaceActivityGrain.TimelineCapacity + SegmentSize - 1) / SegmentSize;

    private readonly NumberedRecords<TimelineSegment> _records = new(storage, grainId, StatePrefix, Slots);
    private readonly TimelineSegment?[] _segments = new TimelineSegment?[Slots];

    /// <summary>Segments sealed so far: the number of the next one.</summary>
    public long Sealed { get; private set; }

    /// <summary>
    /// Reads the ring for a timeline whose newest part counted <paramref name="sealedCount"/> sealed segments. A segment
    /// numbered <paramref name="sealedCount"/> was sealed but the newest part not rewritten before the silo stopped: it
    /// is adopted (<see cref="Sealed"/> moves past it) and returned, so its entries can leave the newest part.
    /// </summary>
    public async Task<TimelineSegment?> LoadAsync(long sealedCount)
    {
        TimelineSegment? adopted = null;
        for (var index = 0; index < Slots; index++)
        {
            var segment = await _records.ReadAsync(index);
            if (segment is not null && segment.Number == sealedCount) adopted = segment;
            _segments[index] = segment is not null && segment.Number >= sealedCount - Slots && segment.Number <= sealedCount ? segment : null;
        }

        Sealed = adopted is null ? sealedCount : sealedCount + 1;
        return adopted;
    }

    /// <summary>
    /// Writes <paramref name="entries"/> (oldest first) as the next segment; durable when this completes. The caller
    /// then <see cref="Add"/>s it and drops the entries from the newest part in one turn, so no read sees them twice.
    /// </summary>
    public async Task<TimelineSegment> WriteNextAsync(List<DispatchRecord> entries)
    {
        var segment = new TimelineSegment { Number = Sealed, Timeline = entries };
        await _records.WriteAsync((int)(segment.Number % Slots), segment);
        return segment;
    }

    /// <summary>A segment <see cref="WriteNextAsync"/> made durable joins the sealed part.</summary>
    public void Add(TimelineSegment segment)
    {
        _segments[(int)(segment.Number % Slots)] = segment;
        Sealed = segment.Number + 1;
    }

    /// <summary>The sealed entries, newest first.</summary>
    public IEnumerable<DispatchRecord> NewestFirst()
    {
        for (var number = Sealed - 1; number >= 0 && number >= Sealed - Slots; number--)
        {
            if (_segments[number % Slots] is not { } segment || segment.Number != number) yield break;
            for (var i = segment.Timeline.Count - 1; i >= 0; i--) yield return segment.Timeline[i];
        }
    }
}
