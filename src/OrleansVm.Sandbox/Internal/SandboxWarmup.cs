using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// The first run of Jint's interpreter paths is JIT-compiled, which alone can take longer than
/// a 100 ms render budget. One representative plugin is run once per process, with generous
/// limits, before any real sandbox starts counting.
/// </summary>
internal static class SandboxWarmup
{
    private static readonly Lazy<bool> Done = new(Run, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly SandboxLimits Generous = SandboxLimits.Default with
    {
        LoadTimeout = TimeSpan.FromSeconds(30),
        RenderTimeout = TimeSpan.FromSeconds(30),
        EventTimeout = TimeSpan.FromSeconds(30),
    };

    private const string Code = """
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          return {
            title: 'Warmup', initialState: { value: 0, items: [] },
            reducers: { increment: function (state, p) { return { value: state.value + 1, items: state.items.concat([p]) }; } },
            widgets: { w: {
              render: function (props) {
                var rows = [];
                for (var i = 0; i < 3; i++) rows.push([String(i), JSON.stringify({ i: i }), 'a-b'.split('-').join('+'), /b/.test('abc'), 'r' + i + String(i)]);
                try { null.x; } catch (e) { rows.push([e.message]); }
                return ui.panel([ui.text('V ' + props.pluginState.value), ui.badge(1), ui.row([ui.button('b', { onClick: { handler: 'h' } })]),
                  ui.column([ui.input('x', {}), ui.counter(1, {})]), ui.table(rows, { headers: ['a'] })]);
              },
              handlers: { h: function (h, args) { var kv = require('kv'); kv.set('k', { n: kv.get('k') || 1 }); kv.keys(); kv['delete']('x'); require('crypto').sha256(require('crypto').randomId(8)); require('time').iso(); h.dispatchPluginAction('increment', { a: [1, 'x', true, null] }); h.dispatchPluginAction('state/merge', { z: 1 }); h.dispatchSharedAction('d', 't', 1); } }
            } }
          };
        });
        """;

    public static void EnsureWarm() => _ = Done.Value;

    private static bool Run()
    {
        try
        {
            var registry = NativeModuleRegistry.CreateDefault();
            var options = new SandboxOptions { Limits = Generous, Modules = registry, EnabledModules = registry.NormalizeNames(registry.All.Select(m => m.Name)) };
            var sandbox = PluginSandbox.LoadWithoutWarmup(PluginProgram.Parse(Code, Generous), options);
            var global = new JsonObject { ["self"] = new JsonObject(), ["shared"] = new JsonObject() };
            for (var i = 0; i < 3; i++)
            {
                sandbox.Render("w", null, global);
                sandbox.HandleEvent("w", "h", new JsonObject { ["value"] = "v" }, null, global, new JsonObject());
            }
        }
        catch (Exception)
        {
            // Best effort: a failed warm-up must never make every later Load fail (Lazy would cache it);
            // real calls report their own errors.
        }
        return true;
    }
}
