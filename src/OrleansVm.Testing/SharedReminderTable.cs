namespace OrleansVm.Testing;

/// <summary>A reminder table in the test process: reminders survive a silo or cluster restart within the test.</summary>
public sealed class SharedReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId, string), ReminderEntry> _rows = [];
    private long _etag;

    /// <summary>The reminders registered now, for assertions.</summary>
    public IReadOnlyList<ReminderEntry> Snapshot()
    {
        lock (_rows) return [.. _rows.Values];
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        lock (_rows) return Task.FromResult(new ReminderTableData(_rows.Values.Where(r => r.GrainId == grainId).ToList()));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // The ring range (begin, end], wrapping when begin >= end.
        bool InRange(uint hash) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
        lock (_rows) return Task.FromResult(new ReminderTableData(_rows.Values.Where(r => InRange(r.GrainId.GetUniformHashCode())).ToList()));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        lock (_rows) return Task.FromResult(_rows.GetValueOrDefault((grainId, reminderName)));
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        lock (_rows)
        {
            entry.ETag = (++_etag).ToString();
            _rows[(entry.GrainId, entry.ReminderName)] = entry;
            return Task.FromResult<string?>(entry.ETag);
        }
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        lock (_rows)
        {
            if (!_rows.TryGetValue((grainId, reminderName), out var row) || row.ETag != eTag) return Task.FromResult(false);
            return Task.FromResult(_rows.Remove((grainId, reminderName)));
        }
    }

    public Task TestOnlyClearTable()
    {
        lock (_rows) _rows.Clear();
        return Task.CompletedTask;
    }
}
