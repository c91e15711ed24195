using System.Collections.ObjectModel;

namespace OrleansVm.Silo.Tests;

/// <summary>A collection an exporter adds to on its own threads while the test reads snapshots.</summary>
public sealed class LockedCollection<T> : Collection<T>
{
    private readonly object _sync = new();

    public T[] Snapshot()
    {
        lock (_sync) return [.. Items];
    }

    protected override void InsertItem(int index, T item)
    {
        lock (_sync) base.InsertItem(index, item);
    }

    protected override void ClearItems()
    {
        lock (_sync) base.ClearItems();
    }
}
