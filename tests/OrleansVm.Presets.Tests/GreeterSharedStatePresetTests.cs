using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Presets.Tests;

public class GreeterSharedStatePresetTests
{
    private const string PackageId = "greeter-shared-state";
    private const string Widget = "sharedGreeter";
    private readonly PluginSandbox _plugin = PresetHost.Load(PackageId);

    [Fact]
    public void Shows_no_name_without_a_read_grant()
    {
        var tree = Render(shared: null);

        Assert.Equal(["NO NAME"], UiTree.Badges(tree));
        Assert.Contains("Shared greeting: (empty)", UiTree.Texts(tree));
    }

    [Fact]
    public void Shows_no_name_while_the_profile_is_empty()
    {
        var tree = Render(new JsonObject { ["greeter-profile"] = PresetHost.State("""{"name":null,"lastUpdatedInstanceId":null}""") });

        Assert.Equal(["NO NAME"], UiTree.Badges(tree));
        Assert.Contains("Shared greeting: (empty)", UiTree.Texts(tree));
    }

    [Fact]
    public void Greets_the_shared_name()
    {
        var tree = Render(new JsonObject
        {
            ["greeter-profile"] = PresetHost.State("""{"name":"Ada","lastUpdatedInstanceId":"greeter@abcdefgh"}"""),
        });

        Assert.Equal(["SYNCED"], UiTree.Badges(tree));
        Assert.Contains("Shared greeting: Hello, Ada!", UiTree.Texts(tree));
        Assert.DoesNotContain("Shared greeting: (empty)", UiTree.Texts(tree));
    }

    private JsonNode Render(JsonObject? shared) =>
        _plugin.Render(Widget, _plugin.Metadata.InitialState, PresetHost.GlobalState(PackageId, shared));
}
