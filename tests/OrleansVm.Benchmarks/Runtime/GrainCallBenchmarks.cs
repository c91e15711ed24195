using BenchmarkDotNet.Attributes;
using OrleansVm.Runtime;

namespace OrleansVm.Benchmarks.Runtime;

/// <summary>
/// Issue 3: no-op grain calls through the runtime (reference → dispatcher → catalog → activation turn)
/// with 1,000 activated grains and <see cref="Callers"/> concurrent external callers, each awaiting its
/// calls one after another. Baseline: the same callers calling the same activated grain objects
/// directly through the interface. One invocation = <see cref="TotalCalls"/> calls
/// (OperationsPerInvoke), so calls/s = 1e9 / (ns/op). Goal: ≥ 500,000 calls/s with 64 callers.
/// </summary>
[BenchmarkCategory("Runtime")]
public class GrainCallBenchmarks
{
    public const int Grains = 1_000;
    public const int TotalCalls = 64_000;

    private Silo _silo = null!;
    private INoopGrain[] _references = null!;
    private INoopGrain[] _direct = null!;

    /// <summary>Concurrent callers; the total number of calls per invocation stays <see cref="TotalCalls"/>.</summary>
    [Params(64, 1)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _silo = new SiloBuilder().AddGrain<INoopGrain, NoopGrain>().Build();
        _silo.StartAsync().GetAwaiter().GetResult();
        _references = Enumerable.Range(0, Grains).Select(i => _silo.GrainFactory.GetGrain<INoopGrain>($"noop-{i}")).ToArray();
        Task.WhenAll(_references.Select(r => r.Noop())).GetAwaiter().GetResult(); // activate all 1,000
        _direct = Enumerable.Range(0, Grains).Select(i => (INoopGrain)NoopGrain.Activated[$"noop-{i}"]).ToArray();
        if (_silo.ActivationCount != Grains) throw new InvalidOperationException($"{_silo.ActivationCount} activations");

        // Both paths to tier-1 JIT before the first (baseline) benchmark is measured.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (DateTime.UtcNow < until)
        {
            Run(_direct).GetAwaiter().GetResult();
            Run(_references).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = TotalCalls, Description = "Direct interface call on the grain object")]
    public Task DirectCall() => Run(_direct);

    [Benchmark(OperationsPerInvoke = TotalCalls, Description = "Grain call through the runtime")]
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
