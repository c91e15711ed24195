namespace OrleansVm.Runtime;

/// <summary>
/// A grain's durable state in a named storage provider, versioned by an ETag. The grain writes
/// when it chooses; nothing is saved implicitly. A write that loses an ETag race throws
/// <see cref="OrleansVm.Storage.InconsistentStateException"/> and the activation is dropped after
/// the turn, so the next call reloads the state.
/// </summary>
public interface IPersistentState<TState>
{
    TState State { get; set; }

    /// <summary>The stored version this activation last read or wrote; 0 when no record exists.</summary>
    long Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
