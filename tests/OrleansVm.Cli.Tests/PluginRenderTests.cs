using System.Text.Json.Nodes;

namespace OrleansVm.Cli.Tests;

public class PluginRenderTests
{
    [Fact]
    public async Task Renders_from_the_initial_state_by_default()
    {
        var result = await Cli.RunAsync("plugin", "render", RepoPaths.Preset("counter"), "counter");

        result.AssertExit(0);
        Assert.True((bool)result.Json["ok"]!);
        Assert.Equal("panel", (string?)result.Json["tree"]!["kind"]);
        JsonAssert.Equal("""{"kind":"text","text":"Counter: 0"}""", result.Json["tree"]!["children"]![0]);
    }

    [Fact]
    public async Task Renders_the_given_plugin_and_global_state()
    {
        var result = await Cli.RunAsync(
            "plugin", "render", RepoPaths.Preset("counter"), "counter",
            "--plugin-state", """{"value":7}""",
            "--global-state", """{"self":{"instanceId":"counter@abcdefgh","packageId":"counter","workspaceId":"w1"},"shared":{"counter-summary":{"totalValue":12,"instanceCount":3,"lastUpdatedInstanceId":null}}}""");

        result.AssertExit(0);
        var children = result.Json["tree"]!["children"]!.AsArray();
        JsonAssert.Equal("""{"kind":"text","text":"Counter: 7"}""", children[0]);
        JsonAssert.Equal("""
            {"kind":"row","children":[{"kind":"badge","text":"Shared total: 12"},{"kind":"badge","text":"Instances: 3"}]}
            """, children[1]);
    }

    [Fact]
    public async Task The_default_global_state_is_a_local_instance_named_after_the_file()
    {
        using var scripts = new PluginScripts();
        var file = scripts.WriteWidget("Self Echo.js",
            "return ui.text(JSON.stringify(props.globalState));", "");

        var result = await Cli.RunAsync("plugin", "render", file, "main");

        result.AssertExit(0);
        JsonAssert.Equal("""
            {"self":{"instanceId":"self-echo@cli00000","packageId":"self-echo","workspaceId":"local"},"shared":{}}
            """, JsonNode.Parse((string)result.Json["tree"]!["text"]!));
    }

    [Fact]
    public async Task An_unknown_widget_is_a_plugin_failure()
    {
        var result = await Cli.RunAsync("plugin", "render", RepoPaths.Preset("counter"), "nope");

        result.AssertExit(1);
        Assert.Equal("WIDGET_NOT_FOUND", result.ErrorCode);
    }

    [Fact]
    public async Task An_invalid_tree_is_a_plugin_failure_naming_the_path()
    {
        using var scripts = new PluginScripts();
        var file = scripts.WriteWidget("bad-tree.js", "return ui.panel([ui.text('ok'), { kind: 'x' }]);", "");

        var result = await Cli.RunAsync("plugin", "render", file, "main");

        result.AssertExit(1);
        Assert.Equal("RENDER_INVALID", result.ErrorCode);
        Assert.Contains("root.children[1].kind", (string?)result.Json["error"]!["message"]);
    }

    [Fact]
    public async Task Console_output_goes_to_stderr_and_stdout_stays_one_json_object()
    {
        using var scripts = new PluginScripts();
        var file = scripts.WriteWidget("chatty.js", "console.log('rendering now'); return ui.text('hi');", "");

        var result = await Cli.RunAsync("plugin", "render", file, "main");

        result.AssertExit(0);
        JsonAssert.Equal("""{"ok":true,"tree":{"kind":"text","text":"hi"}}""", result.Json);
        Assert.Contains("rendering now", result.Stderr);
    }
}
