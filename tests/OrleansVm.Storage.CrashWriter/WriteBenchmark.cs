using System.Diagnostics;
using System.Globalization;
using System.Text;
using OrleansVm.TestSupport;

namespace OrleansVm.Storage.CrashWriter;

/// <summary>
/// A quick durable-writes/s figure: N concurrent writers, each awaiting its write before the next, for a
/// fixed time, with group commit on and off, each on a fresh database. Not BenchmarkDotNet; a smoke number.
/// </summary>
public static class WriteBenchmark
{
    public static async Task RunAsync(CrashWriterArguments arguments)
    {
        var modes = arguments.GroupCommit is { } only ? [only] : new[] { true, false };
        await using var server = arguments.Provider == "postgres" && arguments.ConnectionString is null
            ? await PostgresServer.StartAsync("bench_setup")
            : null;
        using var directory = new TempDirectory("orleansvm-bench");

        Console.WriteLine("provider  group-commit  writers  seconds   writes   writes/s  transactions  avg-batch");
        foreach (var groupCommit in modes)
        {
            var name = groupCommit ? "on" : "off";
            var connection = server is null ? arguments.ConnectionString : await server.CreateDatabaseAsync($"bench_{name}");
            var databasePath = arguments.DatabasePath ?? directory.Combine($"bench-{name}.db");
            await using var storage = StorageFactory.Create(arguments.Provider, databasePath, connection, groupCommit);
            _ = await storage.ReadAsync("bench", "warm-up"); // creates file / schema outside the timed part

            var (writes, elapsed) = await MeasureAsync(storage, arguments.Writers, TimeSpan.FromSeconds(arguments.Seconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{arguments.Provider,-9} {name,-13} {arguments.Writers,7} {elapsed.TotalSeconds,8:F1} {writes,8} {writes / elapsed.TotalSeconds,10:F0} {storage.Statistics.Transactions,13} {storage.Statistics.AverageBatchSize,10:F1}"));
        }
    }

    private static async Task<(long Writes, TimeSpan Elapsed)> MeasureAsync(IGrainStateStore storage, int writers, TimeSpan duration)
    {
        var payload = Encoding.UTF8.GetBytes($"{{\"counter\":1,\"text\":\"{new string('x', 180)}\"}}");
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var key = $"writer-{writer}";
            long etag = 0, writes = 0;
            while (stopwatch.Elapsed < duration)
            {
                etag = await storage.WriteAsync("bench", key, payload, etag);
                writes++;
            }

            return writes;
        })));
        return (counts.Sum(), stopwatch.Elapsed);
    }
}
