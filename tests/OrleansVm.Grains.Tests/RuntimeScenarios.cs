using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Grains.Tests;

/// <summary>Timeouts, persistence, kv, logs and the event stream.</summary>
public abstract partial class GrainScenarios
{
    [Fact]
    public async Task A_runaway_plugin_is_stopped_and_it_and_the_others_keep_working()
    {
        await PublishPresetsAsync();
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("counter", "tally");
        await DefineTallyDomainAsync(workspace);
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;
        var counter = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;
        await EventAsync(workspace, tally, "main", "add");

        var started = DateTime.UtcNow;
        await ThrowsCodeAsync<SandboxException>(SandboxErrorCodes.RuntimeTimeout, () => EventAsync(workspace, tally, "main", "spin"));
        Assert.True(DateTime.UtcNow - started < TestLimits.EventTimeout + TimeSpan.FromSeconds(5));

        Assert.Equal(1, (await EventAsync(workspace, counter, "counter", "increment")).State!["value"].AsInt());
        var after = await EventAsync(workspace, tally, "main", "add");
        Assert.Equal(2, after.State!["clicks"].AsInt());
        Assert.Equal(2, (await DomainStateAsync(workspace, "tally"))!["total"].AsInt());
    }

    [Fact]
    public async Task Plugin_errors_keep_their_sandbox_code()
    {
        await PublishPresetsAsync();
        var workspace = await NewWorkspaceAsync("counter");
        var counter = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;

        await ThrowsCodeAsync<SandboxException>(SandboxErrorCodes.WidgetNotFound, () => Instance(counter).RenderAsync(Ws(workspace), "nope"));
        await ThrowsCodeAsync<SandboxException>(SandboxErrorCodes.HandlerNotFound, () => EventAsync(workspace, counter, "counter", "nope"));
        Assert.Equal(0, (await Instance(counter).GetAsync(Ws(workspace))).State!["value"].AsInt());
    }

    [Fact]
    public async Task State_survives_a_silo_restart_and_the_shared_total_with_it()
    {
        await PublishPresetsAsync();
        var workspace = await NewWorkspaceAsync("counter");
        var counter = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;
        await EventAsync(workspace, counter, "counter", "increment");
        await EventAsync(workspace, counter, "counter", "increment");

        await RestartSiloAsync();

        var view = await Instance(counter).GetAsync(Ws(workspace));
        Assert.Equal(2, view.State!["value"].AsInt());
        Assert.Equal(["Counter: 2", "Shared total: 2", "Instances: 1"], await RenderTextsAsync(workspace, counter, "counter"));
        var next = await EventAsync(workspace, counter, "counter", "increment");
        Assert.Equal($"{counter}#6", next.Dispatches[1].DispatchId); // the sequence survived too
        Assert.Equal(3, (await DomainStateAsync(workspace, "counter-summary"))!["totalValue"].AsInt());
        var timeline = await Client.GetGrain<IWorkspaceActivityGrain>(Ws(workspace)).GetTimelineAsync(200);
        Assert.Equal(6, timeline.Count); // activity was saved when its grain deactivated
    }

    [Fact]
    public async Task Kv_is_saved_with_the_state_and_discarded_when_the_event_fails()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        await DefineTallyDomainAsync(workspace);
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;

        await EventAsync(workspace, tally, "main", "kvSet", new JsonObject { ["key"] = "k", ["value"] = "kept" });
        var error = await ThrowsCodeAsync<SandboxException>(SandboxErrorCodes.PluginRuntimeError,
            () => EventAsync(workspace, tally, "main", "kvSet", new JsonObject { ["key"] = "k", ["value"] = "lost", ["fail"] = true }));
        Assert.Contains("failed after kv.set", error.Message);

        Assert.Contains("Kv: \"kept\"", await RenderTextsAsync(workspace, tally, "main"));
        Assert.Equal(1, (await Instance(tally).GetAsync(Ws(workspace))).State!["clicks"].AsInt());
        await RestartSiloAsync();
        Assert.Contains("Kv: \"kept\"", await RenderTextsAsync(workspace, tally, "main"));
    }

    [Fact]
    public async Task Console_lines_go_to_the_instance_log_ring_of_200()
    {
        await PublishTallyAsync();
        var workspace = await NewWorkspaceAsync("tally");
        var tally = (await workspace.CreateInstanceAsync("tally", null)).InstanceId;

        for (var i = 0; i < 101; i++) await EventAsync(workspace, tally, "main", "log", new JsonObject { ["n"] = i });

        var logs = await Instance(tally).GetLogsAsync(Ws(workspace));
        Assert.Equal(200, logs.Count);
        Assert.Equal(("log", "line 1"), (logs[0].Level, logs[0].Message)); // event 0's two lines were dropped
        Assert.Equal(("log", "line 100"), (logs[^2].Level, logs[^2].Message));
        Assert.Equal("warned", logs[^1].Message);
    }

    [Fact]
    public async Task The_event_stream_has_increasing_ids_and_long_polls()
    {
        await PublishPresetsAsync();
        var workspace = await NewWorkspaceAsync("counter");
        var events = Client.GetGrain<IWorkspaceEventsGrain>(Ws(workspace));
        var start = await events.GetLastIdAsync();
        var counter = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;
        await EventAsync(workspace, counter, "counter", "increment");

        var batch = await events.ReadAsync(start, TimeSpan.Zero);
        // runtime-metrics' domain.changed is coalesced per activity flush (timer), so it may or may not be here yet.
        var seen = batch.Events.Where(e => !(e.Name == "domain.changed" && e.Data["domain"]!.GetValue<string>() == "runtime-metrics")).ToList();
        Assert.Equal(["instance.created", "domain.changed", "domain.changed", "dispatch", "dispatch", "instance.state"], seen.Select(e => e.Name));
        Assert.True(batch.Events.Zip(batch.Events.Skip(1)).All(p => p.First.Id < p.Second.Id));
        Assert.Equal(counter, seen[0].Data["instanceId"]!.GetValue<string>());
        Assert.Equal("runtime-registry", seen[1].Data["domain"]!.GetValue<string>());
        Assert.Equal("counter-summary", seen[2].Data["domain"]!.GetValue<string>());
        Assert.Equal("applied", seen[4].Data["outcome"]!.GetValue<string>());
        Assert.False(batch.Gap);

        // A reader waiting at the end is woken by the next publish.
        var waiting = events.ReadAsync(batch.LastId, TimeSpan.FromSeconds(30));
        await workspace.RemoveInstanceAsync(counter);
        Assert.NotEmpty((await waiting).Events);
        var after = await events.ReadAsync(batch.LastId, TimeSpan.Zero);
        Assert.Contains(after.Events, e => e.Name == "instance.removed" && e.Data["instanceId"]!.GetValue<string>() == counter);
    }
}
