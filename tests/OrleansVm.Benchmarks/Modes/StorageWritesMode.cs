using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Orleans.Storage;
using OrleansVm.Storage;
using OrleansVm.TestSupport;

namespace OrleansVm.Benchmarks.Modes;

/// <summary>
/// <c>storage-writes [seconds=5] [rounds=3] [grains=64] [providers]</c>: durable grain-state writes per second
/// through Orleans' <see cref="IGrainStorage"/> interface, 64 concurrent grains (each writes its own state one
/// write after another with its current ETag, as an activation does). Providers, each registered by name on a
/// one-silo host exactly as in production and resolved from it:
/// <list type="bullet">
/// <item><c>sqlite-on</c> / <c>sqlite-off</c>: the project's SQLite provider (file on local disk, WAL,
/// synchronous=FULL), group commit on / off;</item>
/// <item><c>postgres-on</c> / <c>postgres-off</c>: the project's PostgreSQL provider, group commit on / off;</item>
/// <item><c>adonet</c>: Orleans' ADO.NET provider on PostgreSQL (Npgsql), on the schema of deploy/sql/postgres.</item>
/// </list>
/// PostgreSQL is TestSupport's throwaway server (fsync=on, synchronous_commit=on), one fresh database per run.
/// Each run has an untimed warm-up, then a fixed duration; configurations alternate (order reversed every
/// other round); medians and ratios against Orleans' ADO.NET provider are reported.
/// </summary>
public static class StorageWritesMode
{
    private const string StateName = "bench";

    private static readonly string[] AllProviders = ["sqlite-on", "sqlite-off", "postgres-on", "postgres-off", "adonet"];

    /// <summary>A small grain state (about 150 bytes of JSON) with a JSON member, like OrleansVm's.</summary>
    public sealed class BenchState
    {
        public long Counter { get; set; }
        public string Text { get; set; } = "a small grain state, about a hundred bytes of JSON, like a counter's";
        public JsonObject Data { get; set; } = new() { ["kind"] = "counter", ["limits"] = new JsonArray(1, 2, 3) };
    }

