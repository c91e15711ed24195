using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>Helpers to expose host code to scripts as plain JS functions over JsValue (never CLR objects).</summary>
internal static class HostFunctions
{
    public static ClrFunction Create(Engine engine, int length, Func<JsValue, JsValue[], JsValue> body, string name = "") =>
        new(engine, name, body, length, PropertyFlag.Configurable);

    /// <summary>Adds a method the script may overwrite (like a built-in: writable, configurable, not enumerable).</summary>
    public static void Method(ObjectInstance target, string name, int length, Func<JsValue, JsValue[], JsValue> body) =>
        target.FastSetProperty(name, new PropertyDescriptor(Create(target.Engine, length, body, name), PropertyFlag.Writable | PropertyFlag.Configurable));

    /// <summary>Adds an enumerable data property, as an object literal would.</summary>
    public static void Field(ObjectInstance target, string name, JsValue value) =>
        target.FastSetProperty(name, new PropertyDescriptor(value, PropertyFlag.ConfigurableEnumerableWritable));

    public static void Locked(ObjectInstance target, string name, JsValue value) =>
        target.FastSetProperty(name, new PropertyDescriptor(value, PropertyFlag.None));

    public static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;
}
