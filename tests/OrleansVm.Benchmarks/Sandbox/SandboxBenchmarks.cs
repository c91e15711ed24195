using System.Text.Json.Nodes;
using Acornima.Ast;
using BenchmarkDotNet.Attributes;
using Jint;
using Jint.Native;
using OrleansVm.Benchmarks.Support;
using OrleansVm.Sandbox;

namespace OrleansVm.Benchmarks.Sandbox;

/// <summary>
/// Issues 2 and 9: the plugin sandbox on the <c>counter</c> preset. Baseline: the same render function
/// called straight through a bare Jint 4.18 <c>Engine.Invoke</c> with a plain JS props object.
/// Goals (issue 9): render ≤ 2× the baseline; event ≤ 3× the baseline; new sandbox from a prepared
/// script ≤ 60 µs; retained memory per live sandbox ≤ 80 KB (mode memory-sandboxes).
/// </summary>
[BenchmarkCategory("Sandbox")]
public class SandboxBenchmarks
{
    private PluginProgram _program = null!;
    private SandboxOptions _options = null!;
    private PluginSandbox _sandbox = null!;
    private JsonNode _pluginState = null!;
    private JsonObject _globalState = null!;

    private Engine _bare = null!;
    private JsValue _bareRender = null!;
    private JsValue _bareProps = null!;
    private JsValue _jsonParse = null!;
    private JsValue _jsonStringify = null!;
    private Prepared<Script> _bareShimAst;
    private Prepared<Script> _bareCounterAst;

    [GlobalSetup]
    public void Setup()
    {
        _program = CounterFixture.Parse();
        _options = CounterFixture.Options();
        _sandbox = PluginSandbox.Load(_program, _options);
        _pluginState = CounterFixture.PluginState();
        _globalState = CounterFixture.GlobalState();

        (_bare, _bareRender) = CounterFixture.BareEngine();
        _bare.Execute("var __props = " + CounterFixture.PropsJson + ";");
        _bareProps = _bare.GetValue("__props");
        _bare.Execute("var __parse = JSON.parse; var __stringify = JSON.stringify;");
        _jsonParse = _bare.GetValue("__parse");
        _jsonStringify = _bare.GetValue("__stringify");
        (_bareShimAst, _bareCounterAst) = CounterFixture.ParseBare();

        // Sanity: both paths produce a tree.
        if (_sandbox.Render(CounterFixture.Widget, _pluginState, _globalState) is not JsonObject) throw new InvalidOperationException("render");
        if (!_bare.Invoke(_bareRender, _bareProps).IsObject()) throw new InvalidOperationException("bare render");

        // Jint's interpreter is shared by every benchmark here, and its big methods need many calls (and,
        // on a loaded box, seconds of background JIT) to reach tier-1. Without this, whichever benchmark
        // runs first (the baseline) is measured half on tier-0 code: it came out 2-4x slower than the
        // "bare + JSON" variant, which does strictly more. So: warm every path once per process.
        if (!_warmed)
        {
            var until = DateTime.UtcNow + WarmUpTime;
            while (DateTime.UtcNow < until)
            {
                for (var i = 0; i < 200; i++)
                {
                    BareInvokeRender();
                    BareInvokeRenderWithJson();
                    Render();
                    Event();
                }
                NewSandbox();
                BareNewEngineWithCounter();
            }
            _warmed = true;
        }
    }

    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(6);
    private static bool _warmed;

    [Benchmark(Baseline = true, Description = "Bare Jint Engine.Invoke(render, props)")]
    public JsValue BareInvokeRender() => _bare.Invoke(_bareRender, _bareProps);

    /// <summary>Micro-variant: the bare call plus JSON in (JSON.parse of the props) and out (JSON.stringify of the tree), all inside Jint.</summary>
    [Benchmark(Description = "Bare Invoke + JSON.parse props + JSON.stringify tree")]
    public JsValue BareInvokeRenderWithJson()
    {
        var props = _bare.Invoke(_jsonParse, CounterFixture.PropsJson);
        var tree = _bare.Invoke(_bareRender, props);
        return _bare.Invoke(_jsonStringify, tree);
    }

    [Benchmark(Description = "PluginSandbox.Render(counter)")]
    public JsonNode Render() => _sandbox.Render(CounterFixture.Widget, _pluginState, _globalState);

    [Benchmark(Description = "PluginSandbox.HandleEvent(counter, increment)")]
    public EventResult Event() => _sandbox.HandleEvent(CounterFixture.Widget, "increment", null, _pluginState, _globalState);

    [Benchmark(Description = "PluginSandbox.Load(cached PluginProgram)")]
    public PluginSandbox NewSandbox() => PluginSandbox.Load(_program, _options);

    /// <summary>Micro-variant for the new-sandbox cost: a bare Jint engine, nothing run in it.</summary>
    [Benchmark(Description = "Bare new Engine()")]
    public Engine BareNewEngine() => new();

    /// <summary>Micro-variant: a bare Jint engine running the shim and the counter script from cached ASTs.</summary>
    [Benchmark(Description = "Bare new Engine() + run counter (prepared script)")]
    public JsValue BareNewEngineWithCounter() => CounterFixture.LoadBare(_bareShimAst, _bareCounterAst);
}
