using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansVm.Runtime;

/// <summary>
/// One server of the cluster: the activations of its grains, their scheduler, the idle
/// collector. Start it, call grains through <see cref="GrainFactory"/>, stop it gracefully.
/// </summary>
public sealed class Silo : IAsyncDisposable
{
    private readonly Catalog _catalog;
    private readonly GrainCallDispatcher _dispatcher;
    private readonly IdleCollector _collector;
    private readonly ILogger<Silo> _logger;
    private int _state; // 0 created, 1 started, 2 stopping/stopped

    internal Silo(
        IServiceProvider services,
        ILocalSiloDetails details,
        Catalog catalog,
        GrainCallDispatcher dispatcher,
        IdleCollector collector,
        IGrainFactory grainFactory,
        ILogger<Silo> logger)
    {
        Services = services;
        Address = details.Address;
        _catalog = catalog;
        _dispatcher = dispatcher;
        _collector = collector;
        GrainFactory = grainFactory;
        _logger = logger;
    }

    public SiloAddress Address { get; }

    public IServiceProvider Services { get; }

    /// <summary>References from here call as external callers (source id null) unless used inside a grain turn.</summary>
    public IGrainFactory GrainFactory { get; }

    /// <summary>The invoker references can be bound to (used by clients such as the test cluster's).</summary>
    public IGrainCallInvoker CallInvoker => _dispatcher;

    /// <summary>Maps grain interfaces to the grain types registered here.</summary>
    public IGrainTypeResolver GrainTypes => Services.GetRequiredService<IGrainTypeResolver>();

    /// <summary>Number of live activations.</summary>
    public int ActivationCount => _catalog.Count;

    public bool IsRunning => Volatile.Read(ref _state) == 1;

    internal IServiceProvider? OwnedServices { get; set; }

    /// <summary>True when <paramref name="grainId"/> has an activation on this silo.</summary>
    public bool HasActivation(GrainId grainId) => _catalog.TryGet(grainId, out _);

    /// <summary>Runs one idle-collection scan now instead of waiting for the scan period.</summary>
    public void CollectIdleActivations() => _collector.CollectOnce();

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException($"Silo {Address} was already started.");
        }

        _collector.Start();
        _logger.LogInformation("Silo {Silo} started", Address);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Graceful stop: refuses new external calls and new activations, lets running and queued
    /// turns finish, then deactivates every activation (OnDeactivateAsync runs).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }

        _logger.LogInformation("Silo {Silo} stopping ({Count} activations)", Address, _catalog.Count);
        _dispatcher.StopAcceptingExternalCalls();
        _catalog.BeginShutdown();
        await _collector.DisposeAsync().ConfigureAwait(false);
        await _catalog.DeactivateAllAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Silo {Silo} stopped", Address);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (OwnedServices is IAsyncDisposable disposable)
        {
            OwnedServices = null;
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }
}
