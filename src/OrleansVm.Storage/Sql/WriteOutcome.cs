namespace OrleansVm.Storage;

/// <summary>What one write did inside its transaction: committed with a new ETag, or refused because of the stored one.</summary>
internal readonly record struct WriteOutcome(bool Committed, long Etag)
{
    public static WriteOutcome Success(long newEtag) => new(true, newEtag);

    public static WriteOutcome Conflict(long storedEtag) => new(false, storedEtag);
}
