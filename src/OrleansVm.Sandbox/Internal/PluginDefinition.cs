using System.Text.Json.Nodes;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using OrleansVm.Sandbox.Hardening;
using OrleansVm.Sandbox.Ui;

namespace OrleansVm.Sandbox.Internal;

/// <summary>Runs a plugin script and reads what its <c>definePlugin</c> factory returned.</summary>
internal sealed record PluginDefinition(PluginMetadata Metadata, Dictionary<string, WidgetDefinition> Widgets, ObjectInstance? Reducers)
{
    public const string DefaultTitle = "Untitled Plugin";

    public static PluginDefinition Load(SandboxRuntime runtime, PluginProgram program, SandboxOptions options)
    {
        var engine = runtime.Engine;
        JsValue? factory = null;
        var calls = 0;
        var global = engine.Global;
        HostFunctions.Method(global, "definePlugin", 1, (_, args) =>
        {
            if (++calls > 1) throw LoadError("definePlugin must be called exactly once");
            var candidate = HostFunctions.Arg(args, 0);
            if (!candidate.IsObject() || candidate.AsObject() is not Jint.Native.Function.Function)
                throw LoadError("definePlugin requires a factory function");
            factory = candidate;
            return JsValue.Undefined;
        });
        var modules = new ModuleLoader(runtime, options);
        var require = HostFunctions.Create(engine, 1, modules.Require);
        global.FastSetProperty("require", new Jint.Runtime.Descriptors.PropertyDescriptor(require, Jint.Runtime.Descriptors.PropertyFlag.Writable | Jint.Runtime.Descriptors.PropertyFlag.Configurable));
        HostFunctions.Field(global, "console", ConsoleBridge.Create(engine, runtime.Budget, options.Log));

        engine.Execute(program.Prepared);
        runtime.RunJobs();
        if (factory is null) throw new SandboxException(SandboxErrorCodes.PluginLoadError, "Plugin did not register via definePlugin");

        var ctx = new JsObject(engine);
        HostFunctions.Field(ctx, "ui", UiHelpers.Create(engine));
        // The same function object as the global: one host function less per sandbox.
        HostFunctions.Field(ctx, "require", require);
        var definition = runtime.Call(factory, JsValue.Undefined, ctx);
        if (!IsPlainObject(definition)) throw LoadError("definePlugin factory must return an object");
        return Read(runtime, definition.AsObject());
    }

    private static PluginDefinition Read(SandboxRuntime runtime, ObjectInstance definition)
    {
        var declaredId = definition.Get("id") is var id && (id.IsUndefined() || id.IsNull()) ? null : TypeConverter.ToString(id);
        var title = OptionalString(definition, "title") ?? DefaultTitle;
        var description = OptionalString(definition, "description") ?? "";
        var initial = definition.Get("initialState");
        var initialState = initial.IsUndefined() ? new JsonObject() : ScriptJson.State(runtime.Budget, runtime.Limits, initial, "initialState");

        var reducersValue = definition.Get("reducers");
        ObjectInstance? reducers = null;
        if (!reducersValue.IsUndefined() && !reducersValue.IsNull())
            reducers = IsPlainObject(reducersValue) ? reducersValue.AsObject() : throw LoadError("Plugin reducers must be an object");

        var widgetsValue = definition.Get("widgets");
        if (!IsPlainObject(widgetsValue)) throw LoadError("Plugin widgets must be an object");
        var widgetsObject = widgetsValue.AsObject();
        var widgets = new Dictionary<string, WidgetDefinition>(StringComparer.Ordinal);
        var names = widgetsObject.GetOwnProperties().Where(p => p.Value.Enumerable && p.Key.IsString()).Select(p => p.Key.AsString()).ToList();
        foreach (var name in names)
        {
            var widget = widgetsObject.Get(name);
            if (!widget.IsObject()) throw LoadError($"Widget \"{name}\" must have a render function");
            var render = widget.AsObject().Get("render");
            if (!render.IsObject() || render.AsObject() is not Jint.Native.Function.Function)
                throw LoadError($"Widget \"{name}\" must have a render function");
            var handlersValue = widget.AsObject().Get("handlers");
            ObjectInstance? handlers = null;
            if (!handlersValue.IsUndefined() && !handlersValue.IsNull())
                handlers = IsPlainObject(handlersValue) ? handlersValue.AsObject() : throw LoadError($"Widget \"{name}\" handlers must be an object");
            widgets[name] = new WidgetDefinition(widget.AsObject(), render, handlers);
        }

        var metadata = new PluginMetadata(declaredId, title, description, initialState, names);
        return new PluginDefinition(metadata, widgets, reducers);
    }

    private static string? OptionalString(ObjectInstance obj, string key)
    {
        var value = obj.Get(key);
        return value.IsUndefined() || value.IsNull() ? null : TypeConverter.ToString(value);
    }

    private static bool IsPlainObject(JsValue value) =>
        value.IsObject() && value.AsObject() is not Jint.Native.Function.Function && !value.IsArray();

    private static SandboxAbort LoadError(string message) => SandboxAbort.Of(SandboxErrorCodes.PluginLoadError, message);
}
