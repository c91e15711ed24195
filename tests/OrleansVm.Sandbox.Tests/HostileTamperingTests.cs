using System.Text.Json.Nodes;
using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

/// <summary>A plugin rewriting built-ins or globals must not change what the host does.</summary>
public class HostileTamperingTests
{
    private const string Tamper = """
        Object.prototype.kind = 'evil';
        Object.defineProperty(Object.prototype, 'value', { set: function () { throw new Error('setter ran'); }, get: function () { return 'evil'; } });
        Array.prototype.push = function () { throw new Error('push'); };
        Array.prototype.map = function () { throw new Error('map'); };
        JSON.stringify = function () { throw new Error('stringify'); };
        JSON.parse = function () { throw new Error('parse'); };
        Object.keys = function () { throw new Error('keys'); };
        Function.prototype.call = function () { throw new Error('call'); };
        Function.prototype.apply = function () { throw new Error('apply'); };
        String = function () { throw new Error('String'); };
        Error = function () { return 42; };
        """;

    [Fact]
    public void Tampered_builtins_do_not_break_render_events_or_reducers()
    {
        var sandbox = Load(Counter.Replace("definePlugin(", Tamper + "\ndefinePlugin("));
        var tree = sandbox.Render("counter", new JsonObject { ["value"] = 5 }, Global());
        Assert.Equal("Counter: 5", tree["children"]![0]!["text"]!.GetValue<string>());
        var result = sandbox.HandleEvent("counter", "increment", null, new JsonObject { ["value"] = 5 }, Global());
        Assert.Equal(6, result.NewState["value"]!.GetValue<int>());
        Assert.Equal(6, result.Intents[1].Payload!["value"]!.GetValue<int>());
    }

    [Fact]
    public void Redefining_definePlugin_after_registering_changes_nothing()
    {
        var sandbox = Load(Counter + "\ndefinePlugin = function () { throw new Error('gone'); }; require = null; console = null;");
        Assert.Equal("Counter", sandbox.Metadata.Title);
        Assert.Equal(1, sandbox.HandleEvent("counter", "increment", null, null, Global()).NewState["value"]!.GetValue<int>());
    }

    [Fact]
    public void Redefining_definePlugin_before_registering_means_the_plugin_did_not_register()
    {
        var ex = TestPlugins.Throws(() => Load("definePlugin = function () {};\n" + Counter));
        Assert.Equal(SandboxErrorCodes.PluginLoadError, ex.Code);
        Assert.Equal("Plugin did not register via definePlugin", ex.Message);
    }

    [Fact]
    public void Object_prototype_setters_do_not_fire_when_the_host_builds_values()
    {
        var sandbox = Load(With(
            prelude: "var hits = 0; Object.defineProperty(Object.prototype, 'pluginState', { set: function () { hits++; }, configurable: true });",
            renderBody: "return ui.text(String(props.pluginState.n) + ':' + hits);"));
        Assert.Equal("7:0", sandbox.Render("w", new JsonObject { ["n"] = 7 }, Global())["text"]!.GetValue<string>());
    }

    [Fact]
    public void Label_toString_and_valueOf_overrides_are_plain_script_code()
    {
        var sandbox = Load(With(renderBody: "var label = { toString: function () { return 'from toString'; }, valueOf: function () { return 1; } }; return ui.button(label, {});"));
        var tree = sandbox.Render("w", null, Global());
        Assert.Equal("from toString", tree["props"]!["label"]!.GetValue<string>());
    }

