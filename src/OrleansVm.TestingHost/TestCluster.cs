using OrleansVm.Runtime;
using OrleansVm.Storage;

namespace OrleansVm.TestingHost;

/// <summary>An in-process cluster of silos for tests. <see cref="Client"/> stays valid across silo restarts.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly IReadOnlyList<Action<SiloBuilder>> _siloConfigurations;
    private readonly List<Silo> _silos = [];
    private readonly ClusterClientInvoker _clientInvoker;
    private int _siloGeneration;

    internal TestCluster(int initialSilosCount, IGrainStorage storage, IReadOnlyList<Action<SiloBuilder>> siloConfigurations)
    {
        InitialSilosCount = initialSilosCount;
        Storage = storage;
        _siloConfigurations = siloConfigurations;
        _clientInvoker = new ClusterClientInvoker(this);
        Client = new GrainFactory(_clientInvoker, _clientInvoker);
    }

    public int InitialSilosCount { get; }

    /// <summary>The storage shared by all silos as their "Default" provider.</summary>
    public IGrainStorage Storage { get; }

    /// <summary>A grain factory for external callers (source id null).</summary>
    public IGrainFactory Client { get; }

    public IReadOnlyList<Silo> Silos => _silos;

    public Silo Primary => _silos.Count > 0 ? _silos[0] : throw new InvalidOperationException("The cluster is not deployed.");

    public async Task DeployAsync()
    {
        if (_silos.Count != 0)
        {
            throw new InvalidOperationException("The cluster is already deployed.");
        }

        for (var i = 0; i < InitialSilosCount; i++)
        {
            _silos.Add(await StartSiloAsync().ConfigureAwait(false));
        }
    }

    /// <summary>Gracefully stops a silo (default: the primary) and starts a new one with the same configuration and storage.</summary>
    public async Task<Silo> RestartSiloAsync(Silo? silo = null)
    {
        silo ??= Primary;
        var index = _silos.IndexOf(silo);
        if (index < 0)
        {
            throw new ArgumentException("That silo is not part of this cluster.", nameof(silo));
        }

        await silo.DisposeAsync().ConfigureAwait(false);
        var restarted = await StartSiloAsync().ConfigureAwait(false);
        _silos[index] = restarted;
        return restarted;
    }

    public Task<Silo> StartAdditionalSiloAsync() =>
        throw new NotSupportedException("Additional silos need multi-silo clustering, which is a later issue.");

    public async Task StopAllSilosAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync().ConfigureAwait(false);
        }

        _silos.Clear();
    }

    public async ValueTask DisposeAsync() => await StopAllSilosAsync().ConfigureAwait(false);

    private async Task<Silo> StartSiloAsync()
    {
        var builder = new SiloBuilder()
            .Configure(options => options.SiloId = $"testsilo-{_siloGeneration++}")
            .AddGrainStorage(GrainStorageNames.Default, Storage);
        foreach (var configure in _siloConfigurations)
        {
            configure(builder);
        }

        var silo = builder.Build();
        await silo.StartAsync().ConfigureAwait(false);
        return silo;
    }

    /// <summary>Sends client calls to the cluster's current silo, so references outlive restarts.</summary>
    private sealed class ClusterClientInvoker(TestCluster cluster) : IGrainCallInvoker, IGrainTypeResolver
    {
        public ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainMethod<TResult> method, object?[] arguments) =>
            CurrentSilo.CallInvoker.InvokeAsync(target, method, arguments);

        public GrainType GetGrainType(Type grainInterface) => CurrentSilo.GrainTypes.GetGrainType(grainInterface);

        private Silo CurrentSilo => cluster._silos.Count > 0
            ? cluster._silos[0]
            : throw new SiloUnavailableException("The test cluster has no running silo.");
    }
}
