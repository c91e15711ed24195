using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>Helpers to expose host code to scripts as plain JS functions over JsValue (never CLR objects).</summary>
internal static class HostFunctions
{
    public static ClrFunctionInstance Create(Engine engine, int length, Func<JsValue, JsValue[], JsValue> body)
    {
        var function = new ClrFunctionInstance(engine, body, length);
        BuiltinCompaction.ShareLength(function);
        return function;
    }

    /// <summary>Adds a method the script may overwrite (like a built-in: writable, configurable, not enumerable).</summary>
    public static void Method(ObjectInstance target, string name, int length, Func<JsValue, JsValue[], JsValue> body) =>
        target.FastAddProperty(name, Create(target.Engine, length, body), true, false, true);

    /// <summary>Adds an enumerable data property, as an object literal would.</summary>
    public static void Field(ObjectInstance target, string name, JsValue value) =>
        target.FastAddProperty(name, value, true, true, true);

    public static void Locked(ObjectInstance target, string name, JsValue value) =>
        target.FastSetProperty(name, new PropertyDescriptor(value, false, false, false));

    public static void LockedGetter(ObjectInstance target, string name, Func<JsValue, JsValue[], JsValue> getter) =>
        target.FastSetProperty(name, new PropertyDescriptor(Create(target.Engine, 0, getter), set: (JsValue?)null, enumerable: false, configurable: false));

    public static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;
}
