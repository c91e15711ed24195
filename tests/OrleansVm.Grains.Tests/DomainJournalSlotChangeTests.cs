using Orleans.TestingHost;
using OrleansVm.Testing;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// Restarts with another <see cref="OrleansVmOptions.DomainJournalSlots"/> (or none) over the same store: a journal
/// written with one slot count is read with it, then compacted to the new one; nothing is lost either way.
/// </summary>
public sealed class DomainJournalSlotChangeTests
{
    private readonly OrleansVmTestStore _store = new();

    private async Task<InProcessTestCluster> StartAsync(int slots)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.UseSharedStore(_store);
        builder.AddOrleansVm(o =>
        {
            o.DomainJournalSlots = slots;
            o.DomainCompactionMinChanges = 1000; // only a full ring or a slot change compacts here
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task<long> IncrementAsync(InProcessTestCluster cluster, string ws, string instanceId, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var response = await cluster.Client.GetGrain<IPluginInstanceGrain>(instanceId).HandleEventAsync(ws, "counter", "increment", null);
            var shared = response.Dispatches.Single(d => d.Scope == "shared");
            Assert.True(shared.Outcome == "applied", $"event {i}: {shared.Outcome} {shared.Reason}");
        }

        return await TotalAsync(cluster, ws);
    }

    private static async Task<long> TotalAsync(InProcessTestCluster cluster, string ws) =>
        (await cluster.Client.GetGrain<ISharedDomainGrain>(DomainKeys.Of(ws, BuiltInDomains.CounterSummary)).GetRawAsync())!.State!["totalValue"]!.GetValue<long>();

    [Fact]
    public async Task Changing_the_journal_slot_count_between_restarts_keeps_every_batch()
    {
        string ws, id;
        await using (var cluster = await StartAsync(slots: 8))
        {
            await cluster.Client.PublishPresetAsync("counter");
            var workspace = await cluster.Client.CreateWorkspaceAsync(grantAsRequested: "counter");
            ws = workspace.Id;
            id = (await workspace.CreateInstanceAsync("counter")).Id;
            Assert.Equal(5, await IncrementAsync(cluster, ws, id, 5)); // a snapshot, then 4 entries in an 8-slot ring
        }

        await using (var cluster = await StartAsync(slots: 3))
        {
            Assert.Equal(5, await TotalAsync(cluster, ws));             // read with 8 slots, compacted to 3
            Assert.Equal(9, await IncrementAsync(cluster, ws, id, 4)); // wraps the 3-slot ring
        }

        await using (var cluster = await StartAsync(slots: 0))
        {
            Assert.Equal(9, await TotalAsync(cluster, ws));             // journal folded into a whole-state snapshot
            Assert.Equal(10, await IncrementAsync(cluster, ws, id, 1));
        }

        await using (var cluster = await StartAsync(slots: 5))
        {
            Assert.Equal(10, await TotalAsync(cluster, ws));
            Assert.Equal(13, await IncrementAsync(cluster, ws, id, 3));
        }

        await using (var cluster = await StartAsync(slots: 5))
        {
            Assert.Equal(13, await TotalAsync(cluster, ws));
        }
    }
}
