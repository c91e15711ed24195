using BenchmarkDotNet.Running;
using OrleansVm.Benchmarks.Modes;
using OrleansVm.Benchmarks.Support;

namespace OrleansVm.Benchmarks;

/// <summary>
/// BenchmarkDotNet classes (one file each, any folder) run through the switcher:
///   dotnet run -c Release --project tests/OrleansVm.Benchmarks -- --filter '*Sandbox*'
/// Custom modes (Modes/, not BenchmarkDotNet figures) are selected by the first argument:
///   dotnet run -c Release --project tests/OrleansVm.Benchmarks -- memory-sandboxes [N]
///   dotnet run -c Release --project tests/OrleansVm.Benchmarks -- storage-writes [seconds] [repeats]
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Modes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["memory-sandboxes"] = MemorySandboxesMode.RunAsync,
        ["storage-writes"] = StorageWritesMode.RunAsync,
        ["sandbox-probe"] = SandboxProbeMode.RunAsync,
        ["sandbox-ratios"] = SandboxRatiosMode.RunAsync,
        ["grain-events"] = GrainEventsMode.RunAsync,
        ["grain-memory"] = GrainEventsMode.RunMemoryAsync,
        ["grain-fairness"] = GrainFairnessMode.RunAsync,
        ["call-clock"] = CallClockMode.RunAsync,
        ["json-codec"] = JsonCodecMode.RunAsync,
        ["domain-writes"] = DomainWritesMode.RunAsync,
        ["memory-hoarders"] = MemoryHoardersMode.RunAsync,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && Modes.TryGetValue(args[0], out var mode))
            return await mode(args[1..]);

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchConfig.ForArgs(args));
        return 0;
    }
}
