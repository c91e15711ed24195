using System.Text.Json.Nodes;
using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

/// <summary>
/// Issue 9: the routes modern JavaScript (Jint 4.18) opens. Each call ends within its limit plus a
/// margin with the contract's error; the same instance's next call and a bystander instance are unaffected.
/// </summary>
public class HostileModernTests
{
    private static readonly TimeSpan Render = SandboxLimits.Default.RenderTimeout;

    // Time generous enough that the memory or depth limit must be what stops the script.
    private static readonly SandboxOptions SlowClock = new()
    {
        Limits = SandboxLimits.Default with { RenderTimeout = TimeSpan.FromSeconds(5), EventTimeout = TimeSpan.FromSeconds(5) },
    };

    private static readonly PluginSandbox Bystander = Load(Counter);

    private static SandboxException RenderFails(string renderBody, string code, TimeSpan limit, SandboxOptions? options = null, string prelude = "")
    {
        var sandbox = Load(With(renderBody: renderBody, prelude: prelude), options);
        var ex = ThrowsWithin(code, limit, () => sandbox.Render("w", null, Global()));
        AssertStillWorks(sandbox);
        var state = new JsonObject { ["value"] = 1 };
        Assert.Equal("Counter: 1", Bystander.Render("counter", state, Global())["children"]![0]!["text"]!.GetValue<string>());
        return ex;
    }

    private static void AssertLimit(SandboxException ex, string limit) =>
        Assert.True(Limit(ex) == limit, $"expected {limit}: {ex.Code} {Limit(ex)}: {ex.Message}");

