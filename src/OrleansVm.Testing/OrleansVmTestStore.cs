using System.Collections.Concurrent;

namespace OrleansVm.Testing;

/// <summary>
/// Grain state and reminders kept in the test process rather than in a silo, so they outlive a
/// silo or a whole cluster (see <see cref="OrleansVmTestClusterExtensions.UseSharedStore"/>).
/// </summary>
public sealed class OrleansVmTestStore
{
    internal ConcurrentDictionary<string, (byte[] Data, long Etag)> States { get; } = new(StringComparer.Ordinal);

    public SharedReminderTable Reminders { get; } = new();

    /// <summary>Bytes of state written so far (all grains), for tests that bound what an operation writes.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    private long _bytesWritten;

    internal void CountWrite(int bytes) => Interlocked.Add(ref _bytesWritten, bytes);
}
