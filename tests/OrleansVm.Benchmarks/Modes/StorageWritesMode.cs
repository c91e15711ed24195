using System.Diagnostics;
using System.Globalization;
using System.Text;
using OrleansVm.Storage;
using OrleansVm.TestSupport;

namespace OrleansVm.Benchmarks.Modes;

/// <summary>
/// <c>storage-writes [seconds=5] [repeats=3] [writers=64]</c>: durable grain-state writes per second with
/// 64 concurrent writers (each one grain key, writing one after another with its current ETag, as a grain
/// does), on SQLite (file on the local disk, WAL, synchronous=FULL) and on a throwaway PostgreSQL server
/// (TestSupport's PostgresServer: fsync=on, synchronous_commit=on), group commit on vs off.
/// Each configuration gets a fresh database/table, an untimed warm-up, then runs for a fixed duration;
/// the configurations alternate (on/off interleaved, order reversed every other round) and the whole
/// round repeats; medians and the on/off ratios are reported.
/// </summary>
public static class StorageWritesMode
{
    private const string StateType = "bench.state";
    private static readonly ReadOnlyMemory<byte> Json = Encoding.UTF8.GetBytes("""{"value":42,"text":"a small grain state, about a hundred bytes of JSON, like a counter's"}""");

    private sealed record Config(string Provider, bool GroupCommit)
    {
        public override string ToString() => $"{Provider}, group commit {(GroupCommit ? "on" : "off")}";
    }

    private sealed record Sample(double WritesPerSecond, long Writes, double Seconds, double AverageBatch, int LargestBatch, long? WalSyncs);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var writers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64;
        var providers = args.Length > 3 ? args[3].Split(',') : ["sqlite", "postgres"];

        var root = Directory.CreateTempSubdirectory("orleansvm-bench-storage-").FullName;
        PostgresServer? postgres = null;
        try
        {
            if (providers.Contains("postgres"))
            {
                Console.WriteLine("Starting a throwaway PostgreSQL server...");
                postgres = await PostgresServer.StartAsync("orleansvm_bench");
            }

            Console.WriteLine($"storage-writes: {writers} writers, {seconds} s per run, {repeats} rounds; SQLite under {root}");
            var configs = providers.SelectMany(p => new[] { new Config(p, true), new Config(p, false) }).ToArray();
            var samples = configs.ToDictionary(c => c, _ => new List<Sample>());
            var run = 0;
            for (var round = 0; round < repeats; round++)
            {
                var order = round % 2 == 0 ? configs : configs.Reverse().ToArray();
                foreach (var config in order)
                {
                    await using var storage = Create(config, root, postgres, run++);
                    var sample = await MeasureAsync(storage, writers, TimeSpan.FromSeconds(seconds),
                        config.Provider == "postgres" ? postgres!.ConnectionString : null);
                    samples[config].Add(sample);
                    var syncs = sample.WalSyncs is { } n ? $", server WAL fsyncs {n:N0} = {(double)n / sample.Writes:F3} per write" : "";
                    Console.WriteLine($"  round {round + 1}: {config,-32} {sample.WritesPerSecond,10:N0} writes/s ({sample.Writes:N0} in {sample.Seconds:F2} s, avg batch {sample.AverageBatch:F1}, largest {sample.LargestBatch}{syncs})");
                }
            }

            Console.WriteLine();
            Console.WriteLine($"| Provider | Group commit off (median writes/s) | Group commit on (median writes/s) | on/off (ratio of medians) | on/off per round (median) | avg batch (on) | Goal ≥ 10× |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
            foreach (var provider in providers)
            {
                var on = Median(samples[new Config(provider, true)].Select(s => s.WritesPerSecond));
                var off = Median(samples[new Config(provider, false)].Select(s => s.WritesPerSecond));
                var batch = Median(samples[new Config(provider, true)].Select(s => s.AverageBatch));
                var ratio = on / off;
                var perRound = samples[new Config(provider, true)].Zip(samples[new Config(provider, false)], (a, b) => a.WritesPerSecond / b.WritesPerSecond).ToList();
                Console.WriteLine($"| {provider} | {off:N0} | {on:N0} | {ratio:F1}× | {Median(perRound):F1}× ({string.Join(", ", perRound.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)))}) | {batch:F1} | {(ratio >= 10 ? "MET" : "MISSED")} |");
            }
            return 0;
        }
        finally
        {
            if (postgres is not null) await postgres.DisposeAsync();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static SqlGrainStateStore Create(Config config, string root, PostgresServer? postgres, int run) => config.Provider switch
    {
        "sqlite" => new SqliteGrainStateStore(new SqliteGrainStorageOptions
        {
            DatabasePath = Path.Combine(root, $"run{run}.db"),
            GroupCommit = config.GroupCommit,
        }),
        "postgres" => new PostgresGrainStateStore(new PostgresGrainStorageOptions
        {
            ConnectionString = postgres!.ConnectionString,
            TableName = $"bench_run{run}",
            EnsureSchema = true,
            GroupCommit = config.GroupCommit,
        }),
        _ => throw new ArgumentException($"Unknown provider '{config.Provider}' (sqlite, postgres)"),
    };

    private static async Task<Sample> MeasureAsync(SqlGrainStateStore storage, int writers, TimeSpan duration, string? postgres)
    {
        // Untimed warm-up: schema, connection pools, JIT, statement caches.
        await RunWritersAsync(storage, writers, "warm", TimeSpan.FromSeconds(0.5));
        var transactions = storage.Statistics.Transactions;
        var writes = storage.Statistics.Writes;
        var walSyncs = postgres is null ? 0 : await WalSyncsAsync(postgres);

        var watch = Stopwatch.StartNew();
        var completed = await RunWritersAsync(storage, writers, "timed", duration);
        watch.Stop();

        long? walSyncDelta = postgres is null ? null : await WalSyncsAsync(postgres) - walSyncs;
        var batchTransactions = storage.Statistics.Transactions - transactions;
        var batchWrites = storage.Statistics.Writes - writes;
        return new Sample(completed / watch.Elapsed.TotalSeconds, completed, watch.Elapsed.TotalSeconds,
            batchTransactions == 0 ? 0 : (double)batchWrites / batchTransactions, storage.Statistics.LargestBatch, walSyncDelta);
    }

    /// <summary>
    /// pg_stat_wal.wal_sync: how many times the server fsynced WAL. Backends report their counters about
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

    /// <summary>Each writer owns one key and writes until the deadline; returns the writes completed (all durable).</summary>
    private static async Task<long> RunWritersAsync(SqlGrainStateStore storage, int writers, string prefix, TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = new long[writers];
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var key = $"{prefix}-{w}";
            long etag = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                etag = await storage.WriteAsync(StateType, key, Json, etag);
                counts[w]++;
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        return counts.Sum();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
