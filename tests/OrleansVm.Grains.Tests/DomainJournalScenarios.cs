using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// Built-in domains write a journal entry per batch and a snapshot now and then (issue 14). The base class runs
/// them with <see cref="GrainsTestBase.JournalSlots"/> slots and compaction after 16 changes, so a few events
/// wrap the ring and compact.
/// </summary>
public abstract partial class GrainScenarios
{
    private const string JournalPrefix = "domain-journal-";

    private async Task<(IWorkspaceGrain Workspace, string[] Counters)> CountersAsync(int count)
    {
        await PublishPresetsAsync();
        var workspace = await NewWorkspaceAsync("counter");
        var ids = new string[count];
        for (var i = 0; i < count; i++) ids[i] = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;
        return (workspace, ids);
    }

    private Task<EventResponse> IncrementAsync(IWorkspaceGrain workspace, string counter) => EventAsync(workspace, counter, "counter", "increment");

    private async Task<JsonNode> SummaryAsync(IWorkspaceGrain workspace) => (await DomainStateAsync(workspace, BuiltInDomains.CounterSummary))!;

    private IGrainStorage GrainStorage => SiloServices.GetRequiredKeyedService<IGrainStorage>(OrleansVmStorage.ProviderName);

    private static GrainId SummaryGrain(IWorkspaceGrain workspace) =>
        GrainId.Create(GrainTypes.SharedDomain, DomainKeys.Of(Ws(workspace), BuiltInDomains.CounterSummary));

    /// <summary>The stored snapshot and the journal entries after it, as an activation would read them.</summary>
    private async Task<(GrainState<DomainState> Snapshot, List<(int Slot, GrainState<DomainJournalEntry> Record)> Chain, GrainState<DomainJournalEntry> Next, int NextSlot)> StoredJournalAsync(IWorkspaceGrain workspace)
    {
        var grain = SummaryGrain(workspace);
        var snapshot = new GrainState<DomainState>();
        await GrainStorage.ReadStateAsync("domain", grain, snapshot);
        var slots = snapshot.State!.JournalSlots;
        Assert.True(slots > 0, "the counter-summary snapshot records its journal's slot count");
        var chain = new List<(int, GrainState<DomainJournalEntry>)>();
        for (var seq = snapshot.State!.JournalSeq + 1; ; seq++)
        {
            var slot = (int)(seq % slots);
            var record = new GrainState<DomainJournalEntry>();
            await GrainStorage.ReadStateAsync(JournalPrefix + slot, grain, record);
            if (!record.RecordExists || record.State!.Seq != seq) return (snapshot, chain, record, slot);
            chain.Add((slot, record));
        }
    }

