using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

/// <summary>Nothing a script can reach leads to a .NET object, reflection or dynamic code.</summary>
public class HostileEscapeTests
{
    private static string Render(string body) =>
        Load(With(renderBody: body)).Render("w", null, Global())["text"]!.GetValue<string>();

    [Theory]
    [InlineData("typeof importNamespace")]
    [InlineData("typeof System")]
    [InlineData("typeof clr")]
    [InlineData("typeof ui.text.GetType")]
    [InlineData("typeof props.GetType")]
    [InlineData("typeof ui.GetType")]
    [InlineData("typeof props.pluginState.GetType")]
    [InlineData("typeof require.GetType")]
    [InlineData("typeof (function () { return this; })().GetType")]
    public void No_clr_surface_is_visible(string expression) =>
        Assert.Equal("undefined", Render($"return ui.text({expression});"));

    [Theory]
    [InlineData("constructor.constructor('return this')()")]
    [InlineData("(function () {}).constructor('return 1')()")]
    [InlineData("Function('return 1')()")]
    [InlineData("new Function('return 1')")]
    [InlineData("eval('1 + 1')")]
    [InlineData("(0, eval)('1 + 1')")]
    [InlineData("ui.text.constructor('return this')()")]
    [InlineData("Object.getPrototypeOf(function () {}).constructor('return 1')()")]
    public void Dynamic_code_is_refused_with_a_catchable_error(string expression) =>
        // Jint 4.18: DisableStringCompilation makes eval/Function/… throw a catchable TypeError.
        Assert.Equal("TypeError", Render($"try {{ {expression}; return ui.text('ran'); }} catch (e) {{ return ui.text(e.name); }}"));

    [Fact]
    public void Uncaught_dynamic_code_attempt_is_a_runtime_error()
    {
        var sandbox = Load(With(renderBody: "return constructor.constructor('return this')();"));
        var ex = ThrowsWithin(SandboxErrorCodes.PluginRuntimeError, SandboxLimits.Default.RenderTimeout, () => sandbox.Render("w", null, Global()));
        Assert.Contains("String compilation has been disabled", ex.Message);
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void Tampering_with_globals_and_prototypes_does_not_lift_the_time_limit()
    {
        // The limits are engine constraints, not script-visible objects: nothing a script replaces reaches them.
        var sandbox = Load(With(renderBody: """
            var G = (function () { return this; })();
            try { Object.defineProperty(G, '@guard', { get: function () {} }); } catch (e) {}
            try { delete G.Promise; delete G.Reflect; Object.freeze(G); } catch (e) {}
            Function.prototype.call = null; Object.prototype.valueOf = null; Array.prototype.join = null;
            while (true) {}
            """));
        ThrowsTimeoutWithin(SandboxLimits.Default.RenderTimeout, () => sandbox.Render("w", null, Global()));
        AssertStillWorks(sandbox);
    }
}
