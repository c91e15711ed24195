using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using OrleansVm.Benchmarks.Support;
using OrleansVm.Grains;
using OrleansVm.Storage;
using OrleansVm.TestSupport;

namespace OrleansVm.Benchmarks.Modes;

/// <summary>
/// <c>domain-writes [--seconds 5] [--rounds 3] [--entries 10000] [--counters 64] [--storages memory,sqlite[,postgres]]</c> (issue 14):
/// a <c>counter-summary</c> that already holds <c>entries</c> instances (seeded through the grain storage) receives the
/// <c>set-instance</c> dispatches of <c>counters</c> counter instances, one caller each, for a fixed time. Two write
/// modes in the same run, alternating per round, a fresh silo and store each time: <c>whole</c> (the state and every
/// mark per batch, <c>DomainJournalSlots = 0</c>, as before issue 14) and <c>journal</c> (what changed per batch, a
/// snapshot now and then; the defaults). The record store is counted (<see cref="CountingStateStore"/>): domain writes
/// and their bytes (journal entries and snapshots together), and bytes allocated by the process per event.
/// </summary>
public static class DomainWritesMode
{
    private sealed record Sample(double EventsPerSecond, long Events, long Errors, double DomainWritesPerSecond, double BytesPerDomainWrite,
        long LargestDomainWrite, double DomainBytesPerEvent, double AllocatedPerEvent, double P99Ms, string? FirstError);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = double.Parse(Arg(args, "--seconds", "5"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(Arg(args, "--rounds", "3"), CultureInfo.InvariantCulture);
        var entries = int.Parse(Arg(args, "--entries", "10000"), CultureInfo.InvariantCulture);
        var counters = int.Parse(Arg(args, "--counters", "64"), CultureInfo.InvariantCulture);
        var storages = Arg(args, "--storages", "memory,sqlite").Split(',');
        string[] modes = ["whole", "journal"];
        Console.WriteLine($"domain-writes: counter-summary of {entries:N0} entries, {counters} counters (one caller each), {seconds} s per run, {rounds} rounds, {Environment.ProcessorCount} cores");

        await using var postgres = storages.Contains("postgres") ? await PostgresServer.StartAsync("orleansvm_bench") : null;
        var samples = new Dictionary<(string, string), List<Sample>>();
        var run = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var storage in storages)
            {
                foreach (var mode in round % 2 == 0 ? modes : modes.Reverse())
                {
                    var sample = await MeasureAsync(storage, mode, postgres, run++, entries, counters, TimeSpan.FromSeconds(seconds));
                    (samples.TryGetValue((storage, mode), out var list) ? list : samples[(storage, mode)] = []).Add(sample);
                    Console.WriteLine($"  round {round + 1}: {storage,-6} {mode,-7} {sample.EventsPerSecond,8:N0} events/s (p99 {sample.P99Ms:F1} ms, {sample.Errors} errors), " +
                        $"{sample.DomainWritesPerSecond,7:N0} domain writes/s of {sample.BytesPerDomainWrite,9:N0} B (largest {sample.LargestDomainWrite:N0} B), " +
                        $"{sample.DomainBytesPerEvent,8:N0} domain B/event, {sample.AllocatedPerEvent,9:N0} B allocated/event" +
                        (sample.FirstError is null ? "" : $" (first error: {sample.FirstError})"));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| storage | writes | events/s | domain writes/s | B per domain write | domain B per event | B allocated per event | events/s × whole |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var storage in storages)
        {
            var whole = Median(samples[(storage, "whole")]);
            foreach (var mode in modes)
            {
                var s = Median(samples[(storage, mode)]);
                Console.WriteLine($"| {storage} | {mode} | {s.EventsPerSecond:N0} | {s.DomainWritesPerSecond:N0} | {s.BytesPerDomainWrite:N0} | {s.DomainBytesPerEvent:N0} | {s.AllocatedPerEvent:N0} | {s.EventsPerSecond / whole.EventsPerSecond:F2}× |");
            }
        }

        return 0;
    }

    private static async Task<Sample> MeasureAsync(string storage, string mode, PostgresServer? postgres, int run, int entries, int counters, TimeSpan duration)
    {
        var root = Directory.CreateTempSubdirectory("orleansvm-bench-domain-").FullName;
        try
        {
            IGrainStateStore inner = storage switch
            {
                "memory" => new InMemoryStateStore(),
                "sqlite" => new SqliteGrainStateStore(new SqliteGrainStorageOptions { DatabasePath = Path.Combine(root, SqliteGrainStorageOptions.DefaultFileName) }),
                "postgres" => new PostgresGrainStateStore(new PostgresGrainStorageOptions { ConnectionString = await PostgresDatabaseAsync(postgres!, run) }),
                _ => throw new ArgumentException($"--storages {storage}: memory, sqlite or postgres"),
            };
            var store = new CountingStateStore(inner);
            await using var silo = await BenchSilo.StartAsync(
                o =>
                {
                    o.Storage = OrleansVmStorageKind.External;
                    o.MaxInstancesPerWorkspace = int.MaxValue;
                    if (mode == "whole") o.DomainJournalSlots = 0;
                },
                s => s.Services.AddGrainStorage(OrleansVmStorage.ProviderName, (services, name) => new OrleansVmGrainStorage(
                    name, store, OrleansVmJsonGrainStorageSerializer.Default, services.GetRequiredService<ILogger<OrleansVmGrainStorage>>())));
            var factory = silo.GrainFactory;
            const string ws = "bench";
            await SeedAsync(silo.Services, ws, entries, journaled: mode == "journal");
            await GrainEventsMode.SetUpWorkspaceAsync(factory, ws, ["counter"]);
            var instances = await GrainEventsMode.CreateInstancesAsync(factory, factory.GetGrain<IWorkspaceGrain>(ws), "counter", counters);
            Func<int, Task> call = i => instances[i % instances.Length].HandleEventAsync(ws, "counter", "increment", null);

            await GrainEventsMode.MeasureAsync(call, counters, TimeSpan.FromSeconds(1)); // warm-up: JIT, activations
            store.Reset();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var sample = await GrainEventsMode.MeasureAsync(call, counters, duration);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var seconds = sample.Calls / sample.PerSecond;

            var summary = (await factory.GetGrain<ISharedDomainGrain>(DomainKeys.Of(ws, BuiltInDomains.CounterSummary)).GetRawAsync())!.State!;
            if (summary["instanceCount"]!.GetValue<int>() != entries + counters)
                throw new InvalidOperationException($"counter-summary has {summary["instanceCount"]} instances, expected {entries + counters}");

            return new Sample(sample.PerSecond, sample.Calls, sample.Errors, store.DomainWrites / seconds,
                store.DomainWrites == 0 ? 0 : (double)store.DomainBytes / store.DomainWrites, store.DomainLargest,
                sample.Calls == 0 ? 0 : (double)store.DomainBytes / sample.Calls, sample.Calls == 0 ? 0 : (double)allocated / sample.Calls, sample.P99Ms, sample.FirstError);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The counter-summary of <paramref name="ws"/> with <paramref name="entries"/> instances (value 1) and their marks, before anything activates it.</summary>
    private static async Task SeedAsync(IServiceProvider services, string ws, int entries, bool journaled)
    {
        var values = new JsonObject();
        var state = new DomainState { JournalSlots = journaled ? new OrleansVmOptions().DomainJournalSlots : 0 };
        for (var i = 0; i < entries; i++)
        {
            var id = $"counter@seed{i:D6}";
            values[id] = 1;
            state.Applied[id] = new AppliedMark(1, "applied", null);
        }

        state.State = new JsonObject { ["valuesByInstance"] = values, ["totalValue"] = entries, ["instanceCount"] = entries, ["lastUpdatedInstanceId"] = null };
        var storage = services.GetRequiredKeyedService<IGrainStorage>(OrleansVmStorage.ProviderName);
        await storage.WriteStateAsync("domain", GrainId.Create(GrainTypes.SharedDomain, DomainKeys.Of(ws, BuiltInDomains.CounterSummary)), new GrainState<DomainState> { State = state });
    }

    private static async Task<string> PostgresDatabaseAsync(PostgresServer postgres, int run)
    {
        var connectionString = await postgres.CreateDatabaseAsync($"bench_domain{run}");
        await OrleansVmPostgresSchema.EnsureAsync(connectionString, CancellationToken.None);
        return connectionString;
    }

    private static Sample Median(List<Sample> samples) => samples.OrderBy(s => s.EventsPerSecond).ElementAt(samples.Count / 2);

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
