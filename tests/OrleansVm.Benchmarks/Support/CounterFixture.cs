using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using OrleansVm.Presets;
using OrleansVm.Sandbox;

namespace OrleansVm.Benchmarks.Support;

/// <summary>The <c>counter</c> preset and its inputs, shared by the sandbox benchmarks and modes.</summary>
public static class CounterFixture
{
    public const string PackageId = "counter";
    public const string Widget = "counter";

    /// <summary>
    /// Default limits except wall-clock timeouts: the default 100 ms per call can trip when this box's
    /// two cores are busy with other builds. Timeouts only change the deadline, not the per-statement
    /// checks, so the cost measured is the same.
    /// </summary>
    public static readonly SandboxLimits Limits = SandboxLimits.Default with
    {
        LoadTimeout = TimeSpan.FromSeconds(10),
        RenderTimeout = TimeSpan.FromSeconds(10),
        EventTimeout = TimeSpan.FromSeconds(10),
    };

    public static string Code => PresetCatalog.Load(PackageId).Code;

    public static PluginProgram Parse() => PluginProgram.Parse(Code, Limits);

    public static SandboxOptions Options() => new() { Limits = Limits };

    public static JsonNode PluginState() => JsonNode.Parse("""{"value":4}""")!;

    /// <summary>globalState as an instance grain passes it: self + readable shared domains.</summary>
    public static JsonObject GlobalState() => new()
    {
        ["self"] = new JsonObject
        {
            ["instanceId"] = "counter@bench001",
            ["packageId"] = PackageId,
            ["workspaceId"] = "bench",
        },
        ["shared"] = new JsonObject
        {
            ["counter-summary"] = new JsonObject { ["totalValue"] = 12, ["instanceCount"] = 3, ["lastUpdatedInstanceId"] = "counter@abcdefgh" },
        },
    };

    /// <summary>Same inputs as <see cref="PluginState"/>/<see cref="GlobalState"/>, as JSON text.</summary>
    public const string PropsJson = """
        {"pluginState":{"value":4},
         "globalState":{"self":{"instanceId":"counter@bench001","packageId":"counter","workspaceId":"bench"},
                        "shared":{"counter-summary":{"totalValue":12,"instanceCount":3,"lastUpdatedInstanceId":"counter@abcdefgh"}}}}
        """;

    /// <summary>
    /// A plain Jint 4.18 engine (no constraints, no guards) that runs the counter script with a minimal
    /// <c>definePlugin</c> shim whose <c>ctx.ui</c> builds the same node shapes in JavaScript.
    /// </summary>
    public static (Engine Engine, JsValue Render) BareEngine()
    {
        var engine = new Engine();
        engine.Execute(ShimCode);
        engine.Execute(Code);
        engine.Execute("var __render = __plugin.widgets.counter.render;");
        return (engine, engine.GetValue("__render"));
    }

    /// <summary>The shim and the counter script, prepared once (for "new bare engine from a prepared script").</summary>
    public static (Prepared<Script> Shim, Prepared<Script> Counter) ParseBare() =>
        (Engine.PrepareScript(ShimCode), Engine.PrepareScript(Code));

    public static JsValue LoadBare(Prepared<Script> shim, Prepared<Script> counter)
    {
        var engine = new Engine();
        engine.Execute(shim);
        engine.Execute(counter);
        return engine.GetValue("__plugin");
    }

    private const string ShimCode = """
            var __plugin;
            var __ui = {
              text: function (t) { return { kind: 'text', text: String(t) }; },
              badge: function (t) { return { kind: 'badge', text: String(t) }; },
              row: function (c) { return { kind: 'row', children: c }; },
              column: function (c) { return { kind: 'column', children: c }; },
              panel: function (c) { return { kind: 'panel', children: c }; },
              // No copy of props (the sandbox copies them): the baseline is the bare render.
              button: function (label, props) {
                var p = props || {};
                p.label = String(label);
                return { kind: 'button', props: p };
              }
            };
            function definePlugin(factory) { __plugin = factory({ ui: __ui }); }
            """;
}
