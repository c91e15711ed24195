using System.Text.Json.Nodes;
using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

public class EventTests
{
    private static EventResult Event(string handlerBody, JsonNode? state = null, JsonNode? args = null, string extraReducers = "") =>
        Load(With(handlerBody: handlerBody).Replace("reducers: {", "reducers: {" + extraReducers))
            .HandleEvent("w", "h", args, state, Global());

    private static SandboxException EventFails(string handlerBody, string code, string extraReducers = "")
    {
        var sandbox = Load(With(handlerBody: handlerBody).Replace("reducers: {", "reducers: {" + extraReducers));
        var ex = ThrowsWithin(code, SandboxLimits.Default.EventTimeout, () => sandbox.HandleEvent("w", "h", null, new JsonObject { ["n"] = 5 }, Global()));
        AssertStillWorks(sandbox);
        return ex;
    }

    [Fact]
    public void Intents_are_returned_in_order_and_plugin_ones_run_through_reducers()
    {
        var result = Event("h.dispatchSharedAction('counter-summary', 'set-instance', { value: 1 }); h.dispatchPluginAction('inc'); h.dispatchPluginAction('inc'); h.dispatchPluginAction('unknown', 7);",
            new JsonObject { ["n"] = 1 });
        Assert.Equal(["shared", "plugin", "plugin", "plugin"], result.Intents.Select(i => i.Scope));
        Assert.Equal("counter-summary", result.Intents[0].Domain);
        Assert.Equal(1, result.Intents[0].Payload!["value"]!.GetValue<int>());
        Assert.Equal(3, result.NewState["n"]!.GetValue<int>());
        Assert.Equal(3, result.LocalResults.Count);
        Assert.Equal(LocalActionResult.Applied, result.LocalResults[0].Outcome);
        Assert.Equal(LocalActionResult.Ignored, result.LocalResults[2].Outcome);
        Assert.Equal(LocalActionResult.NoLocalReducerMatch, result.LocalResults[2].Reason);
        Assert.Equal(7, result.LocalResults[2].Intent.Payload!.GetValue<int>());
    }

