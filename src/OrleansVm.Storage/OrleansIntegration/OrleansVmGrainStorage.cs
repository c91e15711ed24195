using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansVm.Telemetry;

namespace OrleansVm.Storage;

/// <summary>
/// Orleans' <see cref="IGrainStorage"/> over the project's record store (<see cref="IGrainStateStore"/>:
/// SQLite or PostgreSQL, integer ETag compare-and-swap, group commit). A state is addressed by
/// (state name, grain id as text) and stored as System.Text.Json UTF-8.
/// </summary>
/// <remarks>
/// Semantics, the same as Orleans' ADO.NET provider where they are defined there:
/// <list type="bullet">
/// <item>Read of a state never written: a fresh <c>T</c>, ETag null, RecordExists false.</item>
/// <item>Write: succeeds only if the grain's ETag is the stored one (null = no record), then sets the new
/// ETag and RecordExists true; otherwise Orleans' <see cref="InconsistentStateException"/> and nothing changes.</item>
/// <item>Clear: same ETag check; leaves a tombstone whose ETag keeps stale writers out (the ETag never goes
/// back to null, so no ABA); sets that ETag, RecordExists false and a fresh <c>T</c>. A read of a cleared
/// state gives a fresh <c>T</c>, the tombstone's ETag and RecordExists false.</item>
/// </list>
/// </remarks>
public sealed class OrleansVmGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly string _name;
    private readonly IGrainStateStore _store;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger _logger;

    public OrleansVmGrainStorage(string name, IGrainStateStore store, IGrainStorageSerializer serializer, ILogger<OrleansVmGrainStorage> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _name = name;
        _store = store;
        _serializer = serializer;
        _logger = logger;
    }

    /// <summary>The record store behind this provider (the benchmark reads its statistics).</summary>
    public IGrainStateStore Store => _store;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var record = await _store.ReadAsync(stateName, grainId.ToString()).ConfigureAwait(false);
        if (record is null || record.IsCleared)
        {
            grainState.State = CreateInstance<T>();
            grainState.ETag = record is null ? null : GrainStateEtag.ToOrleans(record.Etag);
            grainState.RecordExists = false;
            return;
        }

        T? state;
        try
        {
            state = _serializer.Deserialize<T>(new BinaryData(record.Json));
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or NotSupportedException)
        {
            _logger.StateDoesNotDeserialize(exception, _name, stateName, grainId.ToString(), record.Etag, typeof(T));
            throw;
        }

        grainState.State = state ?? CreateInstance<T>();
        grainState.ETag = GrainStateEtag.ToOrleans(record.Etag);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        using var telemetry = OrleansVmMetrics.StorageWrite("write", stateName, key);
        var expected = ExpectedEtag(stateName, grainId, grainState.ETag);
        var json = _serializer.Serialize(grainState.State).ToMemory();
        long etag;
        try
        {
            etag = await _store.WriteAsync(stateName, key, json, expected).ConfigureAwait(false);
        }
        catch (GrainStateConflictException conflict)
        {
            throw Inconsistent("write", stateName, grainId, grainState.ETag, conflict);
        }

        grainState.ETag = GrainStateEtag.ToOrleans(etag);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        using var telemetry = OrleansVmMetrics.StorageWrite("clear", stateName, key);
        var expected = ExpectedEtag(stateName, grainId, grainState.ETag);
        long etag;
        try
        {
            etag = await _store.ClearAsync(stateName, key, expected).ConfigureAwait(false);
        }
        catch (GrainStateConflictException conflict)
        {
            throw Inconsistent("clear", stateName, grainId, grainState.ETag, conflict);
        }

        grainState.ETag = GrainStateEtag.ToOrleans(etag);
        grainState.RecordExists = false;
        grainState.State = CreateInstance<T>();
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(OrleansVmGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, OnStartAsync, OnStopAsync);

    public ValueTask DisposeAsync() => _store is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    // Opening at start makes a wrong path or connection string fail the silo start, not the first grain call.
    private async Task OnStartAsync(CancellationToken cancellationToken)
    {
        await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        _logger.StorageOpened(_name, _store.Name);
    }

    // Grains are deactivated (and their last writes done) before this stage stops; disposing commits
    // whatever the group-commit queue still holds and releases the file or the connections.
    private async Task OnStopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    private long ExpectedEtag(string stateName, GrainId grainId, string? etag) =>
        GrainStateEtag.TryFromOrleans(etag, out var expected)
            ? expected
            : throw new InconsistentStateException(
                $"Storage {_name}: ETag '{etag}' of state {stateName} of {grainId} was not issued by this provider.", storedEtag: null, currentEtag: etag);

    private InconsistentStateException Inconsistent(string operation, string stateName, GrainId grainId, string? currentEtag, GrainStateConflictException conflict)
    {
        var stored = GrainStateEtag.ToOrleans(conflict.StoredEtag);
        _logger.WriteConflict(_name, operation, stateName, grainId.ToString(), currentEtag, stored);
        return new InconsistentStateException(
            $"Storage {_name}: {operation} of state {stateName} of {grainId} refused: ETag '{currentEtag}' is not the stored '{stored}'.",
            stored, currentEtag, conflict);
    }

    // Orleans' own providers hand out a fresh instance when there is no state; types without a
    // parameterless constructor (e.g. string) get default, as Orleans' StateStorageBridge does.
    private static T CreateInstance<T>() =>
        typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance<T>() : default!;
}
