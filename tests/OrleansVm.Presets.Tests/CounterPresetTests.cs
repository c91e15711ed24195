using System.Text.Json.Nodes;

namespace OrleansVm.Presets.Tests;

public class CounterPresetTests
{
    private const string PackageId = "counter";
    private const string Widget = "counter";
    private readonly OrleansVm.Sandbox.PluginSandbox _plugin = PresetHost.Load(PackageId);

    [Fact]
    public void Renders_the_local_value_and_zero_shared_totals_without_a_read_grant()
    {
        var tree = _plugin.Render(Widget, PresetHost.State("""{"value":4}"""), PresetHost.GlobalState(PackageId));

        Assert.Equal(["Counter: 4"], UiTree.Texts(tree));
        Assert.Equal(["Shared total: 0", "Instances: 0"], UiTree.Badges(tree));
    }

    [Fact]
    public void Renders_the_shared_counter_summary()
    {
        var shared = new JsonObject
        {
            ["counter-summary"] = PresetHost.State("""{"totalValue":12,"instanceCount":3,"lastUpdatedInstanceId":"counter@abcdefgh"}"""),
        };

        var tree = _plugin.Render(Widget, PresetHost.State("""{"value":-2}"""), PresetHost.GlobalState(PackageId, shared));

        Assert.Equal(["Counter: -2"], UiTree.Texts(tree));
        Assert.Equal(["Shared total: 12", "Instances: 3"], UiTree.Badges(tree));
    }

    [Fact]
    public void Has_decrement_reset_and_increment_buttons_wired_to_their_handlers()
    {
        var tree = _plugin.Render(Widget, _plugin.Metadata.InitialState, PresetHost.GlobalState(PackageId));

        Assert.Equal(["Decrement", "Reset", "Increment"], UiTree.ButtonLabels(tree));
        Assert.Equal("decrement", (string?)UiTree.Button(tree, "Decrement")["props"]!["onClick"]!["handler"]);
        Assert.Equal("reset", (string?)UiTree.Button(tree, "Reset")["props"]!["onClick"]!["handler"]);
        Assert.Equal("increment", (string?)UiTree.Button(tree, "Increment")["props"]!["onClick"]!["handler"]);
        Assert.Equal("destructive", (string?)UiTree.Button(tree, "Reset")["props"]!["variant"]);
    }

    [Theory]
    [InlineData("increment", 5)]
    [InlineData("decrement", 3)]
    [InlineData("reset", 0)]
    public void Each_handler_applies_the_local_action_and_reports_the_new_value(string handler, int next)
    {
        var result = _plugin.HandleEvent(Widget, handler, null, PresetHost.State("""{"value":4}"""),
                                         PresetHost.GlobalState(PackageId));

        JsonAssert.Intents($$"""
            [{"scope":"plugin","actionType":"{{handler}}"},
             {"scope":"shared","actionType":"set-instance","payload":{"value":{{next}}},"domain":"counter-summary"}]
            """, result.Intents);
        JsonAssert.Equal($$"""{"value":{{next}}}""", result.NewState);
        Assert.All(result.LocalResults, local => Assert.Equal("applied", local.Outcome));
    }

    [Fact]
    public void Counts_up_from_its_initial_state()
    {
        var state = _plugin.Metadata.InitialState;
        foreach (var _ in Enumerable.Range(0, 3))
            state = _plugin.HandleEvent(Widget, "increment", null, state, PresetHost.GlobalState(PackageId)).NewState;

        JsonAssert.Equal("""{"value":3}""", state);
    }
}
