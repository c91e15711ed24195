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

    // Modern syntax takes other interpreter paths (classes, private fields, destructuring, spread,
    // generators, async): a cold CLI process billed their first JIT to a correct plugin's 100 ms event
    // on a loaded 2-core box (issue 13). The call clock also leaves JIT time out; this covers type loading
    // and the lazily built intrinsics, which are CPU time the clock cannot tell from the plugin's.
    private const string ModernCode = """
        class Base { static n = 0; #v; constructor(v = 0) { this.#v = v; } get v() { return this.#v; } set v(x) { this.#v = x; } static make(...a) { return new this(...a); } }
        class Items extends Base { constructor(items = []) { super(items.length); this.items = [...items]; } add(text) { return new Items([...this.items, { text, done: false }]); } *[Symbol.iterator]() { yield* this.items; } toJSON() { return this.items; } }
        function* gen(n) { for (let i = 0; i < n; i++) yield i; }
        export default definePlugin(({ ui }) => ({
          id: 'warmup-modern',
          initialState: { items: [] },
          reducers: { add: ({ items = [] }, { text }) => ({ items: new Items(items).add(text).toJSON() }) },
          widgets: {
            main: {
              render: ({ pluginState, globalState }) => {
                const byDone = new Map([[true, 0], [false, 0]]);
                const seen = new Set();
                for (const { done, text } of pluginState?.items ?? []) { byDone.set(done, byDone.get(done) + 1); seen.add(text); }
                const { a = 1, ...rest } = { a: undefined, b: 2, c: [3] };
                const [x, , z = 3] = [...gen(2), ...Object.keys(rest)];
                const list = [...new Items(pluginState?.items ?? [])].map((it, i) => `${i}:${it.text ?? ''}`).filter(Boolean).sort((p, q) => p < q ? -1 : 1);
                const sum = Array.from({ length: 4 }, (_, i) => i ** 2).reduce((s, v) => s + v, 0);
                const entries = Object.entries({ x, z, sum, a, n: Base.make(1).v, gs: globalState?.self?.instanceId }).flatMap(([k, v]) => [k, String(v)]);
                label: for (const k in rest) { switch (k) { case 'b': continue label; default: break; } }
                return ui.column([ui.text(`${byDone.get(false)} open`), ui.text(list.join(',') + entries.join('') + [...seen].length), ui.button('b', { onClick: { handler: 'add' } })]);
              },
              handlers: {
                async add(h, { value } = {}) {
                  const text = (await Promise.resolve(value))?.trim?.() ?? '';
                  const all = await Promise.all([1, 2].map(async (n) => n * 2));
                  try { JSON.parse('{bad'); } catch ({ message }) { void message; }
                  if (text) h.dispatchPluginAction('add', { text: text + all.length });
                },
              },
            },
          },
        }));
        """;

    public static void EnsureWarm() => _ = Done.Value;

    /// <summary>Why the warm-up failed, once it ran and failed; else null.</summary>
    public static Exception? Failure { get; private set; }

    private static bool Run()
    {
        try
        {
            Exercise();
        }
        catch (Exception error)
        {
            // Best effort: a failed warm-up must never make every later Load fail (Lazy would cache it);
            // real calls report their own errors. (A test runs Exercise directly, so a broken warm-up fails it.)
            // The sandbox has no log of its own: the host reads this and logs it.
            Failure = error;
        }
        return true;
    }

    /// <summary>Loads and runs both warm-up plugins; throws what they throw.</summary>
    internal static void Exercise()
    {
        var registry = NativeModuleRegistry.CreateDefault();
        var options = new SandboxOptions { Limits = Generous, Modules = registry, EnabledModules = registry.NormalizeNames(registry.All.Select(m => m.Name)) };
        var sandbox = PluginSandbox.LoadWithoutWarmup(PluginProgram.Parse(Code, Generous), options);
        var global = new JsonObject { ["self"] = new JsonObject(), ["shared"] = new JsonObject() };
        var modern = PluginSandbox.LoadWithoutWarmup(PluginProgram.Parse(ModernCode, Generous), options);
        for (var i = 0; i < 3; i++)
        {
            sandbox.Render("w", null, global);
            sandbox.HandleEvent("w", "h", new JsonObject { ["value"] = "v" }, null, global, new JsonObject());
            var result = modern.HandleEvent("main", "add", new JsonObject { ["value"] = " v " }, null, global, new JsonObject());
            modern.Render("main", result.NewState, global);
        }
    }
}
