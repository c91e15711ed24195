using OrleansVm.Storage;

namespace OrleansVm.Grains.Tests;

/// <summary>A storage decorator that fails the next write of a chosen state type, before touching the real storage.</summary>
public sealed class FaultyStorage(IGrainStorage inner) : IGrainStorage, IAsyncDisposable
{
    private string? _failNextWriteOf;

    public sealed class StorageFault(string message) : Exception(message);

    public IGrainStorage Inner => inner;

    public string Name => inner.Name;

    /// <summary>The next write whose state type starts with <paramref name="stateTypePrefix"/> throws.</summary>
    public void FailNextWriteOf(string stateTypePrefix) => Volatile.Write(ref _failNextWriteOf, stateTypePrefix);

    public ValueTask<GrainStateRecord?> ReadAsync(string stateType, string grainKey, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(stateType, grainKey, cancellationToken);

    public ValueTask<long> WriteAsync(string stateType, string grainKey, ReadOnlyMemory<byte> json, long expectedEtag, CancellationToken cancellationToken = default)
    {
        var prefix = Volatile.Read(ref _failNextWriteOf);
        if (prefix is not null && stateType.StartsWith(prefix, StringComparison.Ordinal)
            && Interlocked.CompareExchange(ref _failNextWriteOf, null, prefix) == prefix)
            return ValueTask.FromException<long>(new StorageFault($"simulated write failure of {stateType}/{grainKey}"));
        return inner.WriteAsync(stateType, grainKey, json, expectedEtag, cancellationToken);
    }

    public ValueTask<long> ClearAsync(string stateType, string grainKey, long expectedEtag, CancellationToken cancellationToken = default) =>
        inner.ClearAsync(stateType, grainKey, expectedEtag, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (inner is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }
}
