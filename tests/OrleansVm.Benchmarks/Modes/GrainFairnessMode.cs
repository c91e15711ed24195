using System.Globalization;
using System.Runtime;
using OrleansVm.Grains;
using OrleansVm.Sandbox;

namespace OrleansVm.Benchmarks.Modes;

/// <summary>
/// <c>grain-fairness [--storage memory|sqlite] [--flood 200] [--quiet-callers 4] [--seconds 10] [--honor-retry-after]</c>
/// (issue 12 item 2): workspace <c>quiet</c>'s counter events, p50/p99, first alone ("idle"), then while workspace
/// <c>flood</c> sends <c>--flood</c> concurrent renders of a runaway plugin (<c>while (true) {}</c>, one instance per
/// caller, each stopped at its 100 ms limit), in the same run. Goal: flooded p50 ≤ 3× idle p50. The flood's
/// callers retry at once (a hostile client) unless <c>--honor-retry-after</c>; their outcomes are counted.
/// </summary>
public static class GrainFairnessMode
{
    private const string Runaway = """
        definePlugin(function (ctx) {
          return { initialState: {}, widgets: { main: { render: function () { while (true) {} } } } };
        });
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var storageKind = GrainEventsMode.Arg(args, "--storage", "memory");
        var flood = int.Parse(GrainEventsMode.Arg(args, "--flood", "200"), CultureInfo.InvariantCulture);
        var quietCallers = int.Parse(GrainEventsMode.Arg(args, "--quiet-callers", "4"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(GrainEventsMode.Arg(args, "--seconds", "10"), CultureInfo.InvariantCulture);
        var honorRetryAfter = args.Contains("--honor-retry-after");

        var root = Directory.CreateTempSubdirectory("orleansvm-bench-fairness-").FullName;
        try
        {
            await using var silo = await GrainEventsMode.StartSiloAsync(storageKind, root);
            var factory = silo.GrainFactory;
            var gate = (SandboxGate)silo.Services.GetService(typeof(SandboxGate))!;
            Console.WriteLine($"grain-fairness: storage={storageKind}, flood={flood} runaway renders, {quietCallers} quiet callers, {seconds} s per phase, {Environment.ProcessorCount} cores, server GC={GCSettings.IsServerGC}, sandbox slots {gate.Capacity} ({gate.SharePerWorkspace} per workspace, queue {gate.QueuePerWorkspace}), flood honors Retry-After: {honorRetryAfter}");

            var quietWs = await GrainEventsMode.SetUpWorkspaceAsync(factory, "quiet", ["counter"]);
            var counters = await GrainEventsMode.CreateInstancesAsync(factory, quietWs, "counter", 16);
            await factory.GetGrain<IPackageGrain>("runaway").PublishAsync("1.0.0", Runaway, new PackageManifest("Runaway", null, new CapabilityRequest([], []), []));
            var floodWs = factory.GetGrain<IWorkspaceGrain>("flood");
            await floodWs.CreateAsync();
            await floodWs.PutGrantsAsync("runaway", new Grants([], [], []));
            var runaways = await GrainEventsMode.CreateInstancesAsync(factory, floodWs, "runaway", flood);

            Task Counter(int i) => counters[i % counters.Length].HandleEventAsync("quiet", "counter", "increment", null);
            await GrainEventsMode.MeasureAsync(Counter, quietCallers, TimeSpan.FromSeconds(Math.Min(3, seconds))); // warm-up
            var idle = await GrainEventsMode.MeasureAsync(Counter, quietCallers, TimeSpan.FromSeconds(seconds));
            Console.WriteLine($"  idle:    {idle.PerSecond:N0}/s, p50 {idle.P50Ms:F2} ms, p99 {idle.P99Ms:F2} ms, {idle.Errors} errors");

            var outcomes = new FloodOutcomes();
            using var stop = new CancellationTokenSource();
            var floodTasks = runaways.Select(instance => Task.Run(() => FloodAsync(instance, outcomes, honorRetryAfter, stop.Token))).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(1)); // the flood's queues fill first
            var flooded = await GrainEventsMode.MeasureAsync(Counter, quietCallers, TimeSpan.FromSeconds(seconds));
            await stop.CancelAsync();
            await Task.WhenAll(floodTasks);
            Console.WriteLine($"  flooded: {flooded.PerSecond:N0}/s, p50 {flooded.P50Ms:F2} ms, p99 {flooded.P99Ms:F2} ms, {flooded.Errors} errors ({flooded.Timeouts} RUNTIME_TIMEOUT, {flooded.Overloaded} OVERLOADED){(flooded.FirstError is { } e ? $" first: {e}" : "")}");

            var ratio = flooded.P50Ms / idle.P50Ms;
            Console.WriteLine();
            Console.WriteLine("| quiet workspace's counter event | events/s | p50 ms | p99 ms | errors |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Console.WriteLine($"| idle | {idle.PerSecond:N0} | {idle.P50Ms:F2} | {idle.P99Ms:F2} | {idle.Errors} |");
            Console.WriteLine($"| during the flood | {flooded.PerSecond:N0} | {flooded.P50Ms:F2} | {flooded.P99Ms:F2} | {flooded.Errors} |");
            Console.WriteLine();
            Console.WriteLine($"p50 flooded / idle: {ratio:F2}x — goal ≤ 3x: {(ratio <= 3 ? "MET" : "MISSED")}");
            Console.WriteLine($"flood renders: {outcomes.Timeouts:N0} RUNTIME_TIMEOUT (stopped at their limit), {outcomes.Overloaded:N0} OVERLOADED (429), {outcomes.Other:N0} other{(outcomes.FirstOther is { } o ? $" (first: {o})" : "")}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task FloodAsync(IPluginInstanceGrain instance, FloodOutcomes outcomes, bool honorRetryAfter, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await instance.RenderAsync("flood", "main");
                Interlocked.Increment(ref outcomes.Other); // a runaway that rendered would be a bug
            }
            catch (SandboxException ex) when (ex.Code == SandboxErrorCodes.RuntimeTimeout)
            {
                Interlocked.Increment(ref outcomes.Timeouts);
            }
            catch (OrleansVmException ex) when (ex.Code == ErrorCodes.Overloaded)
            {
                Interlocked.Increment(ref outcomes.Overloaded);
                if (honorRetryAfter)
                {
                    try { await Task.Delay(TimeSpan.FromSeconds(SandboxGate.RetryAfterSeconds), stop); }
                    catch (OperationCanceledException) { return; }
                }
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref outcomes.Other);
                Interlocked.CompareExchange(ref outcomes.FirstOther, ex.GetType().Name + ": " + ex.Message, null);
            }
        }
    }

    private sealed class FloodOutcomes
    {
        public long Timeouts;
        public long Overloaded;
        public long Other;
        public string? FirstOther;
    }
}
