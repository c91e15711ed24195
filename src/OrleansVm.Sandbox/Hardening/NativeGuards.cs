using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>
/// What Jint 4.18's options leave open inside native calls, closed by replacing each built-in
/// method with a host function of the same name and length that checks, then calls the original:
/// <list type="bullet">
/// <item>natives calling natives with no script frame between them (<c>o.valueOf =
/// Object.prototype.toLocaleString</c>, bound natives, native getters) recurse past Jint's
/// StackOverflowGuard, which probes only at script function entry: measured, such a cycle killed
/// the process. Every guarded native checks the stack first and ends the call (LIMIT_EXCEEDED depth).</item>
/// <item>LimitMemory is checked before statements only, so many allocating natives in one
/// expression, or one native with a huge result, go past it: every guarded native first checks
/// the call's allocation so far, and those in <see cref="AllocationPrechecks"/> their worst-case result.</item>
/// <item>Array methods loop over <c>length</c> inside one native call, out of reach of the deadline:
/// a receiver longer than the largest array the limits allow (so sparse, or an array-like) is refused.</item>
/// </list>
/// </summary>
internal static class NativeGuards
{
    // A native-only cycle needs natives that call back into an object the script controls: through
    // their receiver, or through their arguments, which a script can fix only with bind (guarded
    // below) or a callback (Array and String methods, guarded here). So: every String and Array
    // method (each coerces `this`, or reads its length and elements, which may be getters) and every
    // Iterator helper (each calls this.next); elsewhere only the methods that call a method or a
    // getter of their receiver (the rest check `this` first and throw, e.g. every other Date method).
    // Static functions (Math, JSON, Reflect, Object, isNaN…) are reached only through bind.
    private static readonly Dictionary<string, string[]?> Holders = new()
    {
        ["String.prototype"] = null,
        ["Array.prototype"] = null,
        ["Iterator.prototype"] = null,
        ["Object.prototype"] = ["toString", "toLocaleString"],
        ["Function.prototype"] = ["call", "apply", "bind"],
        ["RegExp.prototype"] = ["test", "toString", "flags", "Symbol(Symbol.match)", "Symbol(Symbol.matchAll)", "Symbol(Symbol.replace)", "Symbol(Symbol.search)", "Symbol(Symbol.split)"],
        ["Date.prototype"] = ["toJSON"],
        ["Error.prototype"] = ["toString"],
    };

    // Global functions guarded only for their allocation estimate.
    private static readonly string[] GlobalFunctions = ["encodeURI", "encodeURIComponent", "escape"];

    public static void Apply(Engine engine, CallBudget budget, double maxArrayLength)
    {
        var estimates = AllocationPrechecks.All().ToDictionary(e => (e.Holder, e.Name), e => e.Estimate);
        foreach (var name in GlobalFunctions)
        {
            var descriptor = engine.Global.GetOwnProperty(name);
            if (descriptor.Value is Function function && estimates.TryGetValue(("", name), out var estimate))
                engine.Global.DefineOwnProperty(name, new PropertyDescriptor(Guard(engine, budget, name, function, estimate, double.PositiveInfinity, false), Flags(descriptor)));
        }
        foreach (var (holderName, only) in Holders)
        {
            if (Resolve(engine.Global, holderName) is not { } holder) continue;
            var maxLength = holderName == "Array.prototype" ? maxArrayLength : double.PositiveInfinity;
            foreach (var (key, descriptor) in holder.GetOwnProperties().ToList())
            {
                var name = key.IsString() ? key.AsString() : key.ToString();
                if (only is not null && !only.Contains(name)) continue;
                estimates.TryGetValue((holderName, name), out var estimate);
                if (descriptor.IsDataDescriptor())
                {
                    // Constructors are skipped: a wrapper is not constructible.
                    if (descriptor.Value is not Function function || function.IsConstructor() || function is ClrFunction or GuardedFunction) continue;
                    var isBind = holderName == "Function.prototype" && name == "bind";
                    var wrapper = Guard(engine, budget, name, function, estimate, maxLength, isBind);
                    holder.DefineOwnProperty(key, new PropertyDescriptor(wrapper, Flags(descriptor)));
                }
                else if (descriptor.Get is Function getter && getter is not (ClrFunction or GuardedFunction))
                {
                    var wrapper = Guard(engine, budget, name, getter, null, double.PositiveInfinity, false);
                    holder.DefineOwnProperty(key, new GetSetPropertyDescriptor(wrapper, descriptor.Set, descriptor.Enumerable, descriptor.Configurable));
                }
            }
        }
    }

    private static PropertyFlag Flags(PropertyDescriptor descriptor) =>
        (descriptor.Writable ? PropertyFlag.Writable : PropertyFlag.None)
        | (descriptor.Enumerable ? PropertyFlag.Enumerable : PropertyFlag.None)
        | (descriptor.Configurable ? PropertyFlag.Configurable : PropertyFlag.None);

    private static ObjectInstance? Resolve(ObjectInstance global, string path)
    {
        JsValue current = global;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current is not ObjectInstance obj) return null;
            var descriptor = obj.GetOwnProperty(part);
            if (descriptor == PropertyDescriptor.Undefined || descriptor.Value is null) return null;
            current = descriptor.Value;
        }
        return current as ObjectInstance;
    }

    private static GuardedFunction Guard(Engine engine, CallBudget budget, string name, Function original,
        AllocationPrechecks.Estimate? estimate, double maxLength, bool isBind) =>
        // The original's own name ("trim", "[Symbol.replace]", "get flags"), not the property key.
        new(engine, original.Get("name") is { } n && n.IsString() ? n.AsString() : name, original, budget, estimate, maxLength, isBind);

    /// <summary>
    /// The receiver's length as the Array method will see it, read without running script twice:
    /// a data property (own or inherited), else 0. An accessor length on an ordinary object would let
    /// the native loop over billions of empty slots with no script in between, so it is refused.
    /// </summary>
    public static double LengthOf(Engine engine, JsValue thisValue)
    {
        if (thisValue is JsArray array) return array.Length;
        for (var obj = thisValue as ObjectInstance; obj is not null; obj = obj.Prototype)
        {
            var descriptor = obj.GetOwnProperty("length");
            if (descriptor == PropertyDescriptor.Undefined) continue;
            if (descriptor.IsAccessorDescriptor())
                throw new JavaScriptException(engine.Intrinsics.TypeError, "Array methods do not accept an array-like whose length is an accessor");
            return descriptor.Value is { } value && value.IsNumber() ? value.AsNumber() : 0;
        }
        return 0;
    }
}
