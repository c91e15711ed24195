using System.Diagnostics;
using System.Reflection;
using OrleansVm.Benchmarks.Support;
using OrleansVm.Sandbox;

namespace OrleansVm.Benchmarks.Modes;

/// <summary>
/// <c>render-probe [renders]</c>: diagnostic A/B of <c>PluginSandbox.Render(counter)</c> with the default
/// memory limit against a huge one (the retained-size walks between calls, every 4 × MaxMemoryBytes of
/// churn, become rarer), interleaved in the same process. Counts the walks through the internal
/// <c>RetainedChecks</c> counter (reflection; diagnostic only, may break when the sandbox changes).
/// </summary>
public static class SandboxRenderProbeMode
{
    public static Task<int> RunAsync(string[] args)
    {
        var renders = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5_000;
        var program = CounterFixture.Parse();
        var state = CounterFixture.PluginState();
        var global = CounterFixture.GlobalState();
        var variants = new (string Name, PluginSandbox Sandbox)[]
        {
            ("default limits (MaxMemoryBytes 32 MiB)", PluginSandbox.Load(program, CounterFixture.Options())),
            ("MaxMemoryBytes 1 GiB (walks ~32x rarer)", PluginSandbox.Load(program, new SandboxOptions { Limits = CounterFixture.Limits with { MaxMemoryBytes = 1L << 30 } })),
        };
        var checks = typeof(PluginSandbox).GetProperty("RetainedChecks", BindingFlags.Instance | BindingFlags.NonPublic);
        var (bare, bareRender) = CounterFixture.BareEngine();
        bare.Execute("var __props = " + CounterFixture.PropsJson + ";");
        var props = bare.GetValue("__props");

        var samples = variants.Select(_ => new List<double>()).ToArray();
        var bareSamples = new List<double>();
        for (var round = 0; round < 9; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var sandbox = variants[v].Sandbox;
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < renders; i++) sandbox.Render(CounterFixture.Widget, state, global);
                samples[v].Add(watch.Elapsed.TotalMicroseconds / renders);
            }
            var w = Stopwatch.StartNew();
            for (var i = 0; i < renders; i++) bare.Invoke(bareRender, props);
            bareSamples.Add(w.Elapsed.TotalMicroseconds / renders);
        }

        Console.WriteLine($"render-probe: {renders} renders per sample, 9 interleaved rounds (first 2 dropped as warm-up), medians");
        Console.WriteLine("| Variant | µs per render | retained-size walks over all renders |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| bare Jint Invoke (baseline) | {Median(bareSamples.Skip(2)):F1} | — |");
        for (var v = 0; v < variants.Length; v++)
            Console.WriteLine($"| {variants[v].Name} | {Median(samples[v].Skip(2)):F1} | {checks?.GetValue(variants[v].Sandbox) ?? "?"} |");
        return Task.FromResult(0);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(x => x).ToArray();
        return sorted[sorted.Length / 2];
    }
}
