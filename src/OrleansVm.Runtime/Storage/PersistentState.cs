using System.Text.Json;
using OrleansVm.Storage;

namespace OrleansVm.Runtime;

/// <summary>An <see cref="IPersistentState{TState}"/> backed by an <see cref="IGrainStorage"/>, serialized as UTF-8 JSON.</summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IPersistentStateLoader
{
    private readonly IGrainStorage _storage;
    private readonly string _stateType;
    private readonly string _grainKey;
    private readonly JsonSerializerOptions _json;
    private readonly Activation _activation;

    public PersistentState(IGrainStorage storage, string stateType, string grainKey, JsonSerializerOptions json, Activation activation)
    {
        _storage = storage;
        _stateType = stateType;
        _grainKey = grainKey;
        _json = json;
        _activation = activation;
        State = CreateEmpty();
    }

    public TState State { get; set; }

    public long Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await _storage.ReadAsync(_stateType, _grainKey, cancellationToken).ConfigureAwait(false);
        if (record is null || record.IsCleared)
        {
            // A cleared record is a tombstone: no state, but its ETag must go with the next write.
            State = CreateEmpty();
            Etag = record?.Etag ?? 0;
            RecordExists = false;
            return;
        }

        State = JsonSerializer.Deserialize<TState>(record.Json.Span, _json) ?? CreateEmpty();
        Etag = record.Etag;
        RecordExists = true;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(State, _json);
        try
        {
            Etag = await _storage.WriteAsync(_stateType, _grainKey, json, Etag, cancellationToken).ConfigureAwait(false);
            RecordExists = true;
        }
        catch (InconsistentStateException)
        {
            // Even if the grain catches this, its state is stale: drop the activation after the turn.
            _activation.MarkStateInconsistent();
            throw;
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            Etag = await _storage.ClearAsync(_stateType, _grainKey, Etag, cancellationToken).ConfigureAwait(false);
        }
        catch (InconsistentStateException)
        {
            _activation.MarkStateInconsistent();
            throw;
        }

        State = CreateEmpty();
        RecordExists = false;
    }

    Task IPersistentStateLoader.ReadStateAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    // A state type without a parameterless constructor starts as default (null) until first written.
    private static readonly Func<TState> CreateEmpty =
        typeof(TState).IsValueType || typeof(TState).GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance<TState> : static () => default!;
}
