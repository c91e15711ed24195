using System.Text.Json.Nodes;

namespace OrleansVm.Grains.Tests;

/// <summary>The preset plugins sharing state through the built-in domains.</summary>
public abstract partial class GrainScenarios : GrainsTestBase
{
    [Fact]
    public async Task Two_counters_count_independently_while_counter_summary_totals_both()
    {
        await PublishPresetsAsync();
        var workspace = await NewWorkspaceAsync("counter");
        var a = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;
        var b = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;

        await EventAsync(workspace, a, "counter", "increment");
        await EventAsync(workspace, a, "counter", "increment");
        var last = await EventAsync(workspace, b, "counter", "increment");

        Assert.Equal(["applied", "applied"], last.Dispatches.Select(d => d.Outcome));
        Assert.Equal(1, last.State!["value"].AsInt());
        Assert.Equal(["Counter: 2", "Shared total: 3", "Instances: 2"], await RenderTextsAsync(workspace, a, "counter"));
        Assert.Equal(["Counter: 1", "Shared total: 3", "Instances: 2"], await RenderTextsAsync(workspace, b, "counter"));
        var summary = await DomainStateAsync(workspace, "counter-summary");
        Assert.Equal(b, summary!["lastUpdatedInstanceId"]!.GetValue<string>());
        Assert.Equal(2, summary["valuesByInstance"]![a].AsInt());
    }

    [Fact]
    public async Task Removing_a_counter_fixes_the_total_and_clears_lastUpdatedInstanceId_that_pointed_at_it()
    {
        await PublishPresetsAsync();
        var workspace = await NewWorkspaceAsync("counter");
        var a = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;
        var b = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;
        await EventAsync(workspace, a, "counter", "increment");
        await EventAsync(workspace, b, "counter", "increment");
        await EventAsync(workspace, b, "counter", "increment");

        await workspace.RemoveInstanceAsync(b);

        var summary = await DomainStateAsync(workspace, "counter-summary");
        Assert.Equal(1, summary!["totalValue"].AsInt());
        Assert.Equal(1, summary["instanceCount"].AsInt());
        Assert.Null(summary["lastUpdatedInstanceId"]);
        Assert.Equal(["Counter: 1", "Shared total: 1", "Instances: 1"], await RenderTextsAsync(workspace, a, "counter"));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.InstanceNotFound, () => Instance(b).GetAsync(Ws(workspace)));
        await ThrowsCodeAsync<OrleansVmException>(ErrorCodes.InstanceNotFound, () => workspace.RemoveInstanceAsync(b));
        Assert.DoesNotContain(await workspace.ListInstancesAsync(), r => r.InstanceId == b);
    }

    [Fact]
    public async Task Removing_an_instance_that_did_not_write_last_keeps_lastUpdatedInstanceId()
    {
        await PublishPresetsAsync();
        var workspace = await NewWorkspaceAsync("counter");
        var a = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;
        var b = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;
        await EventAsync(workspace, b, "counter", "increment");
        await EventAsync(workspace, a, "counter", "increment");

        await workspace.RemoveInstanceAsync(b);

        var summary = await DomainStateAsync(workspace, "counter-summary");
        Assert.Equal(a, summary!["lastUpdatedInstanceId"]!.GetValue<string>());
        Assert.Equal(1, summary["totalValue"].AsInt());
    }

    [Fact]
    public async Task A_greeter_name_shows_in_greeter_shared_state()
    {
        await PublishPresetsAsync();
        var workspace = await NewWorkspaceAsync("greeter", "greeter-shared-state");
        var greeter = (await workspace.CreateInstanceAsync("greeter", null)).InstanceId;
        var reader = (await workspace.CreateInstanceAsync("greeter-shared-state", null)).InstanceId;
        Assert.Contains("NO NAME", await RenderTextsAsync(workspace, reader, "sharedGreeter"));

        var response = await EventAsync(workspace, greeter, "greeter", "updateName", new JsonObject { ["value"] = "Ada" });

        Assert.Equal("applied", response.Dispatches.Single(d => d.Scope == "shared").Outcome);
        Assert.Contains("Hello, Ada!", await RenderTextsAsync(workspace, greeter, "greeter"));
        var texts = await RenderTextsAsync(workspace, reader, "sharedGreeter");
        Assert.Contains("SYNCED", texts);
        Assert.Contains("Shared greeting: Hello, Ada!", texts);
        var profile = await DomainStateAsync(workspace, "greeter-profile");
        Assert.Equal(greeter, profile!["lastUpdatedInstanceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_dashboard_and_runtime_monitor_show_the_live_registry_and_metrics()
    {
        await PublishPresetsAsync();
        var workspace = await NewWorkspaceAsync("counter", "status-dashboard", "runtime-monitor");
        var counter = (await workspace.CreateInstanceAsync("counter", null)).InstanceId;
        var dashboard = (await workspace.CreateInstanceAsync("status-dashboard", null)).InstanceId;
        var monitor = (await workspace.CreateInstanceAsync("runtime-monitor", null)).InstanceId;
        await EventAsync(workspace, counter, "counter", "increment");
        await EventAsync(workspace, counter, "counter", "increment");

        var dashboardTree = await Instance(dashboard).RenderAsync(Ws(workspace), "status");
        var texts = Texts(dashboardTree);
        Assert.Contains("Plugins: 3", texts);
        Assert.Contains("Shared Counter: 2", texts);
        Assert.Contains("Dispatches: 4", texts); // two events, each a local and a shared dispatch
        Assert.Contains(["Last Outcome", "applied"], TableRows(dashboardTree));

        var monitorTree = await Instance(monitor).RenderAsync(Ws(workspace), "monitor");
        Assert.Contains("Total: 3 plugins", Texts(monitorTree));
        var rows = TableRows(monitorTree);
        Assert.Contains([counter, "counter", "active", "YES", "1"], rows);
        Assert.Contains([dashboard, "status-dashboard", "active", "YES", "1"], rows);

        await workspace.RemoveInstanceAsync(counter);
        Assert.Contains("Total: 2 plugins", await RenderTextsAsync(workspace, monitor, "monitor"));
        Assert.Contains("Plugins: 2", await RenderTextsAsync(workspace, dashboard, "status"));
    }
}
