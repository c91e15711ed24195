using Jint.Native;
using Jint.Native.Object;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// Proves that an engine keeps at least a number of bytes, by walking what a plugin can reach from
/// its globals and from its definition (widgets, handlers, reducers): plain objects, arrays,
/// functions' own properties and strings. It is a lower bound: closures' scopes, Maps, Sets,
/// buffers and Proxies are not entered (a Proxy would run script code), so a plugin keeping its
/// bytes there is not proven and only loses its engine (<see cref="PluginSandbox"/> decides with
/// the allocation bound, which sees everything). It runs only on an engine that is being dropped,
/// so materializing lazy built-ins while reading them does not matter; the walk stops at the proof
/// or after <see cref="MaxNodes"/> values, so its cost is bounded whatever the engine holds.
/// </summary>
internal static class KeptMemoryProbe
{
    /// <summary>The most values one walk visits (about a few tens of milliseconds).</summary>
    public const int MaxNodes = 200_000;

    // Rough 64-bit sizes of Jint 4.18 values: an object with its property storage, one property
    // (key, descriptor, slot), a string's header. Low on purpose: the result must stay a lower bound.
    private const long ObjectBytes = 32;
    private const long PropertyBytes = 24;
    private const long StringHeaderBytes = 24;

    /// <summary>True when the values reachable from <paramref name="roots"/> take at least <paramref name="bytes"/>.</summary>
    public static bool KeepsAtLeast(IEnumerable<JsValue> roots, long bytes)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<ObjectInstance>();
        long found = 0;
        var nodes = 0;

        void Visit(JsValue? value)
        {
            if (value is null) return;
            if (value is JsString text)
            {
                if (seen.Add(text)) found += StringHeaderBytes + 2L * text.Length;
            }
            else if (value is ObjectInstance obj && Enterable(obj) && seen.Add(obj))
            {
                pending.Push(obj);
            }
        }

        foreach (var root in roots) Visit(root);
        while (found < bytes && nodes < MaxNodes && pending.TryPop(out var obj))
        {
            found += ObjectBytes;
            Visit(obj.Prototype);
            foreach (var (key, property) in obj.GetOwnProperties())
            {
                if (++nodes >= MaxNodes || found >= bytes) break;
                found += PropertyBytes;
                Visit(key);
                // Accessors are not called: only a data property's value is read.
                if (property.IsDataDescriptor()) Visit(property.Value);
                else
                {
                    Visit(property.Get);
                    Visit(property.Set);
                }
            }
        }
        return found >= bytes;
    }

    // Ordinary objects only: a Proxy's traps, typed arrays' and exotic objects' property reads are not plain reads.
    private static bool Enterable(ObjectInstance obj) =>
        obj is JsObject or JsArray or Jint.Native.Function.Function && !obj.GetType().Name.Contains("Proxy", StringComparison.Ordinal);
}
