using System.Text.Json.Nodes;
using OrleansVm.Grains;
using OrleansVm.Testing;

namespace OrleansVm.Cluster.Tests.InProcess;

/// <summary>
/// 3 in-process silos (Orleans TestingHost). Its <c>KillSiloAsync</c> is an abrupt stop inside one
/// process, not a crash: the real SIGKILL is in <c>MultiProcess</c>.
/// </summary>
public sealed class InProcessClusterTests : IAsyncLifetime
{
    private ThreeSiloCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ThreeSiloCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<(TestWorkspace Workspace, List<TestInstance> Instances)> InstancesAsync(int count)
    {
        var workspace = await _cluster.CreateWorkspaceAsync();
        var instances = new List<TestInstance>();
        for (var i = 0; i < count; i++) instances.Add(await workspace.CreateInstanceAsync(ThreeSiloCluster.Package));
        return (workspace, instances);
    }

    /// <summary>Which silo hosts each instance, from Orleans' management grain.</summary>
    private async Task<Dictionary<string, SiloAddress>> HostsAsync()
    {
        var stats = await _cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return stats.Where(s => s.GrainType.Contains("PluginInstance", StringComparison.Ordinal))
            .GroupBy(s => s.GrainId.Key.ToString()!)
            .ToDictionary(g => g.Key, g => g.First().SiloAddress);
    }

