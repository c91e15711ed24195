using System.Text.Json.Nodes;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// Shared intents are applied exactly once whatever fails between the instance's save and the
/// domain's acknowledgement. The `tally` domain adds, so a double apply would show in its total.
/// </summary>
public abstract partial class GrainScenarios
{
    private static readonly TimeSpan RetryWait = TimeSpan.FromSeconds(20);

    private async Task<(IWorkspaceGrain Workspace, string Tally)> TallySetupAsync()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        await DefineTallyDomainAsync(workspace);
        return (workspace, (await workspace.CreateInstanceAsync("tally", null)).InstanceId);
    }

    private async Task<int> TotalAsync(IWorkspaceGrain workspace) => (await DomainStateAsync(workspace, "tally"))!["total"].AsInt();

    private async Task<List<DispatchRecord>> SharedTimelineAsync(IWorkspaceGrain workspace) =>
        [.. (await Client.GetGrain<IWorkspaceActivityGrain>(Ws(workspace)).GetTimelineAsync(200)).Where(r => r.Scope == "shared")];

    [Fact]
    public async Task A_dispatch_whose_domain_is_unreachable_stays_pending_and_is_applied_once_by_the_retry()
    {
        var (workspace, tally) = await TallySetupAsync();
        Faults.ExpectDurable();
        Faults.FailNextDeliveries(1);

        var response = await EventAsync(workspace, tally, "main", "add");

        var pending = response.Dispatches[1];
        Assert.Equal("pending", pending.Outcome);
        Assert.Equal(1, response.State!["clicks"].AsInt()); // the local change is saved regardless
        await Faults.NextDurable.Task.WaitAsync(RetryWait); // the retry timer delivers it
        Assert.Equal(1, await TotalAsync(workspace));

        await EventAsync(workspace, tally, "main", "add");
        Assert.Equal(2, await TotalAsync(workspace));
        var timeline = await SharedTimelineAsync(workspace);
        Assert.Single(timeline, r => r.DispatchId == pending.DispatchId && r.Outcome == "applied");
        Assert.Equal(2, timeline.Count);
    }

    [Fact]
    public async Task Entries_of_one_domain_are_delivered_in_order_after_a_failure()
    {
        var (workspace, tally) = await TallySetupAsync();
        Faults.ExpectDurable();
        Faults.FailNextDeliveries(1);

        var response = await EventAsync(workspace, tally, "main", "addTwice");

        Assert.Equal(["pending", "pending"], response.Dispatches.Select(d => d.Outcome)); // the second waits behind the first
        await EventAsync(workspace, tally, "main", "add"); // delivers the backlog first, then its own
        Assert.Equal(3, await TotalAsync(workspace));
        Assert.Equal(3, (await DomainStateAsync(workspace, "tally"))!["adds"].AsInt());
    }

    [Fact]
    public async Task A_crash_between_the_save_and_the_delivery_is_redelivered_by_the_next_activation()
    {
        var (workspace, tally) = await TallySetupAsync();
        Storage.CrashAfterNextWriteOf("instance");

        await FailsWithAsync<OrleansVm.Testing.SimulatedStorageFault>(() => EventAsync(workspace, tally, "main", "add"));
        Assert.Equal(0, await TotalAsync(workspace));

        var view = await Instance(tally).GetAsync(Ws(workspace)); // a new activation: its first act is to deliver the outbox
        Assert.Equal(1, view.State!["clicks"].AsInt());
        Assert.Equal(1, await TotalAsync(workspace));

        await EventAsync(workspace, tally, "main", "add");
        Assert.Equal(2, await TotalAsync(workspace));
        Assert.Equal(2, (await SharedTimelineAsync(workspace)).Count);
    }

    [Fact]
    public async Task A_lost_acknowledgement_leads_to_a_duplicate_that_the_domain_ignores()
    {
        var (workspace, tally) = await TallySetupAsync();
        Faults.LoseNextAck();

        var response = await EventAsync(workspace, tally, "main", "add");

        Assert.Equal("pending", response.Dispatches[1].Outcome);
        Assert.Equal(1, await TotalAsync(workspace)); // applied, but the instance does not know it
        await EventAsync(workspace, tally, "main", "add"); // re-delivers the first (ignored as a duplicate) and sends its own
        Assert.Equal(2, await TotalAsync(workspace));
        Assert.Equal(2, (await DomainStateAsync(workspace, "tally"))!["adds"].AsInt());
        Assert.Single(await SharedTimelineAsync(workspace), r => r.DispatchId == response.Dispatches[1].DispatchId);
    }

    [Fact]
    public async Task A_failed_domain_write_rolls_the_domain_back_and_the_dispatch_is_retried()
    {
        var (workspace, tally) = await TallySetupAsync();
        Storage.FailNextWriteOf("domain");

        var response = await EventAsync(workspace, tally, "main", "add");

        Assert.Equal("pending", response.Dispatches[1].Outcome);
        await EventAsync(workspace, tally, "main", "add");
        Assert.Equal(2, await TotalAsync(workspace));
        Assert.Equal(2, (await DomainStateAsync(workspace, "tally"))!["adds"].AsInt());
    }

    [Fact]
    public async Task A_silo_restart_with_a_pending_outbox_still_applies_it_once()
    {
        var (workspace, tally) = await TallySetupAsync();
        Faults.FailNextDeliveries(int.MaxValue);
        var response = await EventAsync(workspace, tally, "main", "add");
        Assert.Equal("pending", response.Dispatches[1].Outcome);

        await RestartSiloAsync();
        Faults.FailNextDeliveries(0);

        await Instance(tally).GetAsync(Ws(workspace));
        Assert.Equal(1, await TotalAsync(workspace));
    }

    [Fact]
    public async Task Concurrent_dispatches_from_many_instances_all_apply_exactly_once()
    {
        var (workspace, first) = await TallySetupAsync();
        var instances = new List<string> { first };
        for (var i = 0; i < 7; i++) instances.Add((await workspace.CreateInstanceAsync("tally", null)).InstanceId);

        await Task.WhenAll(instances.Select(async id =>
        {
            for (var n = 0; n < 5; n++) Assert.Equal("applied", (await EventAsync(workspace, id, "main", "add", new JsonObject { ["n"] = 2 })).Dispatches[1].Outcome);
        }));

        Assert.Equal(80, await TotalAsync(workspace));
        Assert.Equal(40, (await DomainStateAsync(workspace, "tally"))!["adds"].AsInt());
    }

    [Fact]
    public async Task A_failed_instance_save_changes_nothing_and_sends_nothing()
    {
        var (workspace, tally) = await TallySetupAsync();
        await EventAsync(workspace, tally, "main", "kvSet", new JsonObject { ["key"] = "k", ["value"] = "kept" });
        Storage.FailNextWriteOf("instance");

        await FailsWithAsync<OrleansVm.Testing.SimulatedStorageFault>(() => EventAsync(workspace, tally, "main", "kvSet", new JsonObject { ["key"] = "k", ["value"] = "lost" }));
        Storage.FailNextWriteOf("instance");
        await FailsWithAsync<OrleansVm.Testing.SimulatedStorageFault>(() => EventAsync(workspace, tally, "main", "add"));

        Assert.Equal(0, await TotalAsync(workspace));
        Assert.Equal(1, (await Instance(tally).GetAsync(Ws(workspace))).State!["clicks"].AsInt());
        Assert.Contains("Kv: \"kept\"", await RenderTextsAsync(workspace, tally, "main"));
        var next = await EventAsync(workspace, tally, "main", "add");
        // #1 was the first kvSet; the failed events' sequence numbers were never saved, so they are used again.
        Assert.Equal([$"{tally}#2", $"{tally}#3"], next.Dispatches.Select(d => d.DispatchId));
        Assert.Equal(1, await TotalAsync(workspace));
    }
}
