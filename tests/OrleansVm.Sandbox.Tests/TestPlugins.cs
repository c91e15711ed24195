using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox.Tests;

/// <summary>Plugin sources and helpers shared by the tests.</summary>
internal static class TestPlugins
{
    public const string Counter = """
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          return {
            id: 'counter',
            title: 'Counter',
            description: 'Counts clicks',
            initialState: { value: 0 },
            reducers: {
              increment: function (state) { return { value: state.value + 1 }; },
              add: function (state, payload) { return { value: state.value + payload.by }; },
              reset: function () { return { value: 0 }; }
            },
            widgets: {
              counter: {
                render: function (props) {
                  return ui.panel([
                    ui.text('Counter: ' + props.pluginState.value),
                    ui.button('Increment', { onClick: { handler: 'increment' } })
                  ]);
                },
                handlers: {
                  increment: function (h, args) {
                    h.dispatchPluginAction('increment');
                    h.dispatchSharedAction('counter-summary', 'set-instance', { value: h.pluginState.value + 1 });
                  }
                }
              }
            }
          };
        });
        """;

    /// <summary>A plugin whose widget "w" renders <paramref name="renderBody"/> and whose handler "h" runs <paramref name="handlerBody"/>.</summary>
    public static string With(string renderBody = "return ui.text('ok');", string handlerBody = "", string prelude = "", string extra = "") => $$"""
        {{prelude}}
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          return {
            title: 'T',
            initialState: { n: 0 },
            reducers: { inc: function (s) { return { n: s.n + 1 }; } },
            {{extra}}
            widgets: {
              w: {
                render: function (props) { if (props.pluginState.n === 1) { return ui.text('ok'); } {{renderBody}} },
                handlers: { h: function (h, args) { {{handlerBody}} }, ok: function (h) { h.dispatchPluginAction('inc'); } }
              }
            }
          };
        });
        """;

    public static JsonObject Global() => new()
    {
        ["self"] = new JsonObject { ["instanceId"] = "i1", ["packageId"] = "p1", ["workspaceId"] = "ws" },
        ["shared"] = new JsonObject(),
    };

    public static PluginSandbox Load(string code, SandboxOptions? options = null) =>
        PluginSandbox.Load(PluginProgram.Parse(code), options);

    public static SandboxException Throws(Action action)
    {
        var ex = Assert.Throws<SandboxException>(action);
        Assert.False(string.IsNullOrEmpty(ex.Message));
        return ex;
    }

    /// <summary>
    /// Bound on how long a stopped call may take, in wall time. The sandbox bills CPU time, not wall time, so
    /// on a saturated box (load 20+ on 2 cores) a call stopped at its limit saw up to 11 s of wall time; the
    /// bound only has to tell "stopped" from "hung", so it is generous. Quiet-machine figures are in the benchmarks.
    /// </summary>
    private static readonly TimeSpan StoppedCallMargin = TimeSpan.FromSeconds(20);

    /// <summary>Asserts the call fails with <paramref name="code"/> within <paramref name="limit"/> plus <see cref="StoppedCallMargin"/>.</summary>
    public static SandboxException ThrowsWithin(string code, TimeSpan limit, Action action)
    {
        var watch = Stopwatch.StartNew();
        var ex = Throws(action);
        watch.Stop();
        Assert.True(code == ex.Code, $"expected {code} but got {ex.Code}: {ex.Message}");
        Assert.True(watch.Elapsed < limit + StoppedCallMargin, $"took {watch.Elapsed}");
        return ex;
    }

    /// <summary>Either the time or the memory limit (for sandboxes whose memory meter is not under test).</summary>
    public static SandboxException ThrowsTimeoutOrMemoryWithin(TimeSpan limit, Action action)
    {
        var watch = Stopwatch.StartNew();
        var ex = Throws(action);
        watch.Stop();
        Assert.True(ex.Code == SandboxErrorCodes.RuntimeTimeout || (ex.Code == SandboxErrorCodes.LimitExceeded && Limit(ex) == "memory"),
            $"{ex.Code}: {ex.Message}");
        Assert.True(watch.Elapsed < limit + StoppedCallMargin, $"took {watch.Elapsed}");
        return ex;
    }

    /// <summary>A busy loop that keeps nothing must end by its time limit, not by Jint's garbage counting as memory.</summary>
    public static SandboxException ThrowsTimeoutWithin(TimeSpan limit, Action action) =>
        ThrowsWithin(SandboxErrorCodes.RuntimeTimeout, limit, action);

    public static string Limit(SandboxException ex) => ex.Details?["limit"]?.GetValue<string>() ?? "";

    /// <summary>The sandbox still renders and handles events normally.</summary>
    public static void AssertStillWorks(PluginSandbox sandbox)
    {
        var tree = sandbox.Render("w", new JsonObject { ["n"] = 1 }, Global());
        Assert.Equal("text", tree["kind"]!.GetValue<string>());
        var result = sandbox.HandleEvent("w", "ok", null, new JsonObject { ["n"] = 41 }, Global());
        Assert.Equal(42, result.NewState["n"]!.GetValue<int>());
    }
}
