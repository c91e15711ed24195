using System.Text.Json.Nodes;
using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

public class HostileLoopTests
{
    private static readonly SandboxLimits Limits = SandboxLimits.Default;

    [Fact]
    public void Infinite_loop_at_load_times_out_and_a_fresh_sandbox_of_the_same_program_works()
    {
        var program = PluginProgram.Parse(With(prelude: "var started = true; if (started) { while (true) {} }"));
        ThrowsTimeoutWithin(Limits.LoadTimeout, () => PluginSandbox.Load(program));
        var healthy = PluginProgram.Parse(With());
        AssertStillWorks(PluginSandbox.Load(healthy));
    }

    [Fact]
    public void Infinite_loop_in_the_factory_at_load_times_out()
    {
        var program = PluginProgram.Parse(With().Replace("var ui = ctx.ui;", "var ui = ctx.ui; for (var i = 0; ; i++) {}"));
        ThrowsTimeoutWithin(Limits.LoadTimeout, () => PluginSandbox.Load(program));
    }

    [Fact]
    public void Infinite_loop_in_render_times_out_and_the_sandbox_keeps_working()
    {
        var sandbox = Load(With(renderBody: "if (props.pluginState.n === 0) { while (true) {} } return ui.text('ok');"));
        ThrowsTimeoutWithin(Limits.RenderTimeout, () => sandbox.Render("w", new JsonObject { ["n"] = 0 }, Global()));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Infinite_loop_in_handler_times_out_and_the_sandbox_keeps_working()
    {
        var sandbox = Load(With(handlerBody: "for (;;) {}"));
        ThrowsTimeoutWithin(Limits.EventTimeout, () => sandbox.HandleEvent("w", "h", null, null, Global()));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Infinite_loop_in_a_reducer_times_out()
    {
        var sandbox = Load(With(handlerBody: "h.dispatchPluginAction('spin');", extra: "x: 1,").Replace(
            "reducers: { inc:", "reducers: { spin: function (s) { do {} while (true); }, inc:"));
        ThrowsTimeoutWithin(Limits.EventTimeout, () => sandbox.HandleEvent("w", "h", null, null, Global()));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Each_call_gets_a_fresh_time_budget()
    {
        // 150 ms of work per render under a 400 ms limit: three renders exceed one budget but
        // never their own (the slack absorbs scheduling stalls on a loaded machine).
        var options = new SandboxOptions { Limits = SandboxLimits.Default with { RenderTimeout = TimeSpan.FromMilliseconds(400) } };
        var sandbox = Load(With(renderBody: "var end = Date.now() + 150; while (Date.now() < end) {} return ui.text('ok');"), options);
        for (var i = 0; i < 3; i++)
            Assert.Equal("text", sandbox.Render("w", null, Global())["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Catastrophic_regex_backtracking_times_out()
    {
        var sandbox = Load(With(renderBody: "var s = ''; for (var i = 0; i < 40; i++) s += 'a'; /(a+)+$/.test(s + '!'); return ui.text('ok');"));
        ThrowsWithin(SandboxErrorCodes.RuntimeTimeout, Limits.RenderTimeout, () => sandbox.Render("w", null, Global()));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Catastrophic_regex_through_new_RegExp_and_string_match_times_out()
    {
        var sandbox = Load(With(handlerBody: "var s = ''; for (var i = 0; i < 40; i++) s += 'a'; (s + '!').match('(a+)+$'); new RegExp('(a|aa)+$').exec(s + '!');"));
        ThrowsWithin(SandboxErrorCodes.RuntimeTimeout, Limits.EventTimeout, () => sandbox.HandleEvent("w", "h", null, null, Global()));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Script_cannot_catch_a_timeout()
    {
        var sandbox = Load(With(handlerBody: "for (var i = 0; i < 1000000000; i++) { try { while (true) {} } catch (e) {} } h.dispatchPluginAction('inc');"));
        ThrowsTimeoutWithin(Limits.EventTimeout, () => sandbox.HandleEvent("w", "h", null, null, Global()));
        AssertStillWorks(sandbox);
    }

    [Theory]
    [InlineData("render")]
    [InlineData("event")]
    public void Busy_loops_that_call_functions_and_natives_end_as_timeouts(string call)
    {
        const string body = "var o = { a: [1, 'x'] }; function f(x) { return x + 1; } var n = 0; while (true) { n = f(n) % 7; JSON.stringify(o); Math.floor(n / 2); }";
        var sandbox = Load(With(renderBody: body, handlerBody: body));
        // The limit is memory *allocated* in the call: a fast core can allocate 32 MiB of stringify
        // results before 100 ms pass, so either limit may end it first.
        ThrowsTimeoutOrMemoryWithin(Limits.RenderTimeout, () =>
        {
            if (call == "render") sandbox.Render("w", null, Global());
            else sandbox.HandleEvent("w", "h", null, null, Global());
        });
        AssertStillWorks(sandbox);
    }
}
