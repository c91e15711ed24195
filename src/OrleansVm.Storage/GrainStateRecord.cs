namespace OrleansVm.Storage;

/// <summary>One stored state: its UTF-8 JSON and its ETag. Empty JSON means the record was cleared (a tombstone).</summary>
public sealed record GrainStateRecord(ReadOnlyMemory<byte> Json, long Etag)
{
    /// <summary>True for a cleared record: no state, but the ETag must still be passed to the next write.</summary>
    public bool IsCleared => Json.IsEmpty;
}
