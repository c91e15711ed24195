using Orleans.Storage;

namespace OrleansVm.Grains;

/// <summary>
/// A grain's numbered records beside its persistent state ("&lt;prefix&gt;0", "&lt;prefix&gt;1", ...) in its grain storage,
/// each written compare-and-swap on the ETag last read or written for it: a second activation writing the same
/// record gets Orleans' <see cref="InconsistentStateException"/>. Used for rings of records written one at a time.
/// </summary>
internal sealed class NumberedRecords<T>(IGrainStorage storage, GrainId grainId, string prefix, int count) where T : class
{
    private readonly string?[] _etags = new string?[count];

    /// <summary>Record <paramref name="index"/> (null: none), remembering its ETag for the next write.</summary>
    public async Task<T?> ReadAsync(int index)
    {
        var record = new GrainState<T>();
        await storage.ReadStateAsync(prefix + index, grainId, record);
        _etags[index] = record.ETag;
        return record.RecordExists ? record.State : null;
    }

    /// <summary>Writes record <paramref name="index"/>; durable when this completes.</summary>
    public async Task WriteAsync(int index, T value)
    {
        var record = new GrainState<T> { State = value, ETag = _etags[index], RecordExists = _etags[index] is not null };
        await storage.WriteStateAsync(prefix + index, grainId, record);
        _etags[index] = record.ETag;
    }
}