    [Fact]
    public void Handler_receives_args_and_state_copies()
    {
        var result = Event("h.dispatchPluginAction('state/replace', { got: args.value, n: h.pluginState.n, ws: h.globalState.self.workspaceId });",
            new JsonObject { ["n"] = 4 }, new JsonObject { ["value"] = "typed" });
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["got"] = "typed", ["n"] = 4, ["ws"] = "ws" }, result.NewState));
    }

    [Fact]
    public void Builtin_state_replace_and_merge()
    {
        var result = Event("h.dispatchPluginAction('state/merge', { b: 2 }); h.dispatchPluginAction('state/merge', { a: 3 });",
            new JsonObject { ["a"] = 1 });
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["a"] = 3, ["b"] = 2 }, result.NewState));
        Assert.True(JsonNode.DeepEquals(new JsonObject(), Event("h.dispatchPluginAction('state/replace');", new JsonObject { ["a"] = 1 }).NewState));
    }

    [Fact]
    public void State_merge_needs_a_plain_object() =>
        EventFails("h.dispatchPluginAction('state/merge', [1]);", SandboxErrorCodes.IntentInvalid);

    [Fact]
    public void Inherited_names_are_not_reducers()
    {
        var result = Event("h.dispatchPluginAction('toString'); h.dispatchPluginAction('hasOwnProperty');", new JsonObject { ["n"] = 1 });
        Assert.All(result.LocalResults, r => Assert.Equal(LocalActionResult.Ignored, r.Outcome));
        Assert.Equal(1, result.NewState["n"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("h.dispatchPluginAction('');")]
    [InlineData("h.dispatchPluginAction(5);")]
    [InlineData("h.dispatchPluginAction();")]
    [InlineData("h.dispatchPluginAction(new Array(130).join('a'));")]
    [InlineData("h.dispatchSharedAction('', 'set');")]
    [InlineData("h.dispatchSharedAction(null, 'set');")]
    [InlineData("var p = {}; p.self = p; h.dispatchPluginAction('inc', p);")]
    public void Invalid_intents_are_refused(string handlerBody) =>
        EventFails(handlerBody, SandboxErrorCodes.IntentInvalid);

    [Fact]
    public void Invalid_intents_cannot_be_swallowed_by_the_script() =>
        EventFails("try { h.dispatchPluginAction(''); } catch (e) {} h.dispatchPluginAction('inc');", SandboxErrorCodes.IntentInvalid);

    [Fact]
    public void Payload_is_a_snapshot_taken_at_dispatch()
    {
        var result = Event("var p = { v: 1 }; h.dispatchPluginAction('state/replace', p); p.v = 2;");
        Assert.Equal(1, result.NewState["v"]!.GetValue<int>());
    }

    [Fact]
    public void More_than_the_intent_limit_is_refused()
    {
        var ex = EventFails("for (var i = 0; i < 65; i++) h.dispatchPluginAction('inc');", SandboxErrorCodes.LimitExceeded);
        Assert.Equal("intents", Limit(ex));
    }

    [Fact]
    public void Exactly_the_intent_limit_is_accepted() =>
        Assert.Equal(64, Event("for (var i = 0; i < 64; i++) h.dispatchPluginAction('inc');", new JsonObject { ["n"] = 0 }).NewState["n"]!.GetValue<int>());

    [Fact]
    public void Args_over_the_limit_are_refused()
    {
        var sandbox = Load(With());
        var ex = TestPlugins.Throws(() => sandbox.HandleEvent("w", "ok", new JsonObject { ["s"] = new string('x', 17 * 1024) }, null, Global()));
        Assert.Equal("argsSize", Limit(ex));
    }

    [Fact]
    public void New_state_over_the_limit_is_refused()
    {
        var ex = EventFails("var s = 'x'; for (var i = 0; i < 15; i++) s += s; h.dispatchPluginAction('big', s);", SandboxErrorCodes.LimitExceeded,
            "big: function (s, p) { return { s: p + p }; },");
        Assert.Equal("stateSize", Limit(ex));
    }

    [Fact]
    public void A_reducer_returning_a_cyclic_state_fails()
    {
        var ex = EventFails("h.dispatchPluginAction('cyc');", SandboxErrorCodes.PluginRuntimeError,
            "cyc: function (s) { var o = { a: {} }; o.a.b = o; return o; },");
        Assert.Contains("state.a.b is cyclic", ex.Message);
    }

    [Fact]
    public void A_reducer_returning_nothing_fails() =>
        EventFails("h.dispatchPluginAction('none');", SandboxErrorCodes.PluginRuntimeError, "none: function (s) { },");

    [Fact]
    public void A_failing_reducer_makes_the_whole_event_change_nothing()
    {
        var sandbox = Load(With(handlerBody: "h.dispatchSharedAction('d', 'a'); h.dispatchPluginAction('inc'); h.dispatchPluginAction('boom');")
            .Replace("reducers: {", "reducers: { boom: function () { throw new Error('reducer failed'); },"));
        var state = new JsonObject { ["n"] = 1 };
        var kv = new JsonObject { ["k"] = 1 };
        var ex = TestPlugins.Throws(() => sandbox.HandleEvent("w", "h", null, state, Global(), kv));
        Assert.Equal(SandboxErrorCodes.PluginRuntimeError, ex.Code);
        Assert.Contains("reducer failed", ex.Message);
        Assert.Equal(1, state["n"]!.GetValue<int>());
        Assert.Equal(1, kv["k"]!.GetValue<int>());
    }

    [Fact]
    public void Unknown_widget_and_handler_are_refused()
    {
        var sandbox = Load(With());
        Assert.Equal(SandboxErrorCodes.WidgetNotFound, TestPlugins.Throws(() => sandbox.HandleEvent("x", "h", null, null, Global())).Code);
        Assert.Equal(SandboxErrorCodes.HandlerNotFound, TestPlugins.Throws(() => sandbox.HandleEvent("w", "missing", null, null, Global())).Code);
        Assert.Equal(SandboxErrorCodes.HandlerNotFound, TestPlugins.Throws(() => sandbox.HandleEvent("w", "toString", null, null, Global())).Code);
    }

    [Fact]
    public void The_handler_return_value_is_ignored()
    {
        var result = Event("h.dispatchPluginAction('inc'); return [{ scope: 'shared', actionType: 'x', domain: 'd' }];", new JsonObject { ["n"] = 0 });
        Assert.Single(result.Intents);
    }
}
