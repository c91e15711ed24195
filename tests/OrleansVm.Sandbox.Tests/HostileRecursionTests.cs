using System.Text;
using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

public class HostileRecursionTests
{
    private static readonly TimeSpan Render = SandboxLimits.Default.RenderTimeout;

    private static void AssertDepth(string renderBody, string prelude = "")
    {
        // A generous time limit: these scripts build large inputs, and depth is what must stop them.
        var options = new SandboxOptions { Limits = SandboxLimits.Default with { RenderTimeout = TimeSpan.FromSeconds(3) } };
        var sandbox = Load(With(renderBody: renderBody, prelude: prelude), options);
        var ex = ThrowsWithin(SandboxErrorCodes.LimitExceeded, options.Limits.RenderTimeout, () => sandbox.Render("w", null, Global()));
        Assert.Equal("depth", Limit(ex));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Direct_recursion_100000_deep_hits_the_depth_limit() =>
        AssertDepth("function f(n) { return n === 0 ? 0 : 1 + f(n - 1); } return ui.text(String(f(100000)));");

    [Fact]
    public void Mutual_recursion_100000_deep_hits_the_depth_limit() =>
        AssertDepth("function a(n) { return n === 0 ? 0 : b(n - 1); } function b(n) { return n === 0 ? 0 : a(n - 1); } return ui.text(String(a(100000)));");

    [Fact]
    public void Depth_limit_counts_all_functions_not_each_function()
    {
        // 8 distinct functions calling each other 40 levels each: 320 > 256 in total, 40 per function.
        var chain = new StringBuilder();
        for (var i = 0; i < 8; i++)
            chain.Append($"function f{i}(n) {{ return n === 0 ? {(i == 7 ? "0" : $"f{i + 1}(40)")} : 1 + f{i}(n - 1); }} ");
        AssertDepth(chain + "return ui.text(String(f0(40)));");
    }

    [Fact]
    public void The_call_depth_count_starts_from_zero_on_every_call()
    {
        // Jint leaves its call stack pushed when an exception unwinds it; each call must start clean.
        var sandbox = Load(With(renderBody: "function f(n) { return n === 0 ? 0 : 1 + f(n - 1); } return ui.text(String(f(props.pluginState.depth)));"));
        for (var i = 0; i < 3; i++)
        {
            var ex = TestPlugins.Throws(() => sandbox.Render("w", new System.Text.Json.Nodes.JsonObject { ["depth"] = 100000 }, Global()));
            Assert.Equal("depth", Limit(ex));
            var tree = sandbox.Render("w", new System.Text.Json.Nodes.JsonObject { ["depth"] = 200 }, Global());
            Assert.Equal("200", tree["text"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Moderate_recursion_under_the_limit_works()
    {
        var sandbox = Load(With(renderBody: "function f(n) { return n === 0 ? 0 : 1 + f(n - 1); } return ui.text(String(f(200)));"));
        Assert.Equal("200", sandbox.Render("w", null, Global())["text"]!.GetValue<string>());
    }

    [Fact]
    public void Recursion_through_new_is_stopped() =>
        AssertDepth("function F() { new F(); } new F(); return ui.text('x');");

    [Fact]
    public void Recursion_through_getters_is_stopped() =>
        AssertDepth("var o = {}; Object.defineProperty(o, 'x', { get: function () { return o.x; } }); return ui.text(String(o.x));");

    [Fact]
    public void Recursion_through_toString_is_stopped() =>
        AssertDepth("var o = { toString: function () { return 'a' + o; } }; return ui.text(String(o));");

    [Fact]
    public void Native_only_recursion_through_toLocaleString_is_stopped() =>
        AssertDepth("var o = {}; o.toString = Object.prototype.toLocaleString; return ui.text(String(o));");

    [Fact]
    public void Native_only_recursion_through_string_methods_is_stopped() =>
        AssertDepth("var o = {}; o.toString = String.prototype.trim; return ui.text(String(o));");

    [Fact]
    public void Native_only_recursion_through_bound_functions_is_stopped() =>
        AssertDepth("var o = {}; o.toString = String.bind(null, o); return ui.text(String(o));");

    [Theory]
    [InlineData("var o = {}; Object.defineProperty(o, 'length', { get: Array.prototype.pop }); Array.prototype.pop.call(o);")]
    [InlineData("var e = new Error('x'); e.name = e; e.toString = Error.prototype.toString; String(e);")]
    [InlineData("var o = {}; o.toISOString = Date.prototype.toJSON; o.toISOString();")]
    [InlineData("var o = {}; o.valueOf = Number.bind(null, o); +o;")]
    [InlineData("var o = {}; o.valueOf = Math.max.bind(null, o); +o;")]
    [InlineData("var o = {}; o.toString = String.bind(null, o); String(o);")]
    [InlineData("var o = {}; o.toString = ui.text.bind(null, o); String(o);")]
    [InlineData("var o = {}; o.toString = JSON.stringify.bind(null, { toJSON: function () { return String(o); } }); String(o);")]
    [InlineData("var o = {}; o.toString = String.prototype.trim; String(o);")]
    [InlineData("var o = {}; Object.defineProperty(o, 'global', { get: Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get }); o.global;")]
    [InlineData("var o = {}; o.next = Iterator.prototype.toArray; o.next();")]
    [InlineData("var o = {}; o.exec = RegExp.prototype[Symbol.replace]; RegExp.prototype[Symbol.replace].call(o, 'x');")]
    [InlineData("var o = {}; o.toISOString = Date.prototype.toJSON; JSON.stringify({ d: o });")]
    [InlineData("var o = {}; o.valueOf = Object.prototype.toLocaleString; o.toString = Object.prototype.toLocaleString; o + 1;")]
    [InlineData("var o = {}; o.toString = Function.prototype.call.bind(Object.prototype.toLocaleString, o); String(o);")]
    [InlineData("var o = {}; o.valueOf = isNaN.bind(null, o); o.toString = o.valueOf; isNaN(o);")]
    [InlineData("var o = { length: 1 }; o[0] = o; o.toString = Array.prototype.join; String(o);")]
    [InlineData("var o = {}; o.toString = String.prototype.localeCompare; o.localeCompare = o.toString; String(o);")]
    [InlineData("var o = {}; o.toString = [].sort; o.length = 2; o[0] = o; o[1] = o; String(o);")]
    public void Native_only_cycles_are_stopped(string script) =>
        AssertDepthOrError(script + " return ui.text('x');");

    private static void AssertDepthOrError(string renderBody)
    {
        var sandbox = Load(With(renderBody: renderBody));
        // The depth limit, a TypeError from the engine, or (4.18 detects some cycles, e.g. in join) a result; never a crash.
        if (Record.Exception(() => sandbox.Render("w", null, Global())) is { } thrown)
        {
            var ex = Assert.IsType<SandboxException>(thrown);
            Assert.True(Limit(ex) == "depth" || ex.Code == SandboxErrorCodes.PluginRuntimeError, $"{ex.Code}: {ex.Message}");
        }
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Recursion_through_array_callbacks_is_stopped() =>
        AssertDepth("function f() { [1].forEach(f); } f(); return ui.text('x');");

    [Fact]
    public void Joining_a_cyclic_or_deeply_nested_array_is_stopped() =>
        // 4.18 joins a cyclic array as browsers do (the cycle becomes ''); deep nesting is the depth limit.
        Assert.Equal("", Load(With(renderBody: "var a = []; a[0] = a; return ui.text(a.join());")).Render("w", null, Global())["text"]!.GetValue<string>());

    [Fact]
    public void Joining_a_deeply_nested_array_is_stopped() =>
        AssertDepth("var b = []; for (var i = 0; i < 3000; i++) b = [b]; return ui.text(b.join());");

    [Fact]
    public void Recursion_through_arguments_callee_is_stopped() =>
        AssertDepth("return ui.text(String((function (n) { return arguments.callee(n + 1); })(0)));");

    [Fact]
    public void JSON_parse_of_deeply_nested_text_is_stopped()
    {
        // Jint's MaxJsonParseDepth (set to the depth limit) makes it a catchable SyntaxError.
        var sandbox = Load(With(renderBody: "var s = '['; for (var i = 0; i < 17; i++) s += s; return ui.text(String(JSON.parse(s)));"));
        var ex = ThrowsWithin(SandboxErrorCodes.PluginRuntimeError, TimeSpan.FromSeconds(2), () => sandbox.Render("w", null, Global()));
        Assert.Contains("depth", ex.Message);
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void JSON_stringify_of_deeply_nested_object_is_stopped() =>
        AssertDepth("var o = {}; for (var i = 0; i < 100000; i++) o = { o: o }; return ui.text(JSON.stringify(o));");

    [Fact]
    public void Recursion_caught_by_the_script_still_ends_the_call()
    {
        var sandbox = Load(With(renderBody: "function f() { try { f(); } catch (e) { f(); } } f(); return ui.text('x');"));
        var ex = ThrowsWithin(SandboxErrorCodes.LimitExceeded, Render, () => sandbox.Render("w", null, Global()));
        Assert.Equal("depth", Limit(ex));
    }
}
