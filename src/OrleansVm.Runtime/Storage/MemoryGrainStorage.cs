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
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_records.TryGetValue((stateType, grainKey), out var record) ? record : null);
    }

    public ValueTask<long> WriteAsync(string stateType, string grainKey, ReadOnlyMemory<byte> json, long expectedEtag, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = (stateType, grainKey);
        var copy = json.ToArray();
        while (true)
        {
            if (_records.TryGetValue(key, out var stored))
            {
                if (stored.Etag != expectedEtag)
                {
                    throw new InconsistentStateException(stateType, grainKey, expectedEtag, stored.Etag);
                }

                var updated = new GrainStateRecord(copy, stored.Etag + 1);
                if (_records.TryUpdate(key, updated, stored))
                {
                    return ValueTask.FromResult(updated.Etag);
                }
            }
            else
            {
                if (expectedEtag != 0)
                {
                    throw new InconsistentStateException(stateType, grainKey, expectedEtag, 0);
                }

                if (_records.TryAdd(key, new GrainStateRecord(copy, 1)))
                {
                    return ValueTask.FromResult(1L);
                }
            }

            // Lost a race with another writer: re-read and re-check the ETag.
        }
    }

    public ValueTask<long> ClearAsync(string stateType, string grainKey, long expectedEtag, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = (stateType, grainKey);
        while (true)
        {
            if (!_records.TryGetValue(key, out var stored))
            {
                return expectedEtag == 0
                    ? ValueTask.FromResult(0L)
                    : throw new InconsistentStateException(stateType, grainKey, expectedEtag, 0);
            }

            if (stored.Etag != expectedEtag)
            {
                throw new InconsistentStateException(stateType, grainKey, expectedEtag, stored.Etag);
            }

            // A cleared record is removed, so its ETag is 0 again (the IGrainStorage contract).
            if (_records.TryRemove(new KeyValuePair<(string, string), GrainStateRecord>(key, stored)))
            {
                return ValueTask.FromResult(0L);
            }
        }
    }
}
