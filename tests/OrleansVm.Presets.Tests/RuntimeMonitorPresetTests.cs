using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Presets.Tests;

public class RuntimeMonitorPresetTests
{
    private const string PackageId = "runtime-monitor";
    private const string Widget = "monitor";
    private readonly PluginSandbox _plugin = PresetHost.Load(PackageId);

    [Fact]
    public void Shows_an_empty_registry_without_a_read_grant()
    {
        var tree = Render(shared: null);

        Assert.Equal(["Plugin Registry", "Total: 0 plugins"], UiTree.Texts(tree));
        var table = UiTree.Single(tree, "table");
        JsonAssert.Equal("""["Instance","Package","Status","Enabled","Widgets"]""", table["props"]!["headers"]);
        JsonAssert.Equal("[]", table["props"]!["rows"]);
    }

    [Fact]
    public void Lists_every_registered_instance()
    {
        var tree = Render(new JsonObject
        {
            ["runtime-registry"] = PresetHost.State("""
                [{"instanceId":"counter@abcdefgh","packageId":"counter","title":"Counter","status":"running","enabled":true,"widgets":1},
                 {"instanceId":"calculator@ABCD_-12","packageId":"calculator","title":"Calculator","status":"failed","enabled":false,"widgets":2}]
                """),
        });

        Assert.Equal(["Plugin Registry", "Total: 2 plugins"], UiTree.Texts(tree));
        JsonAssert.Equal("""
            [["counter@abcdefgh","counter","running","YES","1"],
             ["calculator@ABCD_-12","calculator","failed","NO","2"]]
            """, UiTree.Single(tree, "table")["props"]!["rows"]);
    }

    private JsonNode Render(JsonObject? shared) =>
        _plugin.Render(Widget, _plugin.Metadata.InitialState, PresetHost.GlobalState(PackageId, shared));
}
