using System.Collections.Concurrent;
using OrleansVm.Storage;

namespace OrleansVm.Runtime;

/// <summary>
/// In-memory grain storage for tests and benchmarks: concurrent, compare-and-swap on the ETag,
/// and it copies the JSON it is given so callers may reuse their buffers. Share one instance
/// between silos to simulate a shared database.
/// </summary>
public sealed class MemoryGrainStorage(string name = "memory") : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateType, string GrainKey), GrainStateRecord> _records = new();

    public string Name { get; } = name;

    /// <summary>Number of stored records (for tests).</summary>
    public int Count => _records.Count;

    public ValueTask<GrainStateRecord?> ReadAsync(string stateType, string grainKey, CancellationToken cancellationToken = default)
    {
        GrainStateArguments.ValidateAddress(stateType, grainKey);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_records.TryGetValue((stateType, grainKey), out var record) ? record : null);
    }

    public ValueTask<long> WriteAsync(string stateType, string grainKey, ReadOnlyMemory<byte> json, long expectedEtag, CancellationToken cancellationToken = default)
    {
        GrainStateArguments.ValidatePayload(json);
        return SwapAsync(stateType, grainKey, json.ToArray(), expectedEtag, cancellationToken);
    }

    /// <summary>Leaves a tombstone (empty JSON, ETag + 1) so a stale writer still conflicts (the IGrainStorage contract).</summary>
    public ValueTask<long> ClearAsync(string stateType, string grainKey, long expectedEtag, CancellationToken cancellationToken = default) =>
        SwapAsync(stateType, grainKey, ReadOnlyMemory<byte>.Empty, expectedEtag, cancellationToken);

    private ValueTask<long> SwapAsync(string stateType, string grainKey, ReadOnlyMemory<byte> json, long expectedEtag, CancellationToken cancellationToken)
    {
        GrainStateArguments.ValidateAddress(stateType, grainKey);
        GrainStateArguments.ValidateEtag(expectedEtag);
        cancellationToken.ThrowIfCancellationRequested();
        var key = (stateType, grainKey);
        while (true)
        {
            if (_records.TryGetValue(key, out var stored))
            {
                if (stored.Etag != expectedEtag)
                {
                    // A conflict is an outcome of the write, so it travels in the task like the providers' do.
                    return ValueTask.FromException<long>(new InconsistentStateException(stateType, grainKey, expectedEtag, stored.Etag));
                }

                var updated = new GrainStateRecord(json, stored.Etag + 1);
                if (_records.TryUpdate(key, updated, stored))
                {
                    return ValueTask.FromResult(updated.Etag);
                }
            }
            else
            {
                if (expectedEtag != 0)
                {
                    return ValueTask.FromException<long>(new InconsistentStateException(stateType, grainKey, expectedEtag, 0));
                }

                if (_records.TryAdd(key, new GrainStateRecord(json, 1)))
                {
                    return ValueTask.FromResult(1L);
                }
            }

            // Lost a race with another writer: re-read and re-check the ETag.
        }
    }
}
