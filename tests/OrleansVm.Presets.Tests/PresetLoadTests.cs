using System.Text.Json.Nodes;

namespace OrleansVm.Presets.Tests;

public class PresetLoadTests
{
    public static TheoryData<string, string, string, string> ExpectedMetadata => new()
    {
        // packageId, title, widget, initialState
        { "counter", "Counter", "counter", """{"value":0}""" },
        { "calculator", "Calculator", "display", """{"display":"0","accumulator":0,"operation":null}""" },
        { "status-dashboard", "Status Dashboard", "status", "{}" },
        { "greeter", "Greeter", "greeter", """{"name":""}""" },
        { "greeter-shared-state", "Greeter Shared State", "sharedGreeter", "{}" },
        { "runtime-monitor", "Runtime Monitor", "monitor", "{}" },
    };

    [Theory]
    [MemberData(nameof(ExpectedMetadata))]
    public void Loads_with_its_metadata(string packageId, string title, string widget, string initialState)
    {
        var metadata = PresetHost.Load(packageId).Metadata;

        Assert.Equal(packageId, metadata.DeclaredId);
        Assert.Equal(title, metadata.Title);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Description));
        Assert.Equal([widget], metadata.Widgets);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(initialState), metadata.InitialState),
                    $"initialState was {metadata.InitialState.ToJsonString()}");
    }

    public static TheoryData<string, string> OddSharedSections => new()
    {
        { "counter", """{"counter-summary":"not an object"}""" },
        { "status-dashboard", """{"counter-summary":null,"runtime-metrics":[1,2],"runtime-registry":{"a":1}}""" },
        { "greeter", """{"greeter-profile":{"name":42}}""" },
        { "greeter-shared-state", """{"greeter-profile":{"name":null,"lastUpdatedInstanceId":null}}""" },
        { "runtime-monitor", """{"runtime-registry":[null,{"instanceId":7}]}""" },
        { "calculator", """{"counter-summary":{"totalValue":1}}""" },
    };

    // A grant can change between turns, and a domain's projection is data the plugin does not control.
    [Theory]
    [MemberData(nameof(OddSharedSections))]
    public void Every_widget_renders_without_shared_state_and_with_odd_shared_state(string packageId, string shared)
    {
        var plugin = PresetHost.Load(packageId);
        foreach (var widget in plugin.Metadata.Widgets)
        {
            var bare = plugin.Render(widget, plugin.Metadata.InitialState, PresetHost.GlobalState(packageId));
            var odd = plugin.Render(widget, plugin.Metadata.InitialState,
                                    PresetHost.GlobalState(packageId, JsonNode.Parse(shared)!.AsObject()));

            Assert.Equal("panel", (string?)bare["kind"]);
            Assert.Equal("panel", (string?)odd["kind"]);
        }
    }
}
