using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Presets.Tests;

public class GreeterPresetTests
{
    private const string PackageId = "greeter";
    private const string Widget = "greeter";
    private readonly PluginSandbox _plugin = PresetHost.Load(PackageId);

    [Fact]
    public void Asks_for_a_name_until_one_is_typed()
    {
        var tree = _plugin.Render(Widget, _plugin.Metadata.InitialState, PresetHost.GlobalState(PackageId));

        Assert.Equal(["Enter your name..."], UiTree.Texts(tree));
        var input = UiTree.Single(tree, "input");
        Assert.Equal("", (string?)input["props"]!["value"]);
        Assert.False(string.IsNullOrEmpty((string?)input["props"]!["placeholder"]));
    }

    [Fact]
    public void Greets_the_local_name()
    {
        var tree = _plugin.Render(Widget, PresetHost.State("""{"name":"Ada"}"""), PresetHost.GlobalState(PackageId));

        Assert.Equal(["Hello, Ada!"], UiTree.Texts(tree));
        Assert.Equal("Ada", (string?)UiTree.Single(tree, "input")["props"]!["value"]);
    }

    [Fact]
    public void A_blank_name_is_not_a_name()
    {
        var tree = _plugin.Render(Widget, PresetHost.State("""{"name":"   "}"""), PresetHost.GlobalState(PackageId));

        Assert.Equal(["Enter your name..."], UiTree.Texts(tree));
    }

    [Fact]
    public void Typing_sets_the_local_name_and_shares_it()
    {
        var result = Type("Grace", _plugin.Metadata.InitialState);

        JsonAssert.Intents("""
            [{"scope":"plugin","actionType":"setName","payload":"Grace"},
             {"scope":"shared","actionType":"set-name","payload":"Grace","domain":"greeter-profile"}]
            """, result.Intents);
        JsonAssert.Equal("""{"name":"Grace"}""", result.NewState);
        Assert.Equal(["Hello, Grace!"],
                     UiTree.Texts(_plugin.Render(Widget, result.NewState, PresetHost.GlobalState(PackageId))));
    }

    [Fact]
    public void Clearing_the_input_clears_the_name()
    {
        var result = Type("", PresetHost.State("""{"name":"Ada"}"""));

        JsonAssert.Equal("""{"name":""}""", result.NewState);
        Assert.Equal("", (string?)result.Intents[1].Payload);
    }

    /// <summary>Sends the input's own onChange, with the {value} args an input change carries.</summary>
    private EventResult Type(string text, JsonNode state)
    {
        var tree = _plugin.Render(Widget, state, PresetHost.GlobalState(PackageId));
        var handler = (string)UiTree.Single(tree, "input")["props"]!["onChange"]!["handler"]!;
        return _plugin.HandleEvent(Widget, handler, new JsonObject { ["value"] = text }, state, PresetHost.GlobalState(PackageId));
    }
}
