using System.Runtime.ExceptionServices;
using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

/// <summary>Calls made from threads with little stack (a thread-pool thread can have 1.5 MiB) stay safe.</summary>
public class SmallStackTests
{
    private static void OnThread(int stackBytes, Action action)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try { action(); }
            catch (Exception ex) { failure = ExceptionDispatchInfo.Capture(ex); }
        }, stackBytes);
        thread.Start();
        thread.Join();
        failure?.Throw();
    }

    [Theory]
    // A thread-pool thread's stack (1.5 MiB): calls run inline on ordinary threads, with no dedicated large-stack thread.
    [InlineData(1536 * 1024)]
    public void Deep_recursion_with_rethrow_at_every_level_is_safe_on_small_stacks(int stackBytes)
    {
        var sandbox = Load(With(renderBody: """
            function f(n) { if (n === 0) { throw new Error('bottom'); } try { return f(n - 1); } catch (e) { throw e; } }
            function g(n) { return n === 0 ? 0 : 1 + g(n - 1); }
            if (props.pluginState.n === 2) { g(100000); }
            return ui.text(String(f(250)));
            """));
        OnThread(stackBytes, () =>
        {
            var ex = TestPlugins.Throws(() => sandbox.Render("w", null, Global()));
            Assert.Equal(SandboxErrorCodes.PluginRuntimeError, ex.Code);
            Assert.Contains("bottom", ex.Message);
            var depth = TestPlugins.Throws(() => sandbox.Render("w", new System.Text.Json.Nodes.JsonObject { ["n"] = 2 }, Global()));
            Assert.Equal("depth", Limit(depth));
            AssertStillWorks(sandbox);
        });
    }

    [Fact]
    public void Deep_getter_recursion_is_safe_on_a_small_stack()
    {
        var sandbox = Load(With(renderBody: "var o = {}; Object.defineProperty(o, 'x', { get: function () { return o.x; } }); return ui.text(String(o.x));"));
        OnThread(512 * 1024, () => Assert.Equal("depth", Limit(TestPlugins.Throws(() => sandbox.Render("w", null, Global())))));
    }
}
