using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansVm.Grains;

namespace OrleansVm.Benchmarks.Support;

/// <summary>
/// One Orleans silo in this process (localhost clustering) with OrleansVm and the benchmark grains;
/// calls go through the host's <see cref="IGrainFactory"/>, the way ASP.NET Core code co-hosted
/// with the silo calls grains.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public GrainCallCounter Calls => _host.Services.GetRequiredService<GrainCallCounter>();

    /// <summary>Grain activations on the silo now.</summary>
    public async Task<int> ActivationCountAsync()
    {
        var stats = await GrainFactory.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return stats.Sum(s => s.ActivationCount);
    }

    /// <param name="configureSilo">Extra registrations after OrleansVm's (e.g. the storage of <see cref="OrleansVmStorageKind.External"/>).</param>
    public static async Task<BenchSilo> StartAsync(Action<OrleansVmOptions>? configure = null, Action<ISiloBuilder>? configureSilo = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // One counter object: the filter Orleans runs is the one the benchmark reads.
        var counter = new GrainCallCounter();
        builder.Services.AddSingleton(counter);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering().AddOrleansVm(configure);
            configureSilo?.Invoke(silo);
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(counter);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>Counts grain calls received by grains, by interface, so a benchmark can report calls per event.</summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _byInterface = new(StringComparer.Ordinal);

    public bool Enabled { get; set; }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (Enabled) _byInterface.AddOrUpdate(context.InterfaceName, 1, (_, n) => n + 1);
        return context.Invoke();
    }

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_byInterface);

    public void Reset() => _byInterface.Clear();
}
