using System.Collections.Concurrent;

namespace OrleansVm.Testing;

/// <summary>
/// Grain state and reminders kept in the test process rather than in a silo, so they outlive a
/// silo or a whole cluster (see <see cref="OrleansVmTestClusterExtensions.UseSharedStore"/>), and
/// a hook to fail a chosen write.
/// </summary>
public sealed class OrleansVmTestStore
{
    internal ConcurrentDictionary<string, (byte[] Data, long Etag)> States { get; } = new(StringComparer.Ordinal);

    public SharedReminderTable Reminders { get; } = new();

    private string? _failNextWriteOf;

    /// <summary>Writes so far (all states), for tests that count storage traffic.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    internal long _writes;

    /// <summary>The next write of a state whose name starts with <paramref name="stateNamePrefix"/> throws <see cref="SimulatedStorageFault"/>.</summary>
    public void FailNextWriteOf(string stateNamePrefix) => Volatile.Write(ref _failNextWriteOf, stateNamePrefix);

    internal bool TakeFault(string stateName)
    {
        var prefix = Volatile.Read(ref _failNextWriteOf);
        return prefix is not null && stateName.StartsWith(prefix, StringComparison.Ordinal)
            && Interlocked.CompareExchange(ref _failNextWriteOf, null, prefix) == prefix;
    }
}

/// <summary>The failure <see cref="OrleansVmTestStore.FailNextWriteOf"/> injects (serializable: it reaches the test through grain calls).</summary>
[Orleans.GenerateSerializer]
public sealed class SimulatedStorageFault : Exception
{
    public SimulatedStorageFault(string message) : base(message)
    {
    }
}
