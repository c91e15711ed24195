namespace OrleansVm.Cli.Tests;

public class ModuleOptionTests
{
    // Records whether kv can be required, then uses it.
    private const string KvHandler = """
        var kv;
        try { kv = require('kv'); } catch (e) {
          h.dispatchPluginAction('state/replace', { error: String(e.code || e.message || e) });
          return;
        }
        kv.set('greeting', 'hello');
        kv.set('count', String(kv.keys().length));
        h.dispatchPluginAction('state/replace', { keys: kv.keys() });
        """;

    [Fact]
    public async Task Every_module_is_enabled_and_kv_starts_empty_and_is_printed()
    {
        using var scripts = new PluginScripts();
        var file = scripts.WriteWidget("kv.js", "return ui.text('x');", KvHandler);

        var result = await Cli.RunAsync("plugin", "event", file, "main", "run");

        result.AssertExit(0);
        JsonAssert.Equal("""{"greeting":"hello","count":"1"}""", result.Json["kv"]);
        JsonAssert.Equal("""{"keys":["greeting","count"]}""", result.Json["pluginState"]);
    }

    [Fact]
    public async Task Only_the_named_modules_are_enabled()
    {
        using var scripts = new PluginScripts();
        var file = scripts.WriteWidget("kv-denied.js", "return ui.text('x');", KvHandler);

        var result = await Cli.RunAsync("plugin", "event", file, "main", "run", "--modules", " Time ,crypto,time");

        result.AssertExit(0);
        JsonAssert.Equal("""{"error":"MODULE_NOT_ENABLED"}""", result.Json["pluginState"]);
        JsonAssert.Equal("{}", result.Json["kv"]);
    }

    [Theory]
    [InlineData("math", "\"math\" is a JavaScript built-in and cannot be configured")]
    [InlineData("time,nosuch", "\"nosuch\" is not a registered native module")]
    public async Task A_module_name_the_silo_would_refuse_is_a_usage_error(string modules, string message)
    {
        var result = await Cli.RunAsync("plugin", "validate", RepoPaths.Preset("counter"), "--modules", modules);

        result.AssertExit(2);
        Assert.Equal("MODULE_NOT_ALLOWED", result.ErrorCode);
        Assert.Equal(message, (string?)result.Json["error"]!["message"]);
    }
}
