using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Presets.Tests;

public class StatusDashboardPresetTests
{
    private const string PackageId = "status-dashboard";
    private const string Widget = "status";
    private readonly PluginSandbox _plugin = PresetHost.Load(PackageId);

    [Fact]
    public void Shows_zeros_without_read_grants()
    {
        var tree = _plugin.Render(Widget, _plugin.Metadata.InitialState, PresetHost.GlobalState(PackageId));

        Assert.Equal(["Plugins: 0", "Shared Counter: 0", "Dispatches: 0"], UiTree.Badges(tree));
        var table = UiTree.Single(tree, "table");
        JsonAssert.Equal("""["Metric","Value"]""", table["props"]!["headers"]);
        Assert.Contains(Rows(table), row => row is ["Dispatch Count", "0"]);
        Assert.Contains(Rows(table), row => row is ["Last Action", "-"]);
    }

    [Fact]
    public void Shows_the_shared_metrics_counter_and_registry()
    {
        var shared = new JsonObject
        {
            ["counter-summary"] = PresetHost.State("""{"totalValue":9,"instanceCount":2,"lastUpdatedInstanceId":"counter@abcdefgh"}"""),
            ["runtime-metrics"] = PresetHost.State("""
                {"pluginCount":4,"dispatchCount":17,"lastDispatchId":"d17","lastScope":"shared",
                 "lastActionType":"set-instance","lastOutcome":"applied","lastReason":null,"lastTimestamp":"2026-11-21T00:00:00Z"}
                """),
            ["runtime-registry"] = PresetHost.State("""
                [{"instanceId":"counter@abcdefgh","packageId":"counter","title":"Counter","status":"running","enabled":true,"widgets":1},
                 {"instanceId":"greeter@abcdefgh","packageId":"greeter","title":"Greeter","status":"running","enabled":true,"widgets":1}]
                """),
        };

        var tree = _plugin.Render(Widget, _plugin.Metadata.InitialState, PresetHost.GlobalState(PackageId, shared));

        Assert.Equal(["Plugins: 4", "Shared Counter: 9", "Dispatches: 17"], UiTree.Badges(tree));
        var rows = Rows(UiTree.Single(tree, "table"));
        Assert.Contains(rows, row => row is ["Plugin Count", "4"]);
        Assert.Contains(rows, row => row is ["Registered Instances", "2"]);
        Assert.Contains(rows, row => row is ["Shared Counter Total", "9"]);
        Assert.Contains(rows, row => row is ["Counter Instances", "2"]);
        Assert.Contains(rows, row => row is ["Last Action", "shared set-instance"]);
        Assert.Contains(rows, row => row is ["Last Outcome", "applied"]);
    }

    [Fact]
    public void Has_no_handlers()
    {
        var tree = _plugin.Render(Widget, _plugin.Metadata.InitialState, PresetHost.GlobalState(PackageId));
        var error = Assert.Throws<SandboxException>(() =>
            _plugin.HandleEvent(Widget, "refresh", null, _plugin.Metadata.InitialState, PresetHost.GlobalState(PackageId)));

        Assert.Empty(UiTree.OfKind(tree, "button"));
        Assert.Equal(SandboxErrorCodes.HandlerNotFound, error.Code);
    }

    private static List<string[]> Rows(JsonObject table) =>
        table["props"]!["rows"]!.AsArray().Select(row => row!.AsArray().Select(cell => (string)cell!).ToArray()).ToList();
}
