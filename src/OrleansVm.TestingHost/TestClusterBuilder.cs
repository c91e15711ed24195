using Microsoft.Extensions.DependencyInjection;
using OrleansVm.Runtime;
using OrleansVm.Storage;

namespace OrleansVm.TestingHost;

/// <summary>
/// Builds an in-process cluster for integration tests, as Orleans.TestingHost does:
/// <c>new TestClusterBuilder(1).AddGrain&lt;I, G&gt;().Build()</c>, then <c>DeployAsync()</c>.
/// All silos share one grain storage instance (default: a fresh <see cref="MemoryGrainStorage"/>)
/// registered as the "Default" provider, so state survives <see cref="TestCluster.RestartSiloAsync"/>.
/// </summary>
public sealed class TestClusterBuilder
{
    private readonly List<Action<SiloBuilder>> _siloConfigurations = [];
    private Func<IGrainStorage> _storageFactory = static () => new MemoryGrainStorage();

    public TestClusterBuilder(int initialSilosCount = 1)
    {
        if (initialSilosCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(initialSilosCount), "A test cluster needs at least one silo.");
        }

        if (initialSilosCount > 1)
        {
            throw new NotSupportedException(
                $"A test cluster of {initialSilosCount} silos needs multi-silo clustering (membership, placement, transport), which is a later issue; only 1 silo is supported for now.");
        }

        InitialSilosCount = initialSilosCount;
    }

    public int InitialSilosCount { get; }

    /// <summary>Configures every silo (grains, filters, extra storage providers...).</summary>
    public TestClusterBuilder ConfigureSilo(Action<SiloBuilder> configure)
    {
        _siloConfigurations.Add(configure);
        return this;
    }

    public TestClusterBuilder ConfigureServices(Action<IServiceCollection> configure) =>
        ConfigureSilo(silo => silo.ConfigureServices(configure));

    public TestClusterBuilder Configure(Action<SiloOptions> configure) =>
        ConfigureSilo(silo => silo.Configure(configure));

    public TestClusterBuilder AddGrain<TInterface, TGrain>(Action<GrainTypeOptions>? configure = null)
        where TInterface : IGrainWithStringKey
        where TGrain : Grain, TInterface =>
        ConfigureSilo(silo => silo.AddGrain<TInterface, TGrain>(configure));

    public TestClusterBuilder AddGrain<TGrain>(Action<GrainTypeOptions>? configure = null)
        where TGrain : Grain =>
        ConfigureSilo(silo => silo.AddGrain<TGrain>(configure));

    /// <summary>Chooses the shared "Default" storage: <paramref name="factory"/> runs once per cluster.</summary>
    public TestClusterBuilder UseStorage(Func<IGrainStorage> factory)
    {
        _storageFactory = factory;
        return this;
    }

    /// <summary>Uses an existing storage instance as the shared "Default" provider.</summary>
    public TestClusterBuilder UseStorage(IGrainStorage storage) => UseStorage(() => storage);

    public TestCluster Build() => new(InitialSilosCount, _storageFactory(), [.. _siloConfigurations]);
}
