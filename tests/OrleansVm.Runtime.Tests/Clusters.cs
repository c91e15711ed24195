using Microsoft.Extensions.DependencyInjection;
using OrleansVm.Runtime;
using OrleansVm.TestingHost;

namespace OrleansVm.Runtime.Tests;

/// <summary>Starts a one-silo test cluster with every test grain and a fresh probe.</summary>
public static class Clusters
{
    public static async Task<TestCluster> StartAsync(TestProbe probe, Action<TestClusterBuilder>? configure = null)
    {
        var builder = new TestClusterBuilder(1)
            .ConfigureServices(services => services.AddSingleton(probe))
            .ConfigureSilo(AddTestGrains);
        configure?.Invoke(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        probe.Client = cluster.Client;
        return cluster;
    }

    public static void AddTestGrains(SiloBuilder silo) => silo
        .AddGrain<IEchoGrain, EchoGrain>()
        .AddGrain<IRelayGrain, RelayGrain>()
        .AddGrain<ITurnGrain, TurnGrain>()
        .AddGrain<IReentrantGrain, ReentrantGrain>()
        .AddGrain<IChainGrain, ChainGrain>()
        .AddGrain<ILifecycleGrain, LifecycleGrain>()
        .AddGrain<IFailingActivationGrain, FailingActivationGrain>()
        .AddGrain<ITimerGrain, TimerGrain>()
        .AddGrain<ICounterGrain, CounterGrain>()
        .AddGrain<IProfileGrain, ProfileGrain>()
        .AddMemoryGrainStorage("named");
}