    [Fact]
    public async Task Each_silo_calls_instances_living_on_the_others()
    {
        var (workspace, instances) = await InstancesAsync(24);
        foreach (var instance in instances) await instance.SendEventAsync("main", "vote", VoteLedger.VoteFor(instance.Id));
        var hosts = await HostsAsync();
        var remoteCalls = 0;
        foreach (var silo in _cluster.ActiveSilos)
        {
            // Every silo calls every instance: placement decides where they live, so count the calls that crossed silos.
            var grains = _cluster.From(silo);
            foreach (var instance in instances)
            {
                await grains.GetGrain<IPluginInstanceGrain>(instance.Id).HandleEventAsync(workspace.Id, "main", "vote", VoteLedger.VoteFor(instance.Id));
                if (hosts.TryGetValue(instance.Id, out var host) && !host.Equals(silo.SiloAddress)) remoteCalls++;
            }
        }
        // With 3 silos at least two of them host none of a given instance: at least 2 × 24 calls crossed.
        Assert.True(remoteCalls >= 2 * instances.Count, $"only {remoteCalls} calls crossed silos");

        var ballot = await workspace.ReadDomainAsync(ThreeSiloCluster.Domain);
        foreach (var instance in instances)
        {
            Assert.Equal(4, (await instance.GetStateAsync())!["mine"]!.GetValue<int>());
            Assert.Equal(4, ballot!["byName"]![instance.Id]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task A_silo_killed_during_a_stream_loses_no_acknowledged_vote_and_applies_none_twice()
    {
        var (workspace, instances) = await InstancesAsync(30);
        foreach (var instance in instances) await instance.SendEventAsync("main", "vote", VoteLedger.VoteFor(instance.Id));
        var hosts = await HostsAsync();
        // The victim: the secondary silo hosting the most instances (the first silo stays: it seeds the test cluster).
        var victim = _cluster.ActiveSilos.Skip(1).MaxBy(s => hosts.Values.Count(h => h.Equals(s.SiloAddress)))!;
        var entries = new[] { _cluster.Client }.Concat(_cluster.ActiveSilos.Where(s => s != victim).Select(_cluster.From)).ToArray();
        // Not bounded by a count: the stream must still be running when the silo has gone (a stop takes seconds).
        var stream = new VoteStream(instances, i => entries[i % entries.Length]) { MaxEvents = 50_000 };
        foreach (var instance in instances) stream.Ledger.Acknowledge(instance.Id); // the warm-up votes above

        stream.Start(workers: 8);
        await stream.AcknowledgedAtLeastAsync(180);
        await _cluster.Cluster.KillSiloAsync(victim);
        var acknowledgedAtKill = stream.Ledger.Acknowledged;
        await stream.AcknowledgedAtLeastAsync(acknowledgedAtKill + 300); // the survivors serve every instance again
        await stream.StopAsync();

        await BallotCheck.AssertNothingLostNothingTwiceAsync(workspace, instances, stream.Ledger);
    }

    [Fact]
    public async Task A_silo_stopped_gracefully_hands_over_with_no_error_seen_by_callers()
    {
        var (workspace, instances) = await InstancesAsync(30);
        var leaving = _cluster.ActiveSilos[^1];
        var entries = new IGrainFactory[] { _cluster.Client, _cluster.From(_cluster.ActiveSilos[0]), _cluster.From(_cluster.ActiveSilos[1]) };
        // Not bounded by a count: the stream must still be running when the silo has gone (a stop takes seconds).
        var stream = new VoteStream(instances, i => entries[i % entries.Length]) { MaxEvents = 50_000 };

        stream.Start(workers: 8);
        await stream.AcknowledgedAtLeastAsync(150);
        await _cluster.Cluster.StopSiloAsync(leaving);
        var acknowledgedAtStop = stream.Ledger.Acknowledged;
        await stream.AcknowledgedAtLeastAsync(acknowledgedAtStop + 300);
        await stream.StopAsync();

        Assert.True(stream.Ledger.Failed == 0, $"{stream.Ledger.Failed} calls failed during the stop: {string.Join(" | ", stream.Ledger.Failures)}");
        await BallotCheck.AssertNothingLostNothingTwiceAsync(workspace, instances, stream.Ledger);
    }

    [Fact]
    public async Task A_silo_added_under_load_takes_its_share_of_new_instances()
    {
        var (workspace, instances) = await InstancesAsync(12);
        var stream = new VoteStream(instances, _ => _cluster.Client) { MaxEvents = 3000 };
        stream.Start(workers: 4);
        await stream.AcknowledgedAtLeastAsync(50);

        var added = await _cluster.Cluster.StartAdditionalSiloAsync();
        await _cluster.Cluster.WaitForLivenessToStabilizeAsync();
        // Orleans places new activations by the silos' load statistics, which reach the others with a
        // delay: create instances (bounded: 200 or 60 s) until one is placed on the added silo.
        var fresh = new List<TestInstance>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var landed = false;
        while (!landed && fresh.Count < 200 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            for (var i = 0; i < 10; i++)
            {
                var instance = await workspace.CreateInstanceAsync(ThreeSiloCluster.Package);
                await instance.SendEventAsync("main", "vote", VoteLedger.VoteFor(instance.Id));
                stream.Ledger.Acknowledge(instance.Id);
                fresh.Add(instance);
            }
            var hosts = await HostsAsync();
            landed = fresh.Any(i => hosts.TryGetValue(i.Id, out var host) && host.Equals(added.SiloAddress));
        }
        await stream.StopAsync();

        Assert.True(landed, $"none of {fresh.Count} new instances was placed on the added silo");
        Assert.Equal(0, stream.Ledger.Failed);
        await BallotCheck.AssertNothingLostNothingTwiceAsync(workspace, [.. instances, .. fresh], stream.Ledger);
    }

    [Fact]
    public async Task A_grant_revoked_through_one_silo_is_enforced_on_the_next_turn_of_an_instance_on_another()
    {
        var (workspace, instances) = await InstancesAsync(12);
        foreach (var instance in instances) await instance.SendEventAsync("main", "vote", VoteLedger.VoteFor(instance.Id));
        var hosts = await HostsAsync();
        var revoker = _cluster.ActiveSilos.First(s => !s.SiloAddress.Equals(hosts[instances[0].Id]));
        var elsewhere = instances[0];

        await _cluster.From(revoker).GetGrain<IWorkspaceGrain>(workspace.Id)
            .PutGrantsAsync(ThreeSiloCluster.Package, new Grants([ThreeSiloCluster.Domain], [], []));
        var response = await _cluster.From(_cluster.ActiveSilos.First(s => s != revoker)).GetGrain<IPluginInstanceGrain>(elsewhere.Id)
            .HandleEventAsync(workspace.Id, "main", "vote", new JsonObject { ["name"] = "after-revoke" });

        var shared = Assert.Single(response.Dispatches, d => d.Scope == "shared");
        Assert.Equal("denied", shared.Outcome);
        Assert.Null((await workspace.ReadDomainAsync(ThreeSiloCluster.Domain))!["byName"]!["after-revoke"]);
    }
}