    [Fact]
    public void A_throwing_toString_on_a_label_is_a_runtime_error()
    {
        var sandbox = Load(With(renderBody: "return ui.text({ toString: function () { throw new Error('no string'); } });"));
        var ex = ThrowsWithin(SandboxErrorCodes.PluginRuntimeError, SandboxLimits.Default.RenderTimeout, () => sandbox.Render("w", null, Global()));
        Assert.Contains("no string", ex.Message);
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Getters_that_throw_during_host_conversion_are_runtime_errors()
    {
        var sandbox = Load(With(renderBody: "var node = { kind: 'text' }; Object.defineProperty(node, 'text', { enumerable: true, get: function () { throw new Error('getter boom'); } }); return node;"));
        var ex = ThrowsWithin(SandboxErrorCodes.PluginRuntimeError, SandboxLimits.Default.RenderTimeout, () => sandbox.Render("w", null, Global()));
        Assert.Contains("getter boom", ex.Message);
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Getters_on_a_reducer_state_are_read_once_into_plain_json()
    {
        var sandbox = Load(With(handlerBody: "h.dispatchPluginAction('g');").Replace(
            "reducers: { inc:", "reducers: { g: function (s) { var n = 0; var o = {}; Object.defineProperty(o, 'n', { enumerable: true, get: function () { return ++n; } }); return o; }, inc:"));
        var result = sandbox.HandleEvent("w", "h", null, null, Global());
        Assert.Equal(1, result.NewState["n"]!.GetValue<int>());
    }

    [Fact]
    public void Getters_on_a_payload_that_loop_forever_time_out()
    {
        var sandbox = Load(With(handlerBody: "var p = {}; Object.defineProperty(p, 'x', { enumerable: true, get: function () { while (true) {} } }); h.dispatchPluginAction('inc', p);"));
        ThrowsTimeoutWithin(SandboxLimits.Default.EventTimeout, () => sandbox.HandleEvent("w", "h", null, null, Global()));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void A_payload_getter_that_throws_is_a_runtime_error_and_nothing_is_dispatched()
    {
        var sandbox = Load(With(handlerBody: "h.dispatchPluginAction('inc'); var p = {}; Object.defineProperty(p, 'x', { enumerable: true, get: function () { throw new Error('trap'); } }); h.dispatchSharedAction('d', 'a', p);"));
        var ex = ThrowsWithin(SandboxErrorCodes.PluginRuntimeError, SandboxLimits.Default.EventTimeout, () => sandbox.HandleEvent("w", "h", null, null, Global()));
        Assert.Contains("trap", ex.Message);
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Huge_property_keys_count_toward_the_state_limit()
    {
        var sandbox = Load(With(handlerBody: "var k = 'k'; for (var i = 0; i < 17; i++) k += k; var p = {}; p[k] = 1; h.dispatchPluginAction('state/replace', p);"));
        var ex = ThrowsWithin(SandboxErrorCodes.IntentInvalid, SandboxLimits.Default.EventTimeout, () => sandbox.HandleEvent("w", "h", null, null, Global()));
        Assert.Contains("payload", ex.Message);
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Mutating_the_received_state_copies_changes_nothing()
    {
        var sandbox = Load(With(handlerBody: "h.pluginState.n = 1000; h.globalState.self.instanceId = 'x';"));
        var state = new JsonObject { ["n"] = 3 };
        var global = Global();
        var result = sandbox.HandleEvent("w", "h", null, state, global);
        Assert.Equal(3, result.NewState["n"]!.GetValue<int>());
        Assert.Equal(3, state["n"]!.GetValue<int>());
        Assert.Equal("i1", global["self"]!["instanceId"]!.GetValue<string>());
    }

    [Fact]
    public void Regex_literal_objects_are_not_shared_between_sandboxes_of_one_program()
    {
        var program = PluginProgram.Parse(With(renderBody: "var r = /x/; var before = r.mark || 'none'; r.mark = 'set'; return ui.text(before);"));
        var first = PluginSandbox.Load(program);
        var second = PluginSandbox.Load(program);
        Assert.Equal("none", first.Render("w", null, Global())["text"]!.GetValue<string>());
        Assert.Equal("none", second.Render("w", null, Global())["text"]!.GetValue<string>());
        Assert.Equal("none", first.Render("w", null, Global())["text"]!.GetValue<string>());
    }

    [Fact]
    public void Global_variables_of_one_sandbox_are_invisible_to_another()
    {
        var program = PluginProgram.Parse(With(renderBody: "var G = (function () { return this; })(); var seen = (G.secret || 'none') + ({}).leak; G.secret = 'leaked'; Object.prototype.leak = 1; return ui.text(seen);"));
        var first = PluginSandbox.Load(program);
        var second = PluginSandbox.Load(program);
        Assert.Equal("noneundefined", first.Render("w", null, Global())["text"]!.GetValue<string>());
        Assert.Equal("noneundefined", second.Render("w", null, Global())["text"]!.GetValue<string>());
        Assert.Equal("leaked1", first.Render("w", null, Global())["text"]!.GetValue<string>());
    }
}
