using System.Text.Json.Nodes;
using Jint.Native;
using OrleansVm.Sandbox.Conversion;
using OrleansVm.Sandbox.Hardening;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox;

/// <summary>
/// One plugin instance's sandbox: one Jint 4.18 engine configured for untrusted code. Not thread-safe; the caller
/// serializes calls (a grain turn does). Every call is atomic: on any error nothing the call
/// produced (state, intents, kv) is returned, and the sandbox stays usable for the next call.
/// </summary>
public sealed class PluginSandbox
{
    private readonly PluginProgram _program;
    private readonly SandboxOptions _options;
    private Loaded? _loaded; // null once dropped: the next call builds a fresh engine

    private PluginSandbox(PluginProgram program, SandboxOptions options, Loaded loaded)
    {
        _program = program;
        _options = options;
        _loaded = loaded;
        Metadata = loaded.Definition.Metadata;
    }

    public PluginMetadata Metadata { get; }

    /// <summary>
    /// An upper bound of the bytes this sandbox keeps between calls (engine, globals, closures): what
    /// its engine allocated since it was built. 0 while the engine is dropped. Never more than
    /// <see cref="SandboxLimits.MaxKeptBytes"/> after a call: past it the engine is dropped at once.
    /// </summary>
    public long KeptBytes => _loaded?.Runtime.KeptBound ?? 0;

    /// <summary>How many times the engine was dropped because it might keep more than its limit (for tests).</summary>
    public int RecycleCount { get; private set; }

    private SandboxLimits Limits => _options.Limits;

    /// <summary>
    /// Runs the process's one-time warm-up of the interpreter paths (JIT, lazily built intrinsics) now,
    /// outside any plugin's clock. <see cref="Load"/> does it on first use; a host that wants the first
    /// real call's latency (and a watchdog around it) free of that cost calls this first. Idempotent.
    /// </summary>
    public static void WarmUp() => SandboxWarmup.EnsureWarm();

    /// <summary>Why the warm-up failed (it is best effort: plugins run anyway), or null; for the host to log.</summary>
    public static Exception? WarmUpFailure => SandboxWarmup.Failure;

    /// <summary>Runs the script and reads its definition; throws SandboxException (PLUGIN_LOAD_ERROR, RUNTIME_TIMEOUT, LIMIT_EXCEEDED).</summary>
    public static PluginSandbox Load(PluginProgram program, SandboxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        SandboxWarmup.EnsureWarm();
        return LoadWithoutWarmup(program, options);
    }

    internal static PluginSandbox LoadWithoutWarmup(PluginProgram program, SandboxOptions? options)
    {
        options ??= new SandboxOptions();
        return new PluginSandbox(program, options, NewEngine(program, options));
    }

    private static Loaded NewEngine(PluginProgram program, SandboxOptions options)
    {
        var runtime = new SandboxRuntime(options.Limits);
        var definition = runtime.Run(options.Limits.LoadTimeout, SandboxErrorCodes.PluginLoadError,
            () => PluginDefinition.Load(runtime, program, options));
        return new Loaded(runtime, definition);
    }

    /// <summary>
    /// Runs one call on the engine (built again first if it was dropped; if that fails, the call fails
    /// and the next one tries again). Globals persist across calls but are not plugin state (the host
    /// passes state in on every call), so an engine that may keep more than
    /// <see cref="SandboxLimits.MaxKeptBytes"/> is dropped after the call, whatever the call's outcome.
    /// If a walk of its values proves it does keep that much, the call fails with
    /// <c>LIMIT_EXCEEDED</c> <c>keptMemory</c> (its result is discarded, so nothing is applied).
    /// </summary>
    private T Call<T>(Func<Loaded, T> call)
    {
        var loaded = _loaded ??= NewEngine(_program, _options);
        T result;
        try
        {
            result = call(loaded);
        }
        catch
        {
            DropIfOverLimit(loaded);
            throw;
        }
        if (DropIfOverLimit(loaded) && KeptMemoryProbe.KeepsAtLeast(loaded.Roots(), Limits.MaxKeptBytes))
        {
            throw SandboxException.Limit("keptMemory",
                $"Plugin keeps more than {Limits.MaxKeptBytes / (1024 * 1024)} MiB in its globals between calls; they were dropped");
        }
        return result;
    }

    private bool DropIfOverLimit(Loaded loaded)
    {
        if (loaded.Runtime.KeptBound <= Limits.MaxKeptBytes || !ReferenceEquals(_loaded, loaded)) return false;
        _loaded = null;
        RecycleCount++;
        return true;
    }

