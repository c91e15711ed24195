namespace OrleansVm.Runtime;

/// <summary>
/// A grain with one persistent state, named "state", in the provider given by
/// [StorageProvider(ProviderName = ...)] (default "Default"). It is read before OnActivateAsync.
/// </summary>
public abstract class Grain<TState> : Grain
{
    private readonly IPersistentState<TState> _state;

    protected Grain()
    {
        _state = (IPersistentState<TState>)Activation.CreatePersistentState<TState>("state", providerName: null);
    }

    protected TState State
    {
        get => _state.State;
        set => _state.State = value;
    }

    protected long StateEtag => _state.Etag;

    protected Task ReadStateAsync(CancellationToken cancellationToken = default) => _state.ReadStateAsync(cancellationToken);

    protected Task WriteStateAsync(CancellationToken cancellationToken = default) => _state.WriteStateAsync(cancellationToken);

    protected Task ClearStateAsync(CancellationToken cancellationToken = default) => _state.ClearStateAsync(cancellationToken);
}
