using System.Runtime;
using Jint;
using OrleansVm.Benchmarks.Support;
using OrleansVm.Sandbox;

namespace OrleansVm.Benchmarks.Modes;

/// <summary>
/// <c>memory-sandboxes [N]</c>: retained managed memory per live <c>counter</c> sandbox (goal, issue 9: ≤ 80 KB),
/// against a bare Jint <c>new Engine()</c> measured in the same run. Each figure is
/// (GC.GetTotalMemory after − before) / N with N objects kept alive, after full blocking compacting GCs.
/// One sandbox of each kind is created first so one-time costs (type loading, statics, the sandbox
/// warm-up) are not counted.
/// </summary>
public static class MemorySandboxesMode
{
    public static Task<int> RunAsync(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2_000;
        var program = CounterFixture.Parse();
        var options = CounterFixture.Options();
        var (shim, counter) = CounterFixture.ParseBare();

        // Warm-up: one of each, then dropped.
        GC.KeepAlive(PluginSandbox.Load(program, options));
        GC.KeepAlive(new Engine());
        GC.KeepAlive(CounterFixture.LoadBare(shim, counter));

        Console.WriteLine($"memory-sandboxes: N = {n}, GC: server={GCSettings.IsServerGC}, latency={GCSettings.LatencyMode}");
        var bare = PerObject(n, () => new Engine());
        var bareWithScript = PerObject(n, () => CounterFixture.LoadBare(shim, counter));
        var sandbox = PerObject(n, () => PluginSandbox.Load(program, options));

        Console.WriteLine();
        Console.WriteLine("| What (N live objects) | Retained bytes per object | KB | vs bare new Engine() |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("bare Jint `new Engine()` (baseline)", bare, bare);
        Row("bare Jint engine + shim + counter script run", bareWithScript, bare);
        Row("`PluginSandbox.Load(counter)`", sandbox, bare);
        Console.WriteLine();
        Console.WriteLine($"Goal ≤ 80 KB per live sandbox: {(sandbox / 1024.0 <= 80 ? "MET" : "MISSED")} ({sandbox / 1024.0:F1} KB)");
        return Task.FromResult(0);
    }

    private static void Row(string what, double bytes, double baseline) =>
        Console.WriteLine($"| {what} | {bytes:N0} | {bytes / 1024.0:F1} | {bytes / baseline:F2}× |");

    private static double PerObject<T>(int n, Func<T> create)
    {
        var live = new object?[n]; // allocated before the "before" figure
        FullGc();
        var before = GC.GetTotalMemory(forceFullCollection: false);
        for (var i = 0; i < n; i++) live[i] = create();
        FullGc();
        var after = GC.GetTotalMemory(forceFullCollection: false);
        GC.KeepAlive(live);
        var perObject = (after - before) / (double)n;
        Array.Clear(live);
        FullGc();
        return perObject;
    }

    private static void FullGc()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
    }
}
