using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansVm.TestSupport;
using Xunit.Abstractions;

namespace OrleansVm.Cluster.Tests.MultiProcess;

/// <summary>
/// PostgreSQL and 3 silo processes on 127.0.0.1 (<c>--cluster postgres</c>): HTTP events spread over
/// the three, <c>kill -9</c> of one mid-burst. No acknowledged event lost, no shared intent applied
/// twice, and the event stream of a surviving silo keeps delivering on the same connection.
/// </summary>
public sealed class MultiProcessFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ITestOutputHelper _output = output;
    private const string Workspace = "failover";
    private const int InstanceCount = 24;
    private static readonly TimeSpan BurstLimit = TimeSpan.FromSeconds(150);
    private readonly string _token = "cluster-test-" + Guid.NewGuid().ToString("N");
    private readonly List<ClusterSiloProcess> _silos = [];
    private PostgresServer _postgres = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync("orleansvm_cluster");
        // One silo applies the schema before the others read it.
        _silos.Add(ClusterSiloProcess.Launch("silo-1", _postgres.ConnectionString, _token, initSchema: true));
        await _silos[0].WaitUntilHealthyAsync();
        _silos.Add(ClusterSiloProcess.Launch("silo-2", _postgres.ConnectionString, _token, initSchema: false));
        _silos.Add(ClusterSiloProcess.Launch("silo-3", _postgres.ConnectionString, _token, initSchema: false));
        await Task.WhenAll(_silos.Skip(1).Select(s => s.WaitUntilHealthyAsync()));
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        }
        finally
        {
            await _postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task Kill_9_of_a_silo_mid_burst_loses_no_acknowledged_event_and_applies_no_intent_twice()
    {
        var clients = _silos.Select(s => new SiloHttp(s.BaseAddress, _token, TimeSpan.FromSeconds(30))).ToList();
        try
        {
            await WaitForMembersAsync(clients[0], 3);
            var instances = await SetUpAsync(clients);
            var survivor = clients[0];
            var victim = _silos[2];

            using var streamStop = new CancellationTokenSource(BurstLimit + TimeSpan.FromSeconds(60));
            var stream = new SseCounter();
            var streaming = stream.ReadAsync(_silos[0].BaseAddress, _token, $"api/v1/workspaces/{Workspace}/stream", streamStop.Token);

            var ledger = new ConcurrentDictionary<string, (int Acked, int Failed)>();
            var acknowledged = 0;
            // Recovery: per instance, the time from the kill to the first success of a call sent after it.
            var killedAt = 0L;
            var recovered = new ConcurrentDictionary<string, TimeSpan>();
            using var burstStop = new CancellationTokenSource(BurstLimit);
            var workers = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
            {
                for (var i = worker; i < 6 * 400 && !burstStop.IsCancellationRequested; i += 6)
                {
                    var instance = instances[i % instances.Count];
                    // Every instance goes through every silo in turn (i % 3 alone would tie an instance to one entry).
                    var entry = clients[(i + i / instances.Count) % clients.Count];
                    var sentAt = Stopwatch.GetTimestamp();
                    try
                    {
                        await entry.SendAsync(HttpMethod.Post, $"workspaces/{Workspace}/instances/{instance}/widgets/main/events",
                            new { handler = "vote", args = new { name = instance } }, burstStop.Token);
                        ledger.AddOrUpdate(instance, (1, 0), (_, c) => (c.Acked + 1, c.Failed));
                        Interlocked.Increment(ref acknowledged);
                        var kill = Volatile.Read(ref killedAt);
                        if (kill != 0 && sentAt > kill) recovered.TryAdd(instance, Stopwatch.GetElapsedTime(kill));
                    }
                    catch (TaskCanceledException) when (burstStop.IsCancellationRequested)
                    {
                        // Cut off by the end of the burst: unacknowledged, it may still have run.
                        ledger.AddOrUpdate(instance, (0, 1), (_, c) => (c.Acked, c.Failed + 1));
                        return;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        // Not acknowledged (the dead silo's port, a call to its grains before detection): may be retried.
                        ledger.AddOrUpdate(instance, (0, 1), (_, c) => (c.Acked, c.Failed + 1));
                        await Task.Delay(50);
                    }
                }
            })).ToList();

            await WaitAsync(() => Volatile.Read(ref acknowledged) >= 120, "120 acknowledged events before the kill");
            victim.Kill();
            Volatile.Write(ref killedAt, Stopwatch.GetTimestamp());
            var atKill = Volatile.Read(ref acknowledged);
            var streamedAtKill = stream.Events;
            await WaitAsync(() => Task.FromResult(Volatile.Read(ref acknowledged) >= atKill + 240 && recovered.Count == instances.Count),
                "240 more acknowledged events after the kill, and a success for every instance", () => $"({recovered.Count} of {instances.Count} answered)");
            await burstStop.CancelAsync();
            await Task.WhenAll(workers);

            // The issue's goal is 10 s (measured by the benchmark on a quieter box); a loaded shared 2-core box
            // only bounds it generously here, and reports the figure.
            var recovery = recovered.Values.Max();
            _output.WriteLine($"Recovery after kill -9: every instance answered again within {recovery.TotalSeconds:0.0} s " +
                $"(median instance {recovered.Values.Order().ElementAt(recovered.Count / 2).TotalSeconds:0.0} s)");
            Assert.True(recovery < TimeSpan.FromSeconds(60), $"an instance answered again only {recovery.TotalSeconds:0.0} s after the kill");

            // Nothing lost, nothing twice: each instance's own count covers its acknowledged events, and
            // the shared ballot holds exactly that count (the outbox may still be delivering: bounded wait).
            var counts = new Dictionary<string, int>();
            foreach (var instance in instances)
            {
                var state = await survivor.SetUpAsync(HttpMethod.Get, $"workspaces/{Workspace}/instances/{instance}");
                var mine = state["state"]!["mine"]!.GetValue<int>();
                var (acked, failed) = ledger.GetValueOrDefault(instance);
                Assert.True(mine >= acked, $"{instance}: {acked} acknowledged, {mine} applied");
                Assert.True(mine <= acked + failed, $"{instance}: {mine} applied, {acked} acknowledged + {failed} failed");
                counts[instance] = mine;
            }
            var mismatch = "not read";
            await WaitAsync(async () =>
            {
                var ballot = (await survivor.SetUpAsync(HttpMethod.Get, $"workspaces/{Workspace}/domains/ballot"))["state"];
                mismatch = counts.Where(c => (ballot?["byName"]?[c.Key]?.GetValue<int>() ?? 0) != c.Value)
                    .Select(c => $"{c.Key}: {c.Value} applied, {ballot?["byName"]?[c.Key]} in the ballot").FirstOrDefault();
                return mismatch is null;
            }, "the ballot equal to the instances' counts", () => mismatch);

            // A few more events after the burst, so the stream has something new to deliver.
            for (var i = 0; i < 10; i++)
            {
                await survivor.SetUpAsync(HttpMethod.Post, $"workspaces/{Workspace}/instances/{instances[i]}/widgets/main/events",
                    new { handler = "vote", args = new { name = "after-burst" } });
            }
            // Continuity: the survivor's stream kept its one connection through the kill (its polls of the
            // events grain retry while the grain moves) and delivers what happened after it.
            await WaitAsync(() => Task.FromResult(stream.Events >= streamedAtKill + 10), "10 events on the survivor's stream after the kill",
                () => $"({stream.Events - streamedAtKill} since the kill, reconnects {stream.Reconnects}, last error {stream.LastError})");
            _output.WriteLine($"SSE on the survivor: {streamedAtKill} events before the kill, {stream.Events - streamedAtKill} after, " +
                $"{stream.Reconnects} reconnects, last error: {stream.LastError ?? "none"}");
            Assert.True(stream.Reconnects == 0, $"the survivor's stream broke {stream.Reconnects} times (last error: {stream.LastError})");
            await streamStop.CancelAsync();
            await streaming;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private async Task<List<string>> SetUpAsync(IReadOnlyList<SiloHttp> clients)
    {
        var plugins = Path.Combine(AppContext.BaseDirectory, "Plugins");
        var op = clients[0];
        await op.SetUpAsync(HttpMethod.Put, "packages/votes/versions/1.0.0", new
        {
            code = await File.ReadAllTextAsync(Path.Combine(plugins, "votes.js")),
            manifest = new { title = "Votes", capabilities = new { readShared = new[] { "ballot" }, writeShared = new[] { "ballot" } } },
        });
        await clients[1].SetUpAsync(HttpMethod.Post, "workspaces", new { workspaceId = Workspace });
        await clients[2].SetUpAsync(HttpMethod.Put, $"workspaces/{Workspace}/grants/votes",
            new { readShared = new[] { "ballot" }, writeShared = new[] { "ballot" }, modules = Array.Empty<string>() });
        await op.SetUpAsync(HttpMethod.Put, $"workspaces/{Workspace}/domains/ballot",
            new { code = await File.ReadAllTextAsync(Path.Combine(plugins, "ballot.domain.js")) });
        var instances = new List<string>();
        for (var i = 0; i < InstanceCount; i++)
        {
            var created = await clients[i % clients.Count].SetUpAsync(HttpMethod.Post, $"workspaces/{Workspace}/instances", new { packageId = "votes" });
            instances.Add(created["instanceId"]!.GetValue<string>());
        }
        return instances;
    }

    private static async Task WaitForMembersAsync(SiloHttp client, int count) =>
        await WaitAsync(async () =>
            (await client.SendAsync(HttpMethod.Get, "health"))["silos"]!.AsArray().Count(s => s!["status"]!.GetValue<string>() == "active") == count,
            $"{count} active silos in /health");

    private static Task WaitAsync(Func<bool> condition, string what) => WaitAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, Func<string?>? detail = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            // Generous: the failover itself is measured by the benchmark, not asserted here.
            if (clock.Elapsed > TimeSpan.FromSeconds(120)) Assert.Fail($"Timed out after 120 s waiting for: {what} {detail?.Invoke()}");
            await Task.Delay(100);
        }
    }
}

/// <summary>
/// Counts the events of one silo's SSE stream until cancelled. Like a browser's EventSource it
/// reconnects (to the same silo, with Last-Event-ID) when the stream ends, at most 20 times.
/// </summary>
public sealed class SseCounter
{
    private int _events;
    private int _reconnects;

    public int Events => Volatile.Read(ref _events);

    public int Reconnects => Volatile.Read(ref _reconnects);

    public string? LastError { get; private set; }

    public async Task ReadAsync(Uri silo, string token, string path, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = silo, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        string? lastId = null;
        for (var attempt = 0; attempt <= 20 && !cancellationToken.IsCancellationRequested; attempt++)
        {
            if (attempt > 0) Interlocked.Increment(ref _reconnects);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (lastId is not null) request.Headers.Add("Last-Event-ID", lastId);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal)) lastId = line[4..];
                    if (line.StartsWith("event:", StringComparison.Ordinal)) Interlocked.Increment(ref _events);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return; // the test is done with the stream
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                LastError = ex.Message; // reported by the test; the stream is retried like EventSource would
            }
            await Task.Delay(500, CancellationToken.None);
        }
    }
}
