using BenchmarkDotNet.Attributes;
using OrleansVm.Benchmarks.Support;

namespace OrleansVm.Benchmarks.Runtime;

/// <summary>
/// No-op grain calls through Orleans (an in-process silo; the caller is the host's grain factory, as
/// co-hosted ASP.NET Core code calls grains) with 1,000 activated grains and <see cref="Callers"/>
/// concurrent callers, each awaiting its calls one after another. Baseline: the same callers calling
/// the same activated grain objects directly through the interface. One invocation =
/// <see cref="TotalCalls"/> calls (OperationsPerInvoke), so calls/s = 1e9 / (ns/op). Recorded, no
/// goal: this is Orleans' own cost.
/// </summary>
[BenchmarkCategory("Runtime")]
public class GrainCallBenchmarks
{
    public const int Grains = 1_000;
    public const int TotalCalls = 64_000;

    private BenchSilo _silo = null!;
    private INoopGrain[] _references = null!;
    private INoopGrain[] _direct = null!;

    /// <summary>Concurrent callers; the total number of calls per invocation stays <see cref="TotalCalls"/>.</summary>
    [Params(64, 1)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _silo = await BenchSilo.StartAsync();
        _references = Enumerable.Range(0, Grains).Select(i => _silo.GrainFactory.GetGrain<INoopGrain>($"noop-{i}")).ToArray();
        await Task.WhenAll(_references.Select(r => r.Noop())); // activate all 1,000
        _direct = Enumerable.Range(0, Grains).Select(i => (INoopGrain)NoopGrain.Activated[$"noop-{i}"]).ToArray();

        // Both paths to tier-1 JIT before the first (baseline) benchmark is measured.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (DateTime.UtcNow < until)
        {
            await Run(_direct);
            await Run(_references);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = TotalCalls, Description = "Direct interface call on the grain object")]
    public Task DirectCall() => Run(_direct);

    [Benchmark(OperationsPerInvoke = TotalCalls, Description = "Grain call through Orleans")]
    public Task GrainCall() => Run(_references);

    private Task Run(INoopGrain[] grains)
    {
        var callers = Callers;
        var perCaller = TotalCalls / callers;
        var tasks = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var caller = c;
            tasks[c] = Task.Run(async () =>
            {
                // Callers start at different grains and walk them in order: concurrent callers rarely hit the same grain.
                var index = caller * (Grains / callers);
                for (var i = 0; i < perCaller; i++)
                {
                    await grains[index].Noop();
                    if (++index == Grains) index = 0;
                }
            });
        }
        return Task.WhenAll(tasks);
    }
}
