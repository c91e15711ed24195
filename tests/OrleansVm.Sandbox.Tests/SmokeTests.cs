using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox.Tests;

public class SmokeTests
{
    [Fact]
    public void Counter_loads_renders_and_handles_events()
    {
        var sandbox = TestPlugins.Load(TestPlugins.Counter);
        Assert.Equal("Counter", sandbox.Metadata.Title);
        var tree = sandbox.Render("counter", new JsonObject { ["value"] = 3 }, TestPlugins.Global());
        Assert.Equal("Counter: 3", tree["children"]![0]!["text"]!.GetValue<string>());
        var result = sandbox.HandleEvent("counter", "increment", null, new JsonObject { ["value"] = 3 }, TestPlugins.Global());
        Assert.Equal(4, result.NewState["value"]!.GetValue<int>());
        Assert.Equal(2, result.Intents.Count);
    }
}
