namespace OrleansVm.Runtime;

/// <summary>
/// Base class of grains. The runtime constructs it (with DI) for an activation; the parameterless
/// base constructor binds it to that activation, so the key, timers and lifecycle helpers work
/// already inside the derived constructor.
/// </summary>
public abstract class Grain : IGrain
{
    private readonly Activation? _activation;

    protected Grain()
    {
        _activation = GrainActivator.Constructing;
    }

    public GrainId GrainId => Activation.GrainId;

    /// <summary>Factory for references to other grains; calls made through it carry this grain as source.</summary>
    protected IGrainFactory GrainFactory => Activation.Catalog.GrainFactory;

    protected IServiceProvider ServiceProvider => Activation.Catalog.Services;

    internal Activation Activation => _activation
        ?? throw new InvalidOperationException($"{GetType().Name} was not created by the grain runtime; get it through IGrainFactory.GetGrain.");

    /// <summary>Runs as the activation's first turn, after persistent state was read.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the activation's last turn. Nothing is saved implicitly: write state here if needed.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivate once the current turn ends (overrides <see cref="DelayDeactivation"/>); queued calls go to a new activation.</summary>
    protected void DeactivateOnIdle() => Activation.DeactivateOnIdle();

    /// <summary>Keep this activation at least <paramref name="duration"/> even if idle; a negative or zero value cancels.</summary>
    protected void DelayDeactivation(TimeSpan duration) => Activation.DelayDeactivation(duration);

    /// <summary>A timer whose ticks run as turns of this grain (Orleans' legacy signature). It stops on deactivation.</summary>
    protected IDisposable RegisterTimer(Func<object?, Task> callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer((s, _) => callback(s), state, dueTime, period, interleave: false);
    }

    /// <summary>A timer whose ticks run as turns of this grain (not interleaved unless <paramref name="interleave"/>). It stops on deactivation.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool interleave = false)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer((_, ct) => callback(ct), null, dueTime, period, interleave);
    }

    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period, bool interleave = false)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer((s, ct) => callback((TState)s!, ct), state, dueTime, period, interleave);
    }
}
