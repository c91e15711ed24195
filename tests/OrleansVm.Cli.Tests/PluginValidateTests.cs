namespace OrleansVm.Cli.Tests;

public class PluginValidateTests
{
    [Fact]
    public async Task Prints_the_plugin_metadata()
    {
        var result = await Cli.RunAsync("plugin", "validate", RepoPaths.Preset("counter"));

        result.AssertExit(0);
        JsonAssert.Equal("""
            {"ok":true,"meta":{"declaredId":"counter","title":"Counter",
              "description":"A local counter that reports its value to the shared counter summary",
              "initialState":{"value":0},"widgets":["counter"]}}
            """, result.Json);
    }

    [Fact]
    public async Task Defaults_the_optional_metadata()
    {
        using var scripts = new PluginScripts();
        var file = scripts.Write("bare.js", "definePlugin(function () { return { widgets: { w: { render: function () { return { kind: 'text', text: 'x' }; } } } }; });");

        var result = await Cli.RunAsync("plugin", "validate", file);

        result.AssertExit(0);
        JsonAssert.Equal("""
            {"ok":true,"meta":{"declaredId":null,"title":"Untitled Plugin","description":"","initialState":{},"widgets":["w"]}}
            """, result.Json);
    }

    [Fact]
    public async Task A_syntax_error_is_a_plugin_failure_with_its_position()
    {
        using var scripts = new PluginScripts();
        var file = scripts.Write("broken.js", "definePlugin(function (ctx) {\n  return { widgets: { ;\n});");

        var result = await Cli.RunAsync("plugin", "validate", file);

        result.AssertExit(1);
        Assert.False((bool)result.Json["ok"]!);
        Assert.Equal("PLUGIN_LOAD_ERROR", result.ErrorCode);
        Assert.Equal(2, (int?)result.Json["error"]!["details"]!["line"]);
    }

    [Fact]
    public async Task A_script_that_never_registers_is_a_plugin_failure()
    {
        using var scripts = new PluginScripts();
        var file = scripts.Write("silent.js", "var x = 1;");

        var result = await Cli.RunAsync("plugin", "validate", file);

        result.AssertExit(1);
        Assert.Equal("PLUGIN_LOAD_ERROR", result.ErrorCode);
        Assert.Equal("Plugin did not register via definePlugin", (string?)result.Json["error"]!["message"]);
    }
}