    [Theory]
    [InlineData("const p = new Proxy({}, { get() { for (;;) {} } }); return ui.text(p.x);")]
    [InlineData("const p = new Proxy({}, { ownKeys() { for (;;) {} } }); return ui.text(String(Object.keys(p)));")]
    [InlineData("function* g() { for (;;) yield 1; } for (const x of g()) {} return ui.text('x');")]
    [InlineData("(async () => { for (;;) await null; })(); return ui.text('x');")]
    [InlineData("const it = { [Symbol.iterator]: () => ({ next: () => ({ done: false, value: 1 }) }) }; const [...all] = it; return ui.text('x');")]
    public void Modern_loops_end_within_their_limits(string body)
    {
        // Most of these loops allocate (iterator results, generator frames, promises, a growing array): the memory
        // limit counts bytes allocated by the call, so on a fast machine 32 MiB may come before 100 ms of CPU.
        // Either stop is the contract's; what matters is that the call ends and both sandboxes stay usable.
        var sandbox = Load(With(renderBody: body));
        ThrowsTimeoutOrMemoryWithin(Render, () => sandbox.Render("w", null, Global()));
        AssertStillWorks(sandbox);
        var state = new JsonObject { ["value"] = 1 };
        Assert.Equal("Counter: 1", Bystander.Render("counter", state, Global())["children"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void An_endless_chain_of_promise_jobs_ends_within_the_call()
    {
        // The jobs run no statement (expression-bodied arrows) but allocate: time or memory, whichever comes first.
        var sandbox = Load(With(renderBody: "const f = () => Promise.resolve().then(f); f(); return ui.text('x');"));
        ThrowsTimeoutOrMemoryWithin(Render, () => sandbox.Render("w", null, Global()));
        AssertStillWorks(sandbox);
    }

    [Theory]
    [InlineData("const p = new Proxy({}, { get: (t, k) => p[k] }); return ui.text(String(p.x));")]
    [InlineData("const o = { get x() { return this.x; } }; return ui.text(String(o.x));")]
    [InlineData("const o = { valueOf() { return +o; } }; return ui.text(String(+o));")]
    [InlineData("const o = { [Symbol.toPrimitive]() { return `${o}`; } }; return ui.text(`${o}`);")]
    [InlineData("let a = []; for (let i = 0; i < 100000; i++) a = [a]; return ui.text(String(a.flat(Infinity).length));")]
    [InlineData("let o = {}; for (let i = 0; i < 100000; i++) o = { o }; return ui.text(JSON.stringify(o));")]
    [InlineData("class A { constructor() { new A(); } } new A(); return ui.text('x');")]
    [InlineData("const a = n => b(n + 1), b = n => a(n + 1); return ui.text(String(a(0)));")]
    public void Modern_recursion_ends_at_the_depth_limit(string body) =>
        AssertLimit(RenderFails(body, SandboxErrorCodes.LimitExceeded, SlowClock.Limits.RenderTimeout, SlowClock), "depth");

    [Fact]
    public void The_depth_limit_counts_all_functions_not_each_one()
    {
        // Three functions, each on the stack ~200 times (under Jint's per-function limit of 256), 600 deep in all.
        const string functions = "function a(n) { return n && b(n - 1); } function b(n) { return n && c(n - 1); } function c(n) { return n && a(n - 1); }";
        AssertLimit(RenderFails(functions + " return ui.text(String(a(600)));", SandboxErrorCodes.LimitExceeded, Render), "depth");
        var sandbox = Load(With(renderBody: functions + " return ui.text(String(a(200)));"));
        Assert.Equal("0", sandbox.Render("w", null, Global())["text"]!.GetValue<string>());
    }

    [Fact]
    public void Catching_the_stack_guard_error_and_recursing_again_still_ends_the_call()
    {
        // Jint's stack guard throws a catchable RangeError; retrying is bounded by the per-function
        // recursion limit (uncatchable) or, failing that, by the time limit.
        var ex = RenderFails("const p = new Proxy({}, { get: (t, k) => p[k] }); for (;;) { try { p.x; } catch (e) {} }",
            SandboxErrorCodes.RuntimeTimeout, Render);
        Assert.Contains("time limit", ex.Message);
    }

    [Theory]
    [InlineData("'x'.repeat(5e8)")]
    [InlineData("'x'.padStart(1e9)")]
    [InlineData("'x'.padEnd(2 ** 30, 'ab')")]
    [InlineData("'ab'.repeat(1e4).replaceAll('a', 'x'.repeat(1e4))")]
    [InlineData("'ab'.repeat(1e4).replace(/a/g, 'x'.repeat(1e4))")]
    [InlineData("'a'.repeat(1e4).replace(/a/g, \"$'\")")]
    [InlineData("const s = 'x'.repeat(1 << 20); [s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s].join(s)")]
    [InlineData("const s = 'x'.repeat(1 << 22); [s.concat(s), s.concat(s), s.concat(s), s.concat(s), s.concat(s), s.concat(s)].length")]
    public void Natives_that_would_allocate_past_the_limit_in_one_statement_are_refused(string statement) =>
        AssertLimit(RenderFails(statement + "; return ui.text('done');", SandboxErrorCodes.LimitExceeded, TimeSpan.FromSeconds(1), SlowClock), "memory");

    [Fact]
    public void Memory_allocated_by_the_last_statement_of_a_call_is_checked()
    {
        // An expression-bodied callback runs no statement, so Jint's per-statement check never sees this.
        var sandbox = Load(With(handlerBody: "new Array(1e6).fill(0).map((_, i) => ({ i, s: 'v' + i }));"), SlowClock);
        var ex = ThrowsWithin(SandboxErrorCodes.LimitExceeded, TimeSpan.FromSeconds(5), () => sandbox.HandleEvent("w", "h", null, null, Global()));
        AssertLimit(ex, "memory");
        AssertStillWorks(sandbox);
    }

    [Theory]
    [InlineData("(() => {}).constructor('return 1')()")]
    [InlineData("(async () => {}).constructor('return 1')")]
    [InlineData("(function* () {}).constructor('yield 1')")]
    [InlineData("Reflect.construct(Function, ['return 1'])")]
    [InlineData("Reflect.apply(Function, null, ['return 1'])")]
    [InlineData("new (Object.getPrototypeOf(async function () {}).constructor)('return 1')")]
    public void Dynamic_code_through_modern_routes_is_a_catchable_error(string expression)
    {
        var sandbox = Load(With(renderBody: $"try {{ {expression}; return ui.text('ran'); }} catch (e) {{ return ui.text(e.name); }}"));
        Assert.Equal("TypeError", sandbox.Render("w", null, Global())["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("definePlugin(() => { import('x'); return { widgets: {} }; });", "import()")]
    [InlineData("const big = 10n ** 1000000n; definePlugin(() => ({ widgets: {} }));", "BigInt")]
    public void Unsupported_syntax_is_refused_at_load_with_its_position(string code, string what)
    {
        var ex = Assert.Throws<SandboxException>(() => PluginProgram.Parse(code));
        Assert.Equal(SandboxErrorCodes.PluginLoadError, ex.Code);
        Assert.Contains(what, ex.Message);
        Assert.Equal(1, ex.Details!["line"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("BigInt")]
    [InlineData("ArrayBuffer")]
    [InlineData("SharedArrayBuffer")]
    [InlineData("Atomics")]
    [InlineData("Int32Array")]
    [InlineData("DataView")]
    [InlineData("WeakRef")]
    [InlineData("FinalizationRegistry")]
    [InlineData("ShadowRealm")]
    [InlineData("eval('1')")]
    public void Built_ins_plugins_do_not_get_are_absent(string name)
    {
        var expression = name.Contains('(') ? $"(() => {{ try {{ {name}; return 'present'; }} catch (e) {{ return 'undefined'; }} }})()" : $"typeof {name}";
        var sandbox = Load(With(renderBody: $"return ui.text(String({expression}));"));
        Assert.Equal("undefined", sandbox.Render("w", null, Global())["text"]!.GetValue<string>());
    }

    [Fact]
    public void Promise_jobs_run_within_their_call_and_an_async_handler_dispatches()
    {
        var sandbox = Load(With(handlerBody: "return (async () => { await null; await Promise.resolve(); h.dispatchPluginAction('inc'); })();"));
        var result = sandbox.HandleEvent("w", "h", null, new JsonObject { ["n"] = 1 }, Global());
        Assert.Equal(2, result.NewState["n"]!.GetValue<int>());
        var render = Load(With(renderBody: "globalThis.seen = 0; Promise.resolve().then(() => { globalThis.seen = 1; }); return Promise.resolve(ui.text('async'));"));
        Assert.Equal("async", render.Render("w", null, Global())["text"]!.GetValue<string>());
    }

    [Fact]
    public void Promise_jobs_of_a_failed_call_never_run_in_the_next_one()
    {
        var sandbox = Load(With(
            prelude: "globalThis.leaked = 'no';",
            renderBody: "if (props.pluginState.n === 2) { return ui.text(globalThis.leaked); } Promise.resolve().then(() => { globalThis.leaked = 'yes'; for (;;) {} }); for (;;) {}"));
        ThrowsWithin(SandboxErrorCodes.RuntimeTimeout, Render, () => sandbox.Render("w", null, Global()));
        Assert.Equal("no", sandbox.Render("w", new JsonObject { ["n"] = 2 }, Global())["text"]!.GetValue<string>());
    }

    [Fact]
    public void A_rejected_async_handler_is_a_runtime_error_and_changes_nothing()
    {
        var sandbox = Load(With(handlerBody: "return (async () => { h.dispatchPluginAction('inc'); await null; throw new RangeError('late'); })();"));
        var ex = Throws(() => sandbox.HandleEvent("w", "h", null, new JsonObject { ["n"] = 1 }, Global()));
        Assert.Equal(SandboxErrorCodes.PluginRuntimeError, ex.Code);
        Assert.Contains("late", ex.Message);
        AssertStillWorks(sandbox);
    }

    [Theory]
    [InlineData("return { get kind() { for (;;) {} } };")]
    [InlineData("return ui.panel([{ kind: 'text', get text() { for (;;) {} } }]);")]
    public void Reading_a_result_runs_its_getters_and_traps_under_the_call_deadline(string body) =>
        RenderFails(body, SandboxErrorCodes.RuntimeTimeout, Render);

    [Theory]
    [InlineData("return new Proxy({}, { ownKeys() { for (;;) {} } });")]
    [InlineData("return new Proxy(ui.text('t'), { get() { for (;;) {} }, ownKeys() { for (;;) {} } });")]
    public void A_proxy_result_ends_within_the_call_deadline(string body)
    {
        // Jint lists a proxy's keys from its target (no trap runs); reading a value runs the get trap under the deadline.
        var sandbox = Load(With(renderBody: body));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var ex = Throws(() => sandbox.Render("w", null, Global()));
        Assert.True(watch.Elapsed < Render + TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Contains(ex.Code, new[] { SandboxErrorCodes.RuntimeTimeout, SandboxErrorCodes.RenderInvalid });
        AssertStillWorks(sandbox);
    }
}

/// <summary>The optional module form of a plugin and the modern syntax a plugin may use.</summary>
public class ModernSyntaxTests
{
    [Fact]
    public void Export_default_define_plugin_loads_and_keeps_error_positions()
    {
        var sandbox = PluginSandbox.Load(PluginProgram.Parse("""
            export default definePlugin(({ ui }) => ({
              widgets: { w: { render: () => ui.text(`${[1, 2].map((n) => n * 2).join('+')}`) } },
            }));
            """));
        Assert.Equal("2+4", sandbox.Render("w", null, Global())["text"]!.GetValue<string>());

        var ex = Assert.Throws<SandboxException>(() => PluginProgram.Parse("export default definePlugin(() => ({\n  widgets: {\n    w: { render: () => ) }\n  }\n}));"));
        Assert.Equal(SandboxErrorCodes.PluginLoadError, ex.Code);
        Assert.Equal(3, ex.Details!["line"]!.GetValue<int>());
    }

    [Fact]
    public void Guarded_built_ins_keep_their_names_and_lengths()
    {
        var sandbox = Load(With(renderBody: """
            const d = (f) => `${f.name}/${f.length}`;
            return ui.text([String.prototype.trim, String.prototype.padStart, Array.prototype.map, RegExp.prototype[Symbol.replace],
              Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get, Function.prototype.bind, Date.prototype.toJSON, encodeURIComponent].map(d).join(' '));
            """));
        Assert.Equal("trim/0 padStart/1 map/1 [Symbol.replace]/2 get flags/0 bind/1 toJSON/1 encodeURIComponent/1",
            sandbox.Render("w", null, Global())["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("export const x = 1; definePlugin(() => ({ widgets: {} }));")]
    [InlineData("import x from 'fs'; definePlugin(() => ({ widgets: {} }));")]
    public void Other_module_syntax_is_a_syntax_error(string code) =>
        Assert.Equal(SandboxErrorCodes.PluginLoadError, Assert.Throws<SandboxException>(() => PluginProgram.Parse(code)).Code);

    [Fact]
    public void Es5_and_modern_plugins_load_side_by_side()
    {
        var modern = PluginSandbox.Load(PluginProgram.Parse("""
            class Tally { #n = 0; add(k = 1) { this.#n += k; return this; } get n() { return this.#n; } }
            definePlugin(({ ui }) => ({
              initialState: { items: [] },
              reducers: { add: ({ items }, item) => ({ items: [...items, item] }) },
              widgets: { w: {
                render: ({ pluginState: { items = [] } = {} }) => {
                  const seen = new Set(items), byLen = new Map();
                  for (const s of seen) byLen.set(s.length, (byLen.get(s.length) ?? 0) + 1);
                  const t = new Tally().add().add(2);
                  return ui.text(`${t.n}:${seen.size}:${[...byLen.keys()].join(',')}:${items[0]?.toUpperCase() ?? '-'}`);
                },
                handlers: { h: async (h, { v } = {}) => { await null; h.dispatchPluginAction('add', v ?? 'none'); } },
              } },
            }));
            """));
        var state = modern.HandleEvent("w", "h", new JsonObject { ["v"] = "ab" }, null, Global()).NewState;
        Assert.Equal("3:1:2:AB", modern.Render("w", state, Global())["text"]!.GetValue<string>());
        Assert.Equal("Counter: 0", PluginSandbox.Load(PluginProgram.Parse(Counter)).Render("counter", null, Global())["children"]![0]!["text"]!.GetValue<string>());
    }
}
