namespace OrleansVm.Cli.Tests;

public class PluginEventTests
{
    [Fact]
    public async Task Prints_the_intents_and_the_new_state()
    {
        // The example of cli.md.
        var result = await Cli.RunAsync("plugin", "event", RepoPaths.Preset("counter"), "counter", "increment");

        result.AssertExit(0);
        JsonAssert.Equal("""
            {"ok":true,
             "intents":[{"scope":"plugin","actionType":"increment"},
                        {"scope":"shared","actionType":"set-instance","payload":{"value":1},"domain":"counter-summary"}],
             "pluginState":{"value":1},
             "kv":{}}
            """, result.Json);
    }

    [Fact]
    public async Task Starts_from_the_given_plugin_state()
    {
        var result = await Cli.RunAsync("plugin", "event", RepoPaths.Preset("counter"), "counter", "decrement",
                                        "--plugin-state", """{"value":4}""");

        result.AssertExit(0);
        JsonAssert.Equal("""{"value":3}""", result.Json["pluginState"]);
        JsonAssert.Equal("""{"value":3}""", result.Json["intents"]![1]!["payload"]);
    }

    [Fact]
    public async Task Passes_the_args_to_the_handler()
    {
        var result = await Cli.RunAsync("plugin", "event", RepoPaths.Preset("greeter"), "greeter", "updateName",
                                        "--args", """{"value":"Ada"}""");

        result.AssertExit(0);
        JsonAssert.Equal("""
            [{"scope":"plugin","actionType":"setName","payload":"Ada"},
             {"scope":"shared","actionType":"set-name","payload":"Ada","domain":"greeter-profile"}]
            """, result.Json["intents"]);
        JsonAssert.Equal("""{"name":"Ada"}""", result.Json["pluginState"]);
    }

    [Theory]
    [InlineData("null")]                      // JSON null is a value, not a missing option
    [InlineData("[1,\"a\",{\"b\":true}]")]
    public async Task Passes_any_json_value_as_args(string args)
    {
        using var scripts = new PluginScripts();
        var file = scripts.WriteWidget("echo.js", "return ui.text('x');",
            "h.dispatchPluginAction('state/replace', { seen: JSON.stringify(args) });");

        var result = await Cli.RunAsync("plugin", "event", file, "main", "run", "--args", args);

        result.AssertExit(0);
        Assert.Equal(args, (string?)result.Json["pluginState"]!["seen"]);
    }

    [Fact]
    public async Task An_unknown_handler_is_a_plugin_failure()
    {
        var result = await Cli.RunAsync("plugin", "event", RepoPaths.Preset("counter"), "counter", "explode");

        result.AssertExit(1);
        Assert.Equal("HANDLER_NOT_FOUND", result.ErrorCode);
    }

    [Fact]
    public async Task A_throwing_handler_is_a_runtime_error()
    {
        using var scripts = new PluginScripts();
        var file = scripts.WriteWidget("thrower.js", "return ui.text('x');", "throw new Error('boom');");

        var result = await Cli.RunAsync("plugin", "event", file, "main", "run");

        result.AssertExit(1);
        Assert.Equal("PLUGIN_RUNTIME_ERROR", result.ErrorCode);
        Assert.Contains("boom", (string?)result.Json["error"]!["message"]);
    }

    [Fact]
    public async Task Notes_an_action_without_a_reducer_on_stderr()
    {
        using var scripts = new PluginScripts();
        var file = scripts.WriteWidget("no-reducer.js", "return ui.text('x');", "h.dispatchPluginAction('unheard');");

        var result = await Cli.RunAsync("plugin", "event", file, "main", "run");

        result.AssertExit(0);
        JsonAssert.Equal("""[{"scope":"plugin","actionType":"unheard"}]""", result.Json["intents"]);
        JsonAssert.Equal("""{"n":0}""", result.Json["pluginState"]);
        Assert.Contains("no-local-reducer-match", result.Stderr);
    }
}