    /// <summary>Renders a widget; the tree is validated against the UI schema. kv, if given, is readable (not writable) by the script.</summary>
    public JsonNode Render(string widgetId, JsonNode? pluginState, JsonNode globalState, JsonObject? kv = null) => Call(loaded =>
    {
        var widget = loaded.Widget(widgetId);
        var runtime = loaded.Runtime;
        return runtime.Run(Limits.RenderTimeout, SandboxErrorCodes.PluginRuntimeError, () =>
        {
            runtime.ModuleContext.Kv = new KvStore(kv, Limits.MaxKvBytes, readOnly: true);
            var engine = runtime.Engine;
            var props = new JsObject(engine);
            HostFunctions.Field(props, "pluginState", JsonToJs.Convert(engine, pluginState ?? Metadata.InitialState));
            HostFunctions.Field(props, "globalState", JsonToJs.Convert(engine, globalState));
            var tree = runtime.Call(widget.Render, widget.Widget, props);
            return ScriptJson.Tree(runtime.Budget, Limits, tree);
        });
    });

    /// <summary>Runs a handler, then the plugin-scoped intents through the reducers. kv is the instance's map; the result holds its new version.</summary>
    public EventResult HandleEvent(string widgetId, string handler, JsonNode? args, JsonNode? pluginState,
        JsonNode globalState, JsonObject? kv = null) => Call(loaded =>
    {
        var widget = loaded.Widget(widgetId);
        if (widget.Handlers is null || !widget.Handlers.HasOwnProperty(handler))
            throw new SandboxException(SandboxErrorCodes.HandlerNotFound, $"Handler \"{handler}\" not found in widget \"{widgetId}\"");
        if (JsonSize.Of(args) > Limits.MaxArgsBytes)
            throw SandboxException.Limit("argsSize", $"Event args are larger than {Limits.MaxArgsBytes} bytes as JSON");

        var runtime = loaded.Runtime;
        return runtime.Run(Limits.EventTimeout, SandboxErrorCodes.PluginRuntimeError, () =>
        {
            var engine = runtime.Engine;
            var store = new KvStore(kv, Limits.MaxKvBytes, readOnly: false);
            runtime.ModuleContext.Kv = store;
            var function = widget.Handlers.Get(handler);
            if (!function.IsObject() || function.AsObject() is not Jint.Native.Function.Function)
                throw new SandboxException(SandboxErrorCodes.HandlerNotFound, $"Handler \"{handler}\" of widget \"{widgetId}\" is not a function");

            var state = pluginState ?? Metadata.InitialState;
            var intents = new IntentCollector(runtime.Budget, Limits);
            var h = new JsObject(engine);
            HostFunctions.Field(h, "pluginState", JsonToJs.Convert(engine, state));
            HostFunctions.Field(h, "globalState", JsonToJs.Convert(engine, globalState));
            HostFunctions.Field(h, "dispatchPluginAction", HostFunctions.Create(engine, 2, intents.DispatchPlugin));
            HostFunctions.Field(h, "dispatchSharedAction", HostFunctions.Create(engine, 3, intents.DispatchShared));
            runtime.Call(function, widget.Handlers, h, JsonToJs.Convert(engine, args));

            var results = new List<LocalActionResult>();
            var newState = new LocalReducers(runtime, loaded.Definition.Reducers).Apply(state.DeepClone(), intents.Intents, results);
            return new EventResult(intents.Intents, results, newState, store.Result());
        });
    });

    /// <summary>An engine with the plugin's definition read from it.</summary>
    private sealed record Loaded(SandboxRuntime Runtime, PluginDefinition Definition)
    {
        public WidgetDefinition Widget(string widgetId) =>
            Definition.Widgets.TryGetValue(widgetId, out var widget)
                ? widget
                : throw new SandboxException(SandboxErrorCodes.WidgetNotFound, $"Widget \"{widgetId}\" not found");

        /// <summary>What the plugin can reach between calls: its globals and what the host holds of its definition.</summary>
        public IEnumerable<JsValue> Roots()
        {
            yield return Runtime.Engine.Global;
            if (Definition.Reducers is { } reducers) yield return reducers;
            foreach (var widget in Definition.Widgets.Values)
            {
                yield return widget.Widget;
                yield return widget.Render;
                if (widget.Handlers is { } handlers) yield return handlers;
            }
        }
    }
}
