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
        ThrowsTimeoutOrMemoryWithin(Limits.LoadTimeout, () => PluginSandbox.Load(program));
        var healthy = PluginProgram.Parse(With());
        AssertStillWorks(PluginSandbox.Load(healthy));
    }

    [Fact]
    public void Infinite_loop_at_load_with_room_in_memory_times_out()
    {
        var options = new SandboxOptions { Limits = SandboxLimits.Default with { MaxMemoryBytes = 1L << 40 } };
        var program = PluginProgram.Parse(With(prelude: "while (true) {}"));
        ThrowsWithin(SandboxErrorCodes.RuntimeTimeout, Limits.LoadTimeout, () => PluginSandbox.Load(program, options));
    }

    [Fact]
    public void Infinite_loop_in_render_times_out_and_the_sandbox_keeps_working()
    {
        var sandbox = Load(With(renderBody: "if (props.pluginState.n === 0) { while (true) {} } return ui.text('ok');"));
        ThrowsTimeoutOrMemoryWithin(Limits.RenderTimeout, () => sandbox.Render("w", new JsonObject { ["n"] = 0 }, Global()));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Infinite_loop_in_handler_times_out_and_the_sandbox_keeps_working()
    {
        var sandbox = Load(With(handlerBody: "for (;;) {}"));
        ThrowsTimeoutOrMemoryWithin(Limits.EventTimeout, () => sandbox.HandleEvent("w", "h", null, null, Global()));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Infinite_loop_in_a_reducer_times_out()
    {
        var sandbox = Load(With(handlerBody: "h.dispatchPluginAction('spin');", extra: "x: 1,").Replace(
            "reducers: { inc:", "reducers: { spin: function (s) { do {} while (true); }, inc:"));
        ThrowsTimeoutOrMemoryWithin(Limits.EventTimeout, () => sandbox.HandleEvent("w", "h", null, null, Global()));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Each_call_gets_a_fresh_time_budget()
    {
        // 150 ms of work per render under a 400 ms limit: three renders exceed one budget but
        // never their own (the slack absorbs scheduling stalls on a loaded machine).
        var options = new SandboxOptions { Limits = SandboxLimits.Default with { RenderTimeout = TimeSpan.FromMilliseconds(400), MaxMemoryBytes = 1L << 40 } };
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
        ThrowsTimeoutOrMemoryWithin(Limits.EventTimeout, () => sandbox.HandleEvent("w", "h", null, null, Global()));
        AssertStillWorks(sandbox);
    }

    [Theory]
    [InlineData("render")]
    [InlineData("event")]
    public void Busy_loops_with_room_in_memory_end_as_timeouts(string call)
    {
        var sandbox = Load(With(renderBody: "while (true) {}", handlerBody: "while (true) {}"),
            new SandboxOptions { Limits = SandboxLimits.Default with { MaxMemoryBytes = 1L << 40 } });
        ThrowsWithin(SandboxErrorCodes.RuntimeTimeout, Limits.RenderTimeout, () =>
        {
            if (call == "render") sandbox.Render("w", null, Global());
            else sandbox.HandleEvent("w", "h", null, null, Global());
        });
        AssertStillWorks(sandbox);
    }
}
