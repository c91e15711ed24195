namespace OrleansVm.Storage;

/// <summary>One stored state: its UTF-8 JSON and its ETag.</summary>
public sealed record GrainStateRecord(ReadOnlyMemory<byte> Json, long Etag);
