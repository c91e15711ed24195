using System.Collections.Concurrent;
using OrleansVm.Storage;

namespace OrleansVm.Benchmarks.Support;

/// <summary>A record store that counts what reaches it (all writes, and those of the shared domains: state names "domain…").</summary>
public sealed class CountingStateStore(IGrainStateStore inner) : IGrainStateStore, IAsyncDisposable
{
    private long _writes, _bytes, _domainWrites, _domainBytes, _domainLargest;

    public string Name => inner.Name;

    public long Writes => Interlocked.Read(ref _writes);
    public long Bytes => Interlocked.Read(ref _bytes);
    public long DomainWrites => Interlocked.Read(ref _domainWrites);
    public long DomainBytes => Interlocked.Read(ref _domainBytes);
    public long DomainLargest => Interlocked.Read(ref _domainLargest);

    public void Reset()
    {
        Interlocked.Exchange(ref _writes, 0);
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _domainWrites, 0);
        Interlocked.Exchange(ref _domainBytes, 0);
        Interlocked.Exchange(ref _domainLargest, 0);
    }

    public ValueTask OpenAsync(CancellationToken cancellationToken = default) => inner.OpenAsync(cancellationToken);

    public ValueTask<GrainStateRecord?> ReadAsync(string stateType, string grainKey, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(stateType, grainKey, cancellationToken);

    public ValueTask<long> WriteAsync(string stateType, string grainKey, ReadOnlyMemory<byte> json, long expectedEtag, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        Interlocked.Add(ref _bytes, json.Length);
        if (stateType.StartsWith("domain", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _domainWrites);
            Interlocked.Add(ref _domainBytes, json.Length);
            long seen;
            while (json.Length > (seen = Interlocked.Read(ref _domainLargest)) && Interlocked.CompareExchange(ref _domainLargest, json.Length, seen) != seen)
            {
            }
        }

        return inner.WriteAsync(stateType, grainKey, json, expectedEtag, cancellationToken);
    }

    public ValueTask<long> ClearAsync(string stateType, string grainKey, long expectedEtag, CancellationToken cancellationToken = default) =>
        inner.ClearAsync(stateType, grainKey, expectedEtag, cancellationToken);

    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}

/// <summary>Records in a dictionary with the store's ETag rules (compare-and-swap, tombstones): the "memory" storage of the benchmark.</summary>
public sealed class InMemoryStateStore : IGrainStateStore
{
    private readonly ConcurrentDictionary<(string, string), GrainStateRecord> _records = new();
    private readonly Lock _gate = new();

    public string Name => "memory";

    public ValueTask OpenAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<GrainStateRecord?> ReadAsync(string stateType, string grainKey, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_records.TryGetValue((stateType, grainKey), out var record) ? record : null);

    public ValueTask<long> WriteAsync(string stateType, string grainKey, ReadOnlyMemory<byte> json, long expectedEtag, CancellationToken cancellationToken = default)
    {
        GrainStateArguments.ValidatePayload(json);
        return ValueTask.FromResult(Swap(stateType, grainKey, json.ToArray(), expectedEtag));
    }

    public ValueTask<long> ClearAsync(string stateType, string grainKey, long expectedEtag, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Swap(stateType, grainKey, [], expectedEtag));

    private long Swap(string stateType, string grainKey, byte[] json, long expectedEtag)
    {
        lock (_gate)
        {
            var stored = _records.TryGetValue((stateType, grainKey), out var record) ? record.Etag : 0;
            if (stored != expectedEtag) throw new GrainStateConflictException(stateType, grainKey, expectedEtag, stored);
            _records[(stateType, grainKey)] = new GrainStateRecord(json, stored + 1);
            return stored + 1;
        }
    }
}
