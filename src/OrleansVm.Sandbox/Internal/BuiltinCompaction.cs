using System.Collections.Concurrent;
using System.Reflection;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// Shrinks what each engine keeps for its built-ins, once, before any plugin code runs (a live
/// sandbox is mostly its engine's ~190 built-in objects). Two changes, neither observable by a script:
/// <list type="bullet">
/// <item>number values of built-in properties (every function's <c>length</c>, Math/Number constants)
/// become process-wide shared instances: Jint 2.10 allocates a fresh 40-byte <see cref="JsValue"/> for
/// each, and a <see cref="JsValue"/> is immutable (Jint itself shares <c>JsValue.Undefined</c> etc.
/// across engines). Descriptors stay per engine: they are mutable.</item>
/// <item>property dictionaries grown by doubling are trimmed to their count (same dictionary object).</item>
/// </list>
/// Measured: ~10 KB less per live sandbox (7.5 KB of numbers, 2.6 KB of dictionary slack).
/// </summary>
internal static class BuiltinCompaction
{
    // The built-ins hold ~20 distinct numbers; the cap only guards against misuse.
    private const int MaxSharedNumbers = 1024;
    private static readonly ConcurrentDictionary<long, JsValue> Numbers = new();

    // MruPropertyCache2<string, PropertyDescriptor>._dictionary (Jint 2.10.4, pinned); internal type, so reflection.
    private static readonly FieldInfo? CacheDictionary = typeof(ObjectInstance).Assembly
        .GetType("Jint.Runtime.MruPropertyCache2`2")
        ?.MakeGenericType(typeof(string), typeof(PropertyDescriptor))
        .GetField("_dictionary", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Compacts everything reachable from the global object (and the engine's own eval).</summary>
    public static void Apply(Engine engine)
    {
        var seen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<ObjectInstance>();
        pending.Push(engine.Global);
        pending.Push(engine.Eval);
        while (pending.TryPop(out var obj))
        {
            if (!seen.Add(obj)) continue;
            if (obj.Prototype is { } prototype) pending.Push(prototype);
            var properties = JintInternals.OwnProperties(obj);
            foreach (var descriptor in properties.Values)
            {
                Visit(descriptor.Value, pending);
                Visit(descriptor.Get, pending);
                Visit(descriptor.Set, pending);
                if (descriptor.Value is { } value && value.IsNumber()) descriptor.Value = Shared(value);
            }
            Trim(properties);
        }
    }

    /// <summary>Shares the number value of a host function's <c>length</c> (created per function by Jint).</summary>
    public static void ShareLength(ObjectInstance function)
    {
        if (JintInternals.OwnProperties(function).TryGetValue("length", out var length) && length.Value is { } value && value.IsNumber())
            length.Value = Shared(value);
    }

    /// <summary>One instance per bit pattern, so -0 and NaN payloads stay exactly what they were.</summary>
    private static JsValue Shared(JsValue number)
    {
        var bits = BitConverter.DoubleToInt64Bits(number.AsNumber());
        if (Numbers.TryGetValue(bits, out var shared)) return shared;
        return Numbers.Count < MaxSharedNumbers ? Numbers.GetOrAdd(bits, number) : number;
    }

    private static void Visit(JsValue? value, Stack<ObjectInstance> pending)
    {
        if (value is not null && value.IsObject()) pending.Push(value.AsObject());
    }

    private static void Trim(IDictionary<string, PropertyDescriptor> properties)
    {
        if (CacheDictionary?.DeclaringType?.IsInstanceOfType(properties) == true
            && CacheDictionary.GetValue(properties) is Dictionary<string, PropertyDescriptor> dictionary)
            dictionary.TrimExcess();
    }
}
