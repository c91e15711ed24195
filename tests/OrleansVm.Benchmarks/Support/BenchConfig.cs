using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OrleansVm.Benchmarks.Support;

/// <summary>
/// Defaults for a noisy, shared 2-core box: a short-style job (1 launch, 8 warm-ups, 9 iterations),
/// in-process (the default toolchain generates and builds a new project over the whole
/// dependency graph for every run: slow here and it writes into src/*/obj that other builds
/// share), MemoryDiagnoser, and the median next to the mean.
/// Passing --job/-j or --runtimes/-r on the command line replaces the default job (add
/// --inProcess to stay in-process).
/// </summary>
public static class BenchConfig
{
    // Jint's interpreter methods are large and take many calls to reach tier-1 JIT code: a render
    // measured in the first ~second is 2-3× slower than later. Short's 3 warm-ups are not enough.
    public const int WarmupCount = 8;

    // The median of 9 iterations survives a couple of iterations disturbed by other builds.
    public const int IterationCount = 9;

    public static IConfig ForArgs(string[] args)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95);

        var userChoseJob = args.Any(a => a is "--job" or "-j" or "--runtimes" or "-r" || a.StartsWith("--job=", StringComparison.Ordinal));
        if (!userChoseJob)
        {
            config = config.AddJob(Job.ShortRun
                .WithWarmupCount(WarmupCount)
                .WithIterationCount(IterationCount)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId("NoisyBoxInProcess"));
        }

        return config;
    }
}
