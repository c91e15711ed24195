namespace OrleansVm.Storage;

/// <summary>
/// The project's record store (not Orleans' <c>IGrainStorage</c>: <see cref="OrleansVmGrainStorage"/> puts it
/// behind that interface). A durable store of grain state records, addressed by (stateType, grainKey) and versioned by an
/// integer ETag with compare-and-swap. Implementations must be safe for concurrent use and must
/// only complete a write once it is durable.
/// </summary>
/// <remarks>
/// <para>ETag rules (every provider, the in-memory one included, behaves exactly like this):</para>
/// <list type="bullet">
/// <item>A record that was never written has ETag 0 and <see cref="ReadAsync"/> returns null.</item>
/// <item>A write or clear succeeds only when <c>expectedEtag</c> equals the stored ETag (0 when there is
/// no record); it returns the new ETag, stored + 1. Otherwise it throws
/// <see cref="GrainStateConflictException"/> and changes nothing.</item>
/// <item>A clear leaves a tombstone: the record keeps its (incremented) ETag but loses its JSON, so a
/// stale writer still conflicts and the ETag never goes back to 0 (no ABA). <see cref="ReadAsync"/>
/// of a cleared record returns a record with empty <see cref="GrainStateRecord.Json"/>
/// (<see cref="GrainStateRecord.IsCleared"/>) and that ETag; the next write must pass it.
/// Clearing a record that never existed (expectedEtag 0) is allowed and leaves a tombstone with ETag 1.</item>
/// <item>JSON must be non-empty UTF-8 (empty means "cleared"); providers reject anything else with
/// <see cref="ArgumentException"/> before touching storage.</item>
/// <item>Cancellation is honoured until a write or clear is accepted (queued or started); after that it
/// runs to its end, all or nothing, and the call returns its real outcome (never a cancellation that
/// hides a write which did land).</item>
/// </list>
/// </remarks>
public interface IGrainStateStore
{
    /// <summary>The provider's name, e.g. "memory", "sqlite", "postgres".</summary>
    string Name { get; }

    /// <summary>Prepares the store (file, WAL, schema when configured) so that a bad configuration fails at start, not at the first write.</summary>
    ValueTask OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a record; null when none was ever written, a record with empty JSON when cleared.</summary>
    ValueTask<GrainStateRecord?> ReadAsync(string stateType, string grainKey, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="json"/> if the stored ETag equals <paramref name="expectedEtag"/>; returns the new ETag.</summary>
    ValueTask<long> WriteAsync(string stateType, string grainKey, ReadOnlyMemory<byte> json, long expectedEtag, CancellationToken cancellationToken = default);

    /// <summary>Clears a record (leaving a tombstone) if the stored ETag equals <paramref name="expectedEtag"/>; returns the new ETag.</summary>
    ValueTask<long> ClearAsync(string stateType, string grainKey, long expectedEtag, CancellationToken cancellationToken = default);
}
