using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

public class ThrowTests
{
    private static SandboxException RenderThrowing(string throwStatement)
    {
        var sandbox = Load(With(renderBody: throwStatement));
        var ex = ThrowsWithin(SandboxErrorCodes.PluginRuntimeError, SandboxLimits.Default.RenderTimeout, () => sandbox.Render("w", null, Global()));
        AssertStillWorks(sandbox);
        return ex;
    }

    [Theory]
    [InlineData("throw null;", "null", "null")]
    [InlineData("throw undefined;", "undefined", "undefined")]
    [InlineData("throw 'plain string';", "plain string", "string")]
    [InlineData("throw 42;", "42", "number")]
    [InlineData("throw { message: 'shaped like an error' };", "shaped like an error", "object")]
    [InlineData("throw { code: 1 };", "Uncaught [object Object]", "object")]
    [InlineData("throw new RangeError('out of range');", "RangeError: out of range", "error")]
    [InlineData("throw [1, 2];", "Uncaught [object Object]", "object")]
    public void Any_thrown_value_maps_to_a_runtime_error(string statement, string message, string thrown)
    {
        var ex = RenderThrowing(statement);
        Assert.Equal(message, ex.Message);
        Assert.Equal(thrown, ex.Details!["thrown"]!.GetValue<string>());
    }

    [Fact]
    public void A_thrown_object_with_a_looping_message_getter_is_still_bounded()
    {
        // Jint itself reads "message" when the exception crosses a function boundary.
        var sandbox = Load(With(renderBody: "var e = {}; Object.defineProperty(e, 'message', { get: function () { while (true) {} } }); throw e;"));
        ThrowsTimeoutWithin(SandboxLimits.Default.RenderTimeout, () => sandbox.Render("w", null, Global()));
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void A_thrown_object_with_a_throwing_message_getter_is_a_runtime_error()
    {
        var ex = RenderThrowing("var e = {}; Object.defineProperty(e, 'message', { get: function () { throw 'inner'; } }); throw e;");
        Assert.False(string.IsNullOrEmpty(ex.Message));
    }

    [Fact]
    public void Engine_errors_carry_the_line()
    {
        var sandbox = Load("definePlugin(function (ctx) {\n  return { widgets: { w: { render: function () {\n    return undefined.boom;\n  } } } };\n});");
        var ex = ThrowsWithin(SandboxErrorCodes.PluginRuntimeError, SandboxLimits.Default.RenderTimeout, () => sandbox.Render("w", null, Global()));
        Assert.StartsWith("TypeError", ex.Message);
        Assert.Equal(3, ex.Details!["line"]!.GetValue<int>());
    }

    [Fact]
    public void Errors_caught_by_the_script_are_not_reported()
    {
        var sandbox = Load(With(renderBody: "try { throw null; } catch (e) { return ui.text('caught ' + e); }"));
        Assert.Equal("caught null", sandbox.Render("w", null, Global())["text"]!.GetValue<string>());
    }
}
