using System.Text.Json.Nodes;
using Jint.Native;
using Jint.Native.Object;
using OrleansVm.Sandbox.Hardening;

namespace OrleansVm.Sandbox;

/// <summary>Builds a module's exports object for one sandbox.</summary>
public sealed class NativeModuleBuilder
{
    private readonly ObjectInstance _exports;

    internal NativeModuleBuilder(ObjectInstance exports, NativeModuleContext context)
    {
        _exports = exports;
        Context = context;
    }

    /// <summary>Per-sandbox services: JSON conversion, errors and the current call's kv map.</summary>
    public NativeModuleContext Context { get; }

    /// <summary>Adds <c>name(args...)</c>; the body receives the raw arguments and returns a plain JS value.</summary>
    public void Function(string name, int length, Func<JsValue[], JsValue> body) =>
        HostFunctions.Field(_exports, name, HostFunctions.Create(_exports.Engine, length, (_, args) => body(args)));

    public void Value(string name, JsValue value) => HostFunctions.Field(_exports, name, value);

    public void Value(string name, JsonNode? value) => Value(name, Context.ToJs(value));
}
