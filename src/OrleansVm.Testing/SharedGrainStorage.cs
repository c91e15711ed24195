using Orleans.Storage;
using OrleansVm.Storage;

namespace OrleansVm.Testing;

/// <summary>
/// An <see cref="IGrainStorage"/> over an <see cref="OrleansVmTestStore"/>: states serialized as
/// the production providers do (System.Text.Json), so a reload never shares objects with the
/// writer, and ETag compare-and-swap like a real provider.
/// </summary>
internal sealed class SharedGrainStorage(OrleansVmTestStore store) : IGrainStorage
{
    private readonly OrleansVmJsonGrainStorageSerializer _serializer = OrleansVmJsonGrainStorageSerializer.Default;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (store.States.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = _serializer.Deserialize<T>(new BinaryData(stored.Data));
            grainState.ETag = stored.Etag.ToString();
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = _serializer.Serialize(grainState.State).ToArray();
        var key = Key(stateName, grainId);
        lock (store.States)
        {
            var current = store.States.TryGetValue(key, out var stored) ? stored.Etag.ToString() : null;
            if (current != grainState.ETag)
                return Task.FromException(new InconsistentStateException($"ETag mismatch on {key}", current, grainState.ETag));
            var etag = (stored.Etag) + 1;
            store.States[key] = (data, etag);
            grainState.ETag = etag.ToString();
            grainState.RecordExists = true;
        }

        store.CountWrite(data.Length);

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store.States.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