    private sealed record Sample(double WritesPerSecond, long Writes, double Seconds, double? AverageBatch, long? WalSyncs);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var grains = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64;
        var providers = args.Length > 3 ? args[3].Split(',') : AllProviders;
        var unknown = providers.Except(AllProviders).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown provider(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllProviders)}.");
            return 2;
        }

        PostgresServer? postgres = null;
        try
        {
            if (providers.Any(p => p != "sqlite-on" && p != "sqlite-off"))
            {
                Console.WriteLine("Starting a throwaway PostgreSQL server...");
                postgres = await PostgresServer.StartAsync("orleansvm_bench");
            }

            Console.WriteLine($"storage-writes: {grains} grains, {seconds} s per run, {rounds} rounds, through Orleans' IGrainStorage");
            var samples = providers.ToDictionary(p => p, _ => new List<Sample>());
            var run = 0;
            for (var round = 0; round < rounds; round++)
            {
                foreach (var provider in round % 2 == 0 ? providers : providers.Reverse())
                {
                    var sample = await MeasureAsync(provider, postgres, run++, grains, TimeSpan.FromSeconds(seconds));
                    samples[provider].Add(sample);
                    var batch = sample.AverageBatch is { } b ? $", avg batch {b:F1}" : "";
                    var syncs = sample.WalSyncs is { } n ? $", server WAL fsyncs {(double)n / sample.Writes:F3} per write" : "";
                    Console.WriteLine($"  round {round + 1}: {provider,-13} {sample.WritesPerSecond,10:N0} writes/s ({sample.Writes:N0} in {sample.Seconds:F2} s{batch}{syncs})");
                }
            }

            PrintSummary(providers, samples);
            return 0;
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }
    }

    private static void PrintSummary(IReadOnlyList<string> providers, Dictionary<string, List<Sample>> samples)
    {
        var medians = providers.ToDictionary(p => p, p => Median(samples[p].Select(s => s.WritesPerSecond)));
        double? adoNet = medians.TryGetValue("adonet", out var a) ? a : null;
        Console.WriteLine();
        Console.WriteLine("| Provider | median writes/s | × Orleans ADO.NET (ratio of medians) | × ADO.NET per round | avg batch |");
        Console.WriteLine("|---|---:|---:|---|---:|");
        foreach (var provider in providers)
        {
            var ratio = adoNet is { } baseline ? $"{medians[provider] / baseline:F1}×" : "–";
            var perRound = samples.TryGetValue("adonet", out var baseSamples)
                ? string.Join(", ", samples[provider].Zip(baseSamples, (s, b) => (s.WritesPerSecond / b.WritesPerSecond).ToString("F1", CultureInfo.InvariantCulture)))
                : "–";
            var batch = samples[provider].All(s => s.AverageBatch is not null) ? Median(samples[provider].Select(s => s.AverageBatch!.Value)).ToString("F1", CultureInfo.InvariantCulture) : "–";
            Console.WriteLine($"| {provider} | {medians[provider]:N0} | {ratio} | {perRound} | {batch} |");
        }
    }

    private static async Task<Sample> MeasureAsync(string provider, PostgresServer? postgres, int run, int grains, TimeSpan duration)
    {
        var silo = new GrainStorageSiloFixture();
        try
        {
            string? connectionString = null;
            var storage = await silo.GetStorageAsync(async () =>
            {
                if (provider.StartsWith("sqlite", StringComparison.Ordinal))
                {
                    var path = silo.Directory.Combine($"run{run}.db");
                    return silo => silo.AddOrleansVmSqliteGrainStorage(GrainStorageSiloFixture.StorageName, o => (o.DatabasePath, o.GroupCommit) = (path, provider == "sqlite-on"));
                }

                connectionString = await postgres!.CreateDatabaseAsync($"bench_run{run}");
                await OrleansVmPostgresSchema.EnsureAsync(connectionString, CancellationToken.None);
                return provider == "adonet"
                    ? silo => silo.AddOrleansVmAdoNetGrainStorage(GrainStorageSiloFixture.StorageName, connectionString)
                    : silo => silo.AddOrleansVmPostgresGrainStorage(GrainStorageSiloFixture.StorageName, o => (o.ConnectionString, o.GroupCommit) = (connectionString, provider == "postgres-on"));
            });

            // Untimed warm-up: connection pools, JIT, prepared statements, first inserts.
            await RunGrainsAsync(storage, grains, "warm", TimeSpan.FromSeconds(0.5));
            var statistics = (storage as OrleansVmGrainStorage)?.Store is SqlGrainStateStore store ? store.Statistics : null;
            var (transactions, writes) = (statistics?.Transactions ?? 0, statistics?.Writes ?? 0);
            var walSyncs = connectionString is null ? 0 : await WalSyncsAsync(connectionString);

            var watch = Stopwatch.StartNew();
            var completed = await RunGrainsAsync(storage, grains, "timed", duration);
            watch.Stop();

            long? walSyncDelta = connectionString is null ? null : await WalSyncsAsync(connectionString) - walSyncs;
            double? averageBatch = statistics is null || statistics.Transactions == transactions
                ? null
                : (double)(statistics.Writes - writes) / (statistics.Transactions - transactions);
            return new Sample(completed / watch.Elapsed.TotalSeconds, completed, watch.Elapsed.TotalSeconds, averageBatch, walSyncDelta);
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    /// <summary>Each grain writes its own state until the deadline; returns the writes completed (all durable).</summary>
    private static async Task<long> RunGrainsAsync(IGrainStorage storage, int grains, string prefix, TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = new long[grains];
        await Task.WhenAll(Enumerable.Range(0, grains).Select(g => Task.Run(async () =>
        {
            var grainId = GrainId.Create("bench", $"{prefix}-{g}");
            var value = new BenchState();
            var state = new GrainState<BenchState>(value); // a write keeps State and updates the ETag, as in an activation
            while (Stopwatch.GetTimestamp() < deadline)
            {
                value.Counter++;
                await storage.WriteStateAsync(StateName, grainId, state);
                counts[g]++;
            }
        })));
        return counts.Sum();
    }

    /// <summary>
    /// pg_stat_wal.wal_sync: how many times the server fsynced its WAL. Backends report their counters about
    /// once a second, so wait a little first. Shows how many writes one fsync covered.
    /// </summary>
    private static async Task<long> WalSyncsAsync(string connectionString)
    {
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT wal_sync FROM pg_stat_wal"; // a new connection reads a fresh stats snapshot
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