    [Fact]
    public async Task A_journaled_domain_replays_snapshot_and_journal_after_a_silo_crash_and_keeps_going()
    {
        var (workspace, ids) = await CountersAsync(2);
        var (a, b) = (ids[0], ids[1]);
        for (var i = 0; i < 7; i++) await IncrementAsync(workspace, a); // 4 slots: wraps the ring and compacts on the way
        for (var i = 0; i < 5; i++) await IncrementAsync(workspace, b);
        var (snapshot, chain, _, _) = await StoredJournalAsync(workspace);
        Assert.InRange(snapshot.State!.JournalSeq, 1, long.MaxValue); // compacted at least once
        Assert.InRange(chain.Count, 0, JournalSlots);

        await CrashAndRestartSiloAsync();

        var summary = await SummaryAsync(workspace);
        Assert.Equal(12, summary["totalValue"].AsInt());
        Assert.Equal(2, summary["instanceCount"].AsInt());
        Assert.Equal(7, summary["valuesByInstance"]![a].AsInt());
        Assert.Equal(5, summary["valuesByInstance"]![b].AsInt());
        Assert.Equal(b, summary["lastUpdatedInstanceId"]!.GetValue<string>());

        // The reloaded activation appends where the chain ended (right slot, right ETag) and replays again.
        await IncrementAsync(workspace, a);
        await CrashAndRestartSiloAsync();
        summary = await SummaryAsync(workspace);
        Assert.Equal(13, summary["totalValue"].AsInt());
        Assert.Equal(8, summary["valuesByInstance"]![a].AsInt());
        Assert.Equal(a, summary["lastUpdatedInstanceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_journal_entry_carries_the_marks_of_the_dispatches_it_applies()
    {
        var (workspace, ids) = await CountersAsync(1);
        for (var i = 0; i < 3; i++) await IncrementAsync(workspace, ids[0]);

        var (_, chain, _, _) = await StoredJournalAsync(workspace);
        var changed = chain.Where(c => c.Record.State!.Members?.GetValueOrDefault("valuesByInstance")?.ContainsKey(ids[0]) == true).ToList();
        Assert.NotEmpty(changed);
        // The high-water mark that makes the change exactly once is in the same record as the change: one write.
        Assert.All(changed, c => Assert.True(c.Record.State!.Marks?.ContainsKey(ids[0]), $"entry {c.Record.State!.Seq} has no mark"));
        // Only what changed: one entry and the scalars, never the whole state.
        Assert.All(chain, c => Assert.Null(c.Record.State!.State));
    }

    [Fact]
    public async Task A_failed_snapshot_after_a_durable_journal_entry_loses_nothing()
    {
        var (workspace, ids) = await CountersAsync(1);
        await IncrementAsync(workspace, ids[0]);
        Storage.FailNextWriteOfExactly("domain"); // the snapshot, not a journal slot

        var sent = 1;
        var outcomes = new List<string>();
        while (Storage.Armed && sent < 40)
        {
            var response = await IncrementAsync(workspace, ids[0]);
            outcomes.Add(response.Dispatches.Single(d => d.Scope == "shared").Outcome);
            sent++;
        }

        Assert.False(Storage.Armed, "no compaction happened");
        // The batch whose snapshot failed was journaled but not acknowledged: its dispatch stays pending and is retried.
        Assert.Equal("pending", outcomes[^1]);
        await IncrementAsync(workspace, ids[0]);
        sent++;
        Assert.Equal(sent, (await SummaryAsync(workspace))["totalValue"].AsInt());

        await CrashAndRestartSiloAsync();
        Assert.Equal(sent, (await SummaryAsync(workspace))["totalValue"].AsInt());
    }

    [Fact]
    public async Task A_second_activation_that_wrote_the_next_journal_entry_makes_this_one_conflict_and_its_write_is_kept()
    {
        var (workspace, ids) = await CountersAsync(2);
        var (a, b) = (ids[0], ids[1]);
        await IncrementAsync(workspace, a);
        await IncrementAsync(workspace, b);
        await IncrementAsync(workspace, a);

        // Another activation of the domain (e.g. on a silo that wrongly believes it owns it) durably wrote the next batch.
        var (snapshot, chain, next, nextSlot) = await StoredJournalAsync(workspace);
        var nextSeq = snapshot.State!.JournalSeq + chain.Count + 1;
        next.State = new DomainJournalEntry
        {
            Seq = nextSeq,
            Members = new() { ["valuesByInstance"] = new() { [b] = 100 } },
            Keys = new() { ["totalValue"] = 102 },
        };
        await GrainStorage.WriteStateAsync(JournalPrefix + nextSlot, SummaryGrain(workspace), next);

        // This activation's next batch goes to the same slot: compare-and-swap refuses it, the activation is dropped,
        // the dispatch stays pending and is applied by the next activation, on top of the other one's batch.
        var response = await IncrementAsync(workspace, a);
        Assert.Equal("pending", response.Dispatches.Single(d => d.Scope == "shared").Outcome);
        await IncrementAsync(workspace, a);

        var summary = await SummaryAsync(workspace);
        Assert.Equal(100, summary["valuesByInstance"]![b].AsInt());
        Assert.Equal(4, summary["valuesByInstance"]![a].AsInt());
        Assert.Equal(104, summary["totalValue"].AsInt());
    }

    [Fact]
    public async Task Removing_a_counter_is_journaled_and_survives_a_crash()
    {
        var (workspace, ids) = await CountersAsync(3);
        foreach (var id in ids) await IncrementAsync(workspace, id);
        await IncrementAsync(workspace, ids[2]);

        await workspace.RemoveInstanceAsync(ids[2]);
        await CrashAndRestartSiloAsync();

        var summary = await SummaryAsync(workspace);
        Assert.Equal(2, summary["totalValue"].AsInt());
        Assert.Equal(2, summary["instanceCount"].AsInt());
        Assert.Null(summary["valuesByInstance"]![ids[2]]);
        Assert.Null(summary["lastUpdatedInstanceId"]);
    }
}
