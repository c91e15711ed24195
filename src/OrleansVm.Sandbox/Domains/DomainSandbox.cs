using System.Text.Json.Nodes;
using Jint.Native;
using Jint.Native.Object;
using OrleansVm.Sandbox.Conversion;
using OrleansVm.Sandbox.Hardening;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox.Domains;

/// <summary>
/// One custom domain's sandbox: a Jint engine, configured as for plugins, running an operator's
/// <c>defineDomain({initialState, reducers, project?})</c>. Same limits, timeouts and guards
/// as plugins: load uses the load timeout, <see cref="Apply"/> the event timeout, <see cref="Project"/>
/// the render timeout, and states are capped like plugin state. Not thread-safe; every call is
/// atomic (a failure returns nothing and leaves the sandbox usable).
/// </summary>
public sealed class DomainSandbox
{
    private readonly SandboxRuntime _runtime;
    private readonly ObjectInstance _reducersObject;
    private readonly Dictionary<string, JsValue> _reducers;
    private readonly JsValue? _project;

    private DomainSandbox(SandboxRuntime runtime, JsonNode initialState, ObjectInstance reducersObject, Dictionary<string, JsValue> reducers, JsValue? project)
    {
        _runtime = runtime;
        InitialState = initialState;
        _reducersObject = reducersObject;
        _reducers = reducers;
        _project = project;
    }

    /// <summary>The domain's initial state (default <c>{}</c>).</summary>
    public JsonNode InitialState { get; }

    /// <summary>The action types with a reducer, read once at load.</summary>
    public IReadOnlyCollection<string> Actions => _reducers.Keys;

    public bool HasProjection => _project is not null;

    private SandboxLimits Limits => _runtime.Limits;

    /// <summary>Runs the script and reads its definition; throws SandboxException (PLUGIN_LOAD_ERROR, RUNTIME_TIMEOUT, LIMIT_EXCEEDED).</summary>
    public static DomainSandbox Load(DomainProgram program, SandboxLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        SandboxWarmup.EnsureWarm();
        limits ??= SandboxLimits.Default;
        var runtime = new SandboxRuntime(limits);
        return runtime.Run(limits.LoadTimeout, SandboxErrorCodes.PluginLoadError, () => Define(runtime, program));
    }

    public bool HasReducer(string actionType) => _reducers.ContainsKey(actionType);

    /// <summary>
    /// The state after <paramref name="action"/> (<c>{type, payload, instanceId, packageId, dispatchId, timestamp}</c>).
    /// Throws SandboxException: PLUGIN_RUNTIME_ERROR for a missing reducer or a throwing one, RUNTIME_TIMEOUT, LIMIT_EXCEEDED.
    /// </summary>
    public JsonNode Apply(JsonNode? state, JsonObject action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var type = action["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : "";
        if (!_reducers.TryGetValue(type, out var reducer))
            throw new SandboxException(SandboxErrorCodes.PluginRuntimeError, $"No reducer for action \"{type}\"");
        return _runtime.Run(Limits.EventTimeout, SandboxErrorCodes.PluginRuntimeError, () =>
        {
            var engine = _runtime.Engine;
            var result = _runtime.Call(reducer, _reducersObject, JsonToJs.Convert(engine, state ?? InitialState), JsonToJs.Convert(engine, action));
            return ScriptJson.State(_runtime.Budget, Limits, result, $"Reducer \"{type}\" result");
        });
    }

    /// <summary>What readers see: <c>project(state)</c>, or a copy of the state when the domain has no projection.</summary>
    public JsonNode Project(JsonNode? state)
    {
        if (_project is null) return (state ?? InitialState).DeepClone();
        var project = _project;
        return _runtime.Run(Limits.RenderTimeout, SandboxErrorCodes.PluginRuntimeError, () =>
        {
            var result = _runtime.Call(project, JsValue.Undefined, JsonToJs.Convert(_runtime.Engine, state ?? InitialState));
            return ScriptJson.State(_runtime.Budget, Limits, result, "Projection");
        });
    }

    private static DomainSandbox Define(SandboxRuntime runtime, DomainProgram program)
    {
        var engine = runtime.Engine;
        JsValue? spec = null;
        var calls = 0;
        HostFunctions.Method(engine.Global, "defineDomain", 1, (_, args) =>
        {
            if (++calls > 1) throw LoadError("defineDomain must be called exactly once");
            var candidate = HostFunctions.Arg(args, 0);
            if (!IsPlainObject(candidate)) throw LoadError("defineDomain requires an object");
            spec = candidate;
            return JsValue.Undefined;
        });
        // Domains have no log and no modules; console exists so that a stray console.log is harmless.
        HostFunctions.Field(engine.Global, "console", ConsoleBridge.Create(engine, runtime.Budget, log: null));

        engine.Execute(program.Program.Prepared);
        runtime.RunJobs();
        if (spec is null) throw new SandboxException(SandboxErrorCodes.PluginLoadError, "Domain did not register via defineDomain");
        var definition = spec.AsObject();

        var initial = definition.Get("initialState");
        var initialState = initial.IsUndefined() ? new JsonObject() : ScriptJson.State(runtime.Budget, runtime.Limits, initial, "initialState");

        var reducersValue = definition.Get("reducers");
        if (!IsPlainObject(reducersValue)) throw LoadError("Domain reducers must be an object");
        var reducersObject = reducersValue.AsObject();
        var reducers = new Dictionary<string, JsValue>(StringComparer.Ordinal);
        foreach (var (key, descriptor) in reducersObject.GetOwnProperties())
        {
            // Read once here, inside the load budget: a getter never runs outside a timed call.
            if (descriptor.Enumerable != true) continue;
            var name = key.ToString();
            var reducer = reducersObject.Get(key);
            if (!reducer.IsObject() || reducer.AsObject() is not Jint.Native.Function.Function)
                throw LoadError($"Domain reducer \"{name}\" must be a function");
            reducers[name] = reducer;
        }

        var projectValue = definition.Get("project");
        JsValue? project = null;
        if (!projectValue.IsUndefined() && !projectValue.IsNull())
        {
            project = projectValue.IsObject() && projectValue.AsObject() is Jint.Native.Function.Function
                ? projectValue
                : throw LoadError("Domain project must be a function");
        }

        return new DomainSandbox(runtime, initialState, reducersObject, reducers, project);
    }

    private static bool IsPlainObject(JsValue value) =>
        value.IsObject() && value.AsObject() is not Jint.Native.Function.Function && !value.IsArray();

    private static SandboxAbort LoadError(string message) => SandboxAbort.Of(SandboxErrorCodes.PluginLoadError, message);
}
