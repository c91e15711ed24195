using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansVm.Runtime;

/// <summary>
/// The silo's local activation directory: finds or creates the activation of a grain id and
/// hands it the call. Lookup is one dictionary probe keyed by <see cref="GrainId"/>, whose hash is
/// precomputed.
/// </summary>
internal sealed class Catalog
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly GrainClassRegistry _classes;
    private readonly CancellationTokenSource _stopping = new();
    private volatile bool _acceptsNewActivations = true;
    private IGrainFactory? _grainFactory;

    public Catalog(
        GrainClassRegistry classes,
        IServiceProvider services,
        IEnumerable<IIncomingGrainCallFilter> incomingFilters,
        SiloOptions options,
        ILogger<Catalog> logger)
    {
        _classes = classes;
        Services = services;
        IncomingFilters = [.. incomingFilters];
        Options = options;
        Logger = logger;
    }

    public IServiceProvider Services { get; }

    /// <summary>The silo's grain factory, resolved on first use (it depends on the dispatcher, which depends on this catalog).</summary>
    public IGrainFactory GrainFactory => _grainFactory ??= Services.GetRequiredService<IGrainFactory>();

    public IIncomingGrainCallFilter[] IncomingFilters { get; }

    public SiloOptions Options { get; }

    public ILogger Logger { get; }

    /// <summary>Signalled when the silo starts stopping; passed to OnActivateAsync and timer callbacks.</summary>
    public CancellationToken StoppingToken => _stopping.Token;

    public int Count => _activations.Count;

    public ICollection<Activation> Activations => _activations.Values;

    public ValueTask<TResult> InvokeAsync<TResult>(GrainId grainId, GrainMethod<TResult> method, object?[] arguments, TurnContext? caller)
    {
        while (true)
        {
            if (!_activations.TryGetValue(grainId, out var activation))
            {
                if (!_acceptsNewActivations)
                {
                    return ValueTask.FromException<TResult>(new SiloUnavailableException($"The silo is shutting down; {grainId} cannot be activated."));
                }

                GrainClass grainClass;
                try
                {
                    grainClass = _classes.GetClass(grainId.Type);
                }
                catch (Exception error)
                {
                    return ValueTask.FromException<TResult>(error);
                }

                activation = _activations.GetOrAdd(grainId, static (id, state) => new Activation(id, state.grainClass, state.catalog), (grainClass, catalog: this));
            }

            if (activation.TryInvoke(method, arguments, caller, out var response))
            {
                return response;
            }

            // That activation just left the directory: look the grain up again.
        }
    }

    public void Remove(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));

    public bool TryGet(GrainId grainId, out Activation activation) => _activations.TryGetValue(grainId, out activation!);

    /// <summary>Stops creating activations and signals the stopping token.</summary>
    public void BeginShutdown()
    {
        _acceptsNewActivations = false;
        _stopping.Cancel();
    }

    /// <summary>Deactivates every activation after its queued calls, and waits for all of them.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "the silo is stopping");
        while (!_activations.IsEmpty)
        {
            var all = _activations.Values.ToArray();
            foreach (var activation in all)
            {
                activation.RequestDeactivation(reason, afterQueuedWork: true);
            }

            await Task.WhenAll(all.Select(a => a.Deactivated)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
