using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansVm.Testing;

namespace OrleansVm.Grains.Tests;

/// <summary>A dispatch to a counter-summary of 10,000 entries writes what one to a counter-summary of 10 entries writes (issue 14).</summary>
public sealed class DomainWriteScaleTests : IAsyncLifetime
{
    private readonly OrleansVmTestStore _store = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.UseSharedStore(_store);
        builder.AddOrleansVm(); // the default journal: 1,024 slots, compaction after max(4,096, snapshot entries) changes
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_dispatch_writes_as_much_to_a_domain_of_10000_entries_as_to_one_of_10()
    {
        await _cluster.Client.PublishPresetAsync("counter");
        var small = await WrittenPerEventAsync(entries: 10);
        var large = await WrittenPerEventAsync(entries: 10_000);

        // The first event of each converts the seeded (pre-journal) state into a snapshot: the whole state, once.
        Assert.InRange(large.First, 100 * 10_000 / 2, long.MaxValue);
        // Afterwards an event writes its instance's state and one journal entry, whatever the domain's size.
        // Written whole, each event to the large domain would write ~1,000x more.
        Assert.InRange(large.Steady.Max(), 1, small.Steady.Max() * 3 / 2);
    }

    /// <summary>Bytes written by each of 20 events of one counter in a workspace whose counter-summary already holds <paramref name="entries"/> others.</summary>
    private async Task<(long First, List<long> Steady)> WrittenPerEventAsync(int entries)
    {
        var workspace = await _cluster.Client.CreateWorkspaceAsync();
        var ws = workspace.Id;
        await SeedAsync(ws, entries); // before a grant change wakes the domain up
        await workspace.GrantAsRequestedAsync("counter");
        var instance = await workspace.CreateInstanceAsync("counter");

        var written = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            var before = _store.BytesWritten;
            var response = await instance.SendEventAsync("counter", "increment");
            Assert.Equal("applied", response.Dispatches.Single(d => d.Scope == "shared").Outcome);
            written.Add(_store.BytesWritten - before);
        }

        var state = (await workspace.ReadDomainAsync(BuiltInDomains.CounterSummary))!;
        Assert.Equal(entries + 1, state["instanceCount"]!.GetValue<int>());
        Assert.Equal(entries + 20, state["totalValue"]!.GetValue<long>());
        return (written[0], written[2..]);
    }

    /// <summary>A counter-summary as stored before journaling, with <paramref name="entries"/> instances of value 1 and their marks.</summary>
    private async Task SeedAsync(string ws, int entries)
    {
        var values = new JsonObject();
        var state = new DomainState();
        for (var i = 0; i < entries; i++)
        {
            var id = $"counter@seed{i:D5}";
            values[id] = 1;
            state.Applied[id] = new AppliedMark(1, "applied", null);
        }

        state.State = new JsonObject { ["valuesByInstance"] = values, ["totalValue"] = entries, ["instanceCount"] = entries, ["lastUpdatedInstanceId"] = null };
        var silo = _cluster.GetSiloServiceProvider(_cluster.Silos[0].SiloAddress);
        var storage = silo.GetRequiredKeyedService<IGrainStorage>(OrleansVmStorage.ProviderName);
        var grain = GrainId.Create(GrainTypes.SharedDomain, DomainKeys.Of(ws, BuiltInDomains.CounterSummary));
        await storage.WriteStateAsync("domain", grain, new GrainState<DomainState> { State = state });
    }
}
