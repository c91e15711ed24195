using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json.Nodes;
using OrleansVm.Benchmarks.Support;
using OrleansVm.Grains;
using OrleansVm.Sandbox;

namespace OrleansVm.Benchmarks.Modes;

/// <summary>
/// <c>memory-hoarders [--instances 100] [--workspaces 10] [--budget-mb 512] [--rounds 15]</c> (issue 12 item 3):
/// <c>--instances</c> instances of a plugin whose every event keeps ~2 MiB more in a global (as much as it is
/// allowed to: the per-call 32 MiB limit is never hit), spread over <c>--workspaces</c> workspaces, each called
/// <c>--rounds</c> times, while a quiet workspace's counter events are measured (p50/p99 before and during the
/// hoard). Two phases, each in a fresh process so working sets do not mix: <b>baseline</b> (only the per-sandbox
/// kept limit, no silo budget, no workspace quota) and <b>budget</b> (<c>--budget-mb</c>, per-workspace default).
/// Reported per phase: the managed heap after a full GC at the end (what is kept), the peak managed heap and
/// peak working set while hoarding, what <see cref="SandboxMemory"/> accounts for, its evictions, and the
/// hoarders' outcomes (ok, LIMIT_EXCEEDED keptMemory).
/// </summary>
public static class MemoryHoardersMode
{
    private const string Hoarder = """
        var keep = [];
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          return {
            initialState: {},
            widgets: { main: {
              render: function () { return ui.text('kept ' + keep.length); },
              handlers: { hoard: function () { keep.push('h'.repeat(1048576) + keep.length); } }
            } }
          };
        });
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var phase = GrainEventsMode.Arg(args, "--phase", "");
        if (phase.Length != 0) return await RunPhaseAsync(phase, args);

        Console.WriteLine($"memory-hoarders: {string.Join(' ', args)} — {Environment.ProcessorCount} cores, each phase in its own process");
        var results = new List<JsonObject>();
        foreach (var name in new[] { "baseline", "budget" })
        {
            var result = await RunChildAsync([.. args, "--phase", name]);
            if (result is null) return 1;
            results.Add(result);
        }

        Console.WriteLine();
        Console.WriteLine("| phase | heap before the hoard (MiB) | heap kept after full GC (MiB) | peak heap while hoarding (MiB) | peak working set (MiB) | sandboxes accounted (MiB) | evictions | hoard events ok / keptMemory / other | quiet p50 idle → during (ms) | quiet p99 idle → during (ms) | quiet errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|---|---|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r["phase"]} | {Mib(r, "heapBefore")} | {Mib(r, "keptHeap")} | {Mib(r, "peakHeap")} | {Mib(r, "peakWorkingSet")} | {Mib(r, "accounted")} | {r["evictions"]} | {r["ok"]} / {r["keptMemory"]} / {r["other"]} | {Ms(r, "idleP50")} → {Ms(r, "hoardP50")} | {Ms(r, "idleP99")} → {Ms(r, "hoardP99")} | {r["quietErrors"]} |"));
        }
        long Growth(JsonObject r) => r["keptHeap"]!.GetValue<long>() - r["heapBefore"]!.GetValue<long>();
        var baseline = Growth(results[0]);
        var budgeted = Growth(results[1]);
        var budget = results[1]["budget"]!.GetValue<long>();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"heap kept by the hoard (after − before): baseline {baseline / 1048576.0:F0} MiB, with the budget {budgeted / 1048576.0:F0} MiB ({budgeted / (double)baseline:F2}× the baseline); budget {budget / 1048576.0:F0} MiB: {(budgeted <= budget ? "UNDER" : "OVER")}"));
        return 0;
    }

    private static string Mib(JsonObject r, string key) => (r[key]!.GetValue<long>() / 1048576.0).ToString("F0", CultureInfo.InvariantCulture);

    private static string Ms(JsonObject r, string key) => r[key]!.GetValue<double>().ToString("F2", CultureInfo.InvariantCulture);

    private static async Task<JsonObject?> RunChildAsync(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet OrleansVm.Benchmarks.dll` the process is dotnet itself: the assembly goes first.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(MemoryHoardersMode).Assembly.Location);
        start.ArgumentList.Add("memory-hoarders");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var child = Process.Start(start)!;
        JsonObject? result = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("RESULT ", StringComparison.Ordinal)) result = JsonNode.Parse(line["RESULT ".Length..])!.AsObject();
            else Console.WriteLine(line);
        }
        await child.WaitForExitAsync();
        if (child.ExitCode != 0 || result is null) Console.WriteLine($"phase failed (exit code {child.ExitCode})");
        return result;
    }

    private static async Task<int> RunPhaseAsync(string phase, string[] args)
    {
        var instances = int.Parse(GrainEventsMode.Arg(args, "--instances", "100"), CultureInfo.InvariantCulture);
        var workspaces = int.Parse(GrainEventsMode.Arg(args, "--workspaces", "10"), CultureInfo.InvariantCulture);
        var budgetMb = long.Parse(GrainEventsMode.Arg(args, "--budget-mb", "512"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(GrainEventsMode.Arg(args, "--rounds", "15"), CultureInfo.InvariantCulture);
        var limited = phase == "budget";

        var root = Directory.CreateTempSubdirectory("orleansvm-bench-hoarders-").FullName;
        try
        {
            await using var silo = await BenchSilo.StartAsync(o =>
            {
                // Generous time so a blocking GC of a big heap never turns into a timeout; the kept limit is the default.
                o.Limits = SandboxLimits.Default with { LoadTimeout = TimeSpan.FromSeconds(10), EventTimeout = TimeSpan.FromSeconds(2), RenderTimeout = TimeSpan.FromSeconds(2) };
                o.SandboxMemoryBudget = limited ? budgetMb * 1024 * 1024 : long.MaxValue / 4;
                o.SandboxMemoryPerWorkspace = limited ? 0 : long.MaxValue / 4;
            });
            var factory = silo.GrainFactory;
            var memory = (SandboxMemory)silo.Services.GetService(typeof(SandboxMemory))!;
            Console.WriteLine($"  {phase}: {instances} hoarders in {workspaces} workspaces, {rounds} rounds; budget {memory.Budget / 1048576} MiB, per workspace {memory.PerWorkspace / 1048576} MiB, per sandbox {SandboxLimits.Default.MaxKeptBytes / 1048576} MiB; server GC={GCSettings.IsServerGC}");

            var quietWs = await GrainEventsMode.SetUpWorkspaceAsync(factory, "quiet", ["counter"]);
            var counters = await GrainEventsMode.CreateInstancesAsync(factory, quietWs, "counter", 8);
            await factory.GetGrain<IPackageGrain>("hoarder").PublishAsync("1.0.0", Hoarder, new PackageManifest("Hoarder", null, new CapabilityRequest([], []), []));
            var hoarders = new List<(string Ws, IPluginInstanceGrain Grain)>();
            for (var w = 0; w < workspaces; w++)
            {
                var ws = factory.GetGrain<IWorkspaceGrain>($"hoard-{w}");
                await ws.CreateAsync();
                await ws.PutGrantsAsync("hoarder", new Grants([], [], []));
                foreach (var grain in await GrainEventsMode.CreateInstancesAsync(factory, ws, "hoarder", instances / workspaces)) hoarders.Add(($"hoard-{w}", grain));
            }

            Task Counter(int i) => counters[i % counters.Length].HandleEventAsync("quiet", "counter", "increment", null);
            await GrainEventsMode.MeasureAsync(Counter, 2, TimeSpan.FromSeconds(2)); // warm-up
            var idle = await GrainEventsMode.MeasureAsync(Counter, 2, TimeSpan.FromSeconds(5));
            FullGc();
            var heapBefore = GC.GetTotalMemory(false); // the silo with every instance created, before any hoard

            long ok = 0, keptMemory = 0, other = 0, peakHeap = 0;
            string? firstOther = null;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                    try { await Task.Delay(50, stop.Token); } catch (OperationCanceledException) { }
                }
            });
            var hoard = Task.Run(async () =>
            {
                for (var round = 0; round < rounds; round++)
                {
                    await Parallel.ForEachAsync(hoarders, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (h, _) =>
                    {
                        try
                        {
                            await h.Grain.HandleEventAsync(h.Ws, "main", "hoard", null);
                            Interlocked.Increment(ref ok);
                        }
                        catch (SandboxException e) when (e.Code == SandboxErrorCodes.LimitExceeded && e.Details?["limit"]?.GetValue<string>() == "keptMemory")
                        {
                            Interlocked.Increment(ref keptMemory);
                        }
                        catch (Exception e)
                        {
                            Interlocked.Increment(ref other);
                            Interlocked.CompareExchange(ref firstOther, e.GetType().Name + ": " + e.Message, null);
                        }
                    });
                }
            });
            var during = await GrainEventsMode.MeasureAsync(Counter, 2, TimeSpan.FromSeconds(5));
            await hoard;
            await stop.CancelAsync();
            await sampler;

            FullGc();
            var keptHeap = GC.GetTotalMemory(false);
            using var self = Process.GetCurrentProcess();
            Console.WriteLine($"  {phase}: done; quiet during the hoard measured over its first 5 s{(firstOther is null ? "" : $"; first other error: {firstOther}")}");
            var result = new JsonObject
            {
                ["phase"] = phase,
                ["budget"] = memory.Budget,
                ["keptHeap"] = keptHeap,
                ["heapBefore"] = heapBefore,
                ["peakHeap"] = peakHeap,
                ["peakWorkingSet"] = self.PeakWorkingSet64,
                ["accounted"] = memory.Accounted,
                ["evictions"] = memory.Evictions,
                ["ok"] = ok,
                ["keptMemory"] = keptMemory,
                ["other"] = other,
                ["idleP50"] = idle.P50Ms,
                ["idleP99"] = idle.P99Ms,
                ["hoardP50"] = during.P50Ms,
                ["hoardP99"] = during.P99Ms,
                ["quietErrors"] = idle.Errors + during.Errors,
            };
            Console.WriteLine("RESULT " + result.ToJsonString());
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
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
