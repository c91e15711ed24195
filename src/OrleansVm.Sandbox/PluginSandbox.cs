using System.Text.Json.Nodes;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using OrleansVm.Sandbox.Conversion;
using OrleansVm.Sandbox.Hardening;
using OrleansVm.Sandbox.Internal;
using OrleansVm.Sandbox.Ui;

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
    private SandboxRuntime _runtime;
    private Dictionary<string, WidgetDefinition> _widgets;
    private ObjectInstance? _reducers;

    private PluginSandbox(PluginProgram program, SandboxOptions options, SandboxRuntime runtime, PluginDefinition definition)
    {
        _program = program;
        _options = options;
        _runtime = runtime;
        _widgets = definition.Widgets;
        _reducers = definition.Reducers;
        Metadata = definition.Metadata;
    }

    public PluginMetadata Metadata { get; }

    /// <summary>How many times the engine was rebuilt because its calls allocated enough to keep too much (for tests).</summary>
    internal int RecycleCount { get; private set; }

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
        var (runtime, definition) = NewRuntime(program, options);
        return new PluginSandbox(program, options, runtime, definition);
    }

    private static (SandboxRuntime, PluginDefinition) NewRuntime(PluginProgram program, SandboxOptions options)
    {
        var runtime = new SandboxRuntime(options.Limits);
        var definition = runtime.Run(options.Limits.LoadTimeout, SandboxErrorCodes.PluginLoadError,
            () => PluginDefinition.Load(runtime, program, options));
        return (runtime, definition);
    }

    /// <summary>
    /// Globals persist across calls but are not plugin state (the host passes state in on every
    /// call). What they keep cannot exceed what the calls allocated, so once the calls since the
    /// load have allocated a few limits' worth, the engine is replaced by a fresh one running the
    /// same prepared program, before the call. If reloading fails, the call fails and nothing
    /// changes; the next call tries again.
    /// </summary>
    private void RecycleIfBloated()
    {
        if (!_runtime.RecycleDue) return;
        var (runtime, definition) = NewRuntime(_program, _options);
        _runtime = runtime;
        _widgets = definition.Widgets;
        _reducers = definition.Reducers;
        RecycleCount++;
    }

    /// <summary>Renders a widget; the tree is validated against the UI schema. kv, if given, is readable (not writable) by the script.</summary>
    public JsonNode Render(string widgetId, JsonNode? pluginState, JsonNode globalState, JsonObject? kv = null)
    {
        RecycleIfBloated();
        var widget = Widget(widgetId);
        return _runtime.Run(Limits.RenderTimeout, SandboxErrorCodes.PluginRuntimeError, () =>
        {
            _runtime.ModuleContext.Kv = new KvStore(kv, Limits.MaxKvBytes, readOnly: true);
            var engine = _runtime.Engine;
            var props = new JsObject(engine);
            HostFunctions.Field(props, "pluginState", JsonToJs.Convert(engine, pluginState ?? Metadata.InitialState));
            HostFunctions.Field(props, "globalState", JsonToJs.Convert(engine, globalState));
            var tree = _runtime.Call(widget.Render, widget.Widget, props);
            return ScriptJson.Tree(_runtime.Budget, Limits, tree);
        });
    }

    /// <summary>Runs a handler, then the plugin-scoped intents through the reducers. kv is the instance's map; the result holds its new version.</summary>
    public EventResult HandleEvent(string widgetId, string handler, JsonNode? args, JsonNode? pluginState,
        JsonNode globalState, JsonObject? kv = null)
    {
        RecycleIfBloated();
        var widget = Widget(widgetId);
        if (widget.Handlers is null || !widget.Handlers.HasOwnProperty(handler))
            throw new SandboxException(SandboxErrorCodes.HandlerNotFound, $"Handler \"{handler}\" not found in widget \"{widgetId}\"");
        if (JsonSize.Of(args) > Limits.MaxArgsBytes)
            throw SandboxException.Limit("argsSize", $"Event args are larger than {Limits.MaxArgsBytes} bytes as JSON");

        return _runtime.Run(Limits.EventTimeout, SandboxErrorCodes.PluginRuntimeError, () =>
        {
            var engine = _runtime.Engine;
            var store = new KvStore(kv, Limits.MaxKvBytes, readOnly: false);
            _runtime.ModuleContext.Kv = store;
            var function = widget.Handlers.Get(handler);
            if (!function.IsObject() || function.AsObject() is not Jint.Native.Function.Function)
                throw new SandboxException(SandboxErrorCodes.HandlerNotFound, $"Handler \"{handler}\" of widget \"{widgetId}\" is not a function");

            var state = pluginState ?? Metadata.InitialState;
            var intents = new IntentCollector(_runtime.Budget, Limits);
            var h = new JsObject(engine);
            HostFunctions.Field(h, "pluginState", JsonToJs.Convert(engine, state));
            HostFunctions.Field(h, "globalState", JsonToJs.Convert(engine, globalState));
            HostFunctions.Field(h, "dispatchPluginAction", HostFunctions.Create(engine, 2, intents.DispatchPlugin));
            HostFunctions.Field(h, "dispatchSharedAction", HostFunctions.Create(engine, 3, intents.DispatchShared));
            _runtime.Call(function, widget.Handlers, h, JsonToJs.Convert(engine, args));

            var results = new List<LocalActionResult>();
            var newState = new LocalReducers(_runtime, _reducers).Apply(state.DeepClone(), intents.Intents, results);
            return new EventResult(intents.Intents, results, newState, store.Result());
        });
    }

    private WidgetDefinition Widget(string widgetId) =>
        _widgets.TryGetValue(widgetId, out var widget)
            ? widget
            : throw new SandboxException(SandboxErrorCodes.WidgetNotFound, $"Widget \"{widgetId}\" not found");
}
