namespace OrleansVm.Storage;

/// <summary>
/// A durable store of grain state records, addressed by (stateType, grainKey) and versioned by an
/// integer ETag with compare-and-swap. Implementations must be safe for concurrent use and must
/// only complete a write once it is durable.
/// </summary>
/// <remarks>
/// ETag rules: a record that was never written (or was cleared and removed) has ETag 0. A write
/// succeeds only when <c>expectedEtag</c> equals the stored ETag and returns the new ETag
/// (stored + 1); otherwise it throws <see cref="InconsistentStateException"/> and changes nothing.
/// </remarks>
public interface IGrainStorage
{
    /// <summary>The provider's name, e.g. "memory", "sqlite", "postgres".</summary>
    string Name { get; }

    /// <summary>Reads a record; null when none exists.</summary>
    ValueTask<GrainStateRecord?> ReadAsync(string stateType, string grainKey, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="json"/> if the stored ETag equals <paramref name="expectedEtag"/>; returns the new ETag.</summary>
    ValueTask<long> WriteAsync(string stateType, string grainKey, ReadOnlyMemory<byte> json, long expectedEtag, CancellationToken cancellationToken = default);

    /// <summary>Clears a record if the stored ETag equals <paramref name="expectedEtag"/>; returns the new ETag.</summary>
    ValueTask<long> ClearAsync(string stateType, string grainKey, long expectedEtag, CancellationToken cancellationToken = default);
}
