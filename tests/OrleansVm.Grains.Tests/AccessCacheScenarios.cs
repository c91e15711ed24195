using System.Text.Json.Nodes;
using Orleans.Core.Internal;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// Issue 14: an instance caches its grant across turns and its workspace drops that cache on every grant change,
/// so a revoked grant still applies from the instance's next turn.
/// </summary>
public abstract partial class GrainScenarios
{
    [Fact]
    public async Task A_revoke_by_a_fresh_workspace_activation_still_reaches_an_instance_that_cached_its_grant()
    {
        var (workspace, tally) = await TallySetupAsync();
        Assert.Equal("applied", (await EventAsync(workspace, tally, "main", "add")).Dispatches[1].Outcome); // the instance caches its grant

        // The workspace activation that answered the instance goes; the next one cannot know who caches what.
        await workspace.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await workspace.PutGrantsAsync("tally", new Grants(["tally"], [], ["kv"]));

        var next = (await EventAsync(workspace, tally, "main", "add")).Dispatches[1];
        Assert.Equal(("denied", "missing-write-grant:tally"), (next.Outcome, next.Reason));
        Assert.Empty((await Instance(tally).GetAsync(Ws(workspace))).Grants.WriteShared);

        // Granted again through the same (now knowing) activation: the instance watches again and hears of it.
        await workspace.PutGrantsAsync("tally", new Grants(["tally"], ["tally"], ["kv"]));
        Assert.Equal("applied", (await EventAsync(workspace, tally, "main", "add")).Dispatches[1].Outcome);
        await workspace.PutGrantsAsync("tally", new Grants(["tally"], [], ["kv"]));
        Assert.Equal("denied", (await EventAsync(workspace, tally, "main", "add")).Dispatches[1].Outcome);
        Assert.Equal(2, await TotalAsync(workspace));
    }

    [Fact]
    public async Task Every_turn_that_starts_after_a_revoke_returns_is_denied_while_events_race_the_revoke()
    {
        var (workspace, tally) = await TallySetupAsync();
        for (var round = 0; round < 5; round++)
        {
            await workspace.PutGrantsAsync("tally", new Grants(["tally"], ["tally"], ["kv"]));
            // Events in flight (their grant lookups too) while the grant goes.
            var racing = Enumerable.Range(0, 8).Select(_ => EventAsync(workspace, tally, "main", "add")).ToList();
            await workspace.PutGrantsAsync("tally", new Grants(["tally"], [], ["kv"]));
            var after = (await EventAsync(workspace, tally, "main", "add")).Dispatches[1];
            Assert.Equal(("denied", "missing-write-grant:tally"), (after.Outcome, after.Reason));
            await Task.WhenAll(racing);
        }
    }

    [Fact]
    public async Task An_instance_refuses_an_access_invalidation_from_anyone_but_its_workspace()
    {
        var (workspace, tally) = await TallySetupAsync();
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.InstanceNotFound, () => Instance(tally).InvalidateAccessAsync());
        Assert.Equal("applied", (await EventAsync(workspace, tally, "main", "add")).Dispatches[1].Outcome);
    }

    [Fact]
    public async Task One_report_per_event_feeds_the_timeline_and_the_stream_in_order()
    {
        var (workspace, tally) = await TallySetupAsync();
        var events = Client.GetGrain<IWorkspaceEventsGrain>(Ws(workspace));
        var start = await events.GetLastIdAsync();

        var added = await EventAsync(workspace, tally, "main", "add");
        await EventAsync(workspace, tally, "main", "log", new JsonObject { ["n"] = 1 }); // no intent: only its new state

        var stream = (await events.ReadAsync(start, TimeSpan.Zero)).Events
            .Where(e => e.Name is "dispatch" or "instance.state").ToList();
        Assert.Equal(["dispatch", "dispatch", "instance.state", "instance.state"], stream.Select(e => e.Name));
        Assert.Equal(added.Dispatches.Select(d => d.DispatchId), stream.Take(2).Select(e => e.Data["dispatchId"]!.GetValue<string>()));
        Assert.Equal(tally, stream[3].Data["instanceId"]!.GetValue<string>());
        var timeline = await Client.GetGrain<IWorkspaceActivityGrain>(Ws(workspace)).GetTimelineAsync(10);
        Assert.Equal(added.Dispatches.Select(d => d.DispatchId).Reverse(), timeline.Select(r => r.DispatchId));
    }
}
