using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

/// <summary>
/// The per-sandbox memory savings (shared built-in numbers, trimmed dictionaries, console and
/// ctx.ui built on first use) cannot be told apart from eager objects by a script.
/// </summary>
public class CompactSandboxTests
{
    private static string Eval(string expression, string prelude = "") =>
        Load(With(renderBody: $"return ui.text(String({expression}));", prelude: prelude)).Render("w", null, Global())["text"]!.GetValue<string>();

    [Theory]
    [InlineData("Object.keys(console).length + Object.keys(ui).length", "0")]
    [InlineData("Object.getOwnPropertyNames(console).join()", "log,info,warn,error")]
    [InlineData("(function () { var k = []; console.x = 1; for (var p in console) k.push(p); return k.join(); })()", "x")]
    [InlineData("'warn' in console && console.hasOwnProperty('info') && typeof console.error", "function")]
    [InlineData("JSON.stringify(Object.getOwnPropertyDescriptor(console, 'log').enumerable)", "false")]
    [InlineData("(function () { delete console.log; return typeof console.log + ('log' in console); })()", "undefinedfalse")]
    [InlineData("(function () { console.log = 7; return console.log + ':' + Object.getOwnPropertyNames(console).length; })()", "7:4")]
    [InlineData("(function () { Object.freeze(console); console.x = 1; return Object.isFrozen(console) + ':' + typeof console.log + ':' + console.x; })()", "true:function:undefined")]
    [InlineData("Object.getPrototypeOf(console) === Object.prototype && Object.prototype.toString.call(console)", "[object Object]")]
    [InlineData("Object.getOwnPropertyNames(ui).join()", "text,badge,row,column,panel,button,input,counter,table")]
    [InlineData("ui.text.length + ui.button.length + ':' + JSON.stringify(ui.badge(3))", "3:{\"kind\":\"badge\",\"text\":\"3\"}")]
    [InlineData("(1 / Math.max.length) + ':' + 'x'.charAt.length + ':' + [].push.length + ':' + (-1 / Math.round(-0.4))", "0.5:1:1:Infinity")]
    [InlineData("(function () { Math.max.length = 9; return Math.max.length + ':' + Math.min.length; })()", "2:2")]
    [InlineData("1 / Number.MIN_VALUE > 0 && Number.NaN !== Number.NaN && Math.E.toFixed(3)", "2.718")]
    public void Lazy_and_shared_objects_look_eager(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Console_touched_at_load_before_any_render_still_logs()
    {
        var log = new RecordingLog();
        var sandbox = PluginSandbox.Load(PluginProgram.Parse(With(prelude: "var saved = console; Object.preventExtensions(console);",
            renderBody: "saved.info('hi', 1); return ui.text('x');")), new SandboxOptions { Log = log });
        sandbox.Render("w", null, Global());
        Assert.Equal(["info: hi 1"], log.Lines);
    }

    [Fact]
    public void Ctx_require_is_the_global_require()
    {
        var sandbox = Load("""
            definePlugin(function (ctx) {
              var same = ctx.require === require;
              return { widgets: { w: { render: function () { return ctx.ui.text(String(same)); } } } };
            });
            """);
        Assert.Equal("true", sandbox.Render("w", null, Global())["text"]!.GetValue<string>());
    }

    [Fact]
    public void Sandboxes_do_not_share_mutable_built_ins()
    {
        var a = Load(With(renderBody: "Math.max.foo = 1; Math.PI = 3; Number.prototype.x = 5; return ui.text(String(Math.PI) + Math.max.foo + (1).x);"));
        var b = Load(With(renderBody: "return ui.text(String(Math.PI === 3) + typeof Math.max.foo + (1).x + Math.max.length);"));
        Assert.Equal(Math.PI.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "15", a.Render("w", null, Global())["text"]!.GetValue<string>());
        Assert.Equal("falseundefinedundefined2", b.Render("w", null, Global())["text"]!.GetValue<string>());
    }

    private sealed class RecordingLog : IPluginLog
    {
        public List<string> Lines { get; } = [];
        public void Write(string level, string message) => Lines.Add($"{level}: {message}");
    }
}
