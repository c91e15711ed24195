using System.Collections;
using System.Reflection;
using System.Text;
using Jint.Native;
using Jint.Native.Object;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// Proves that an engine keeps at least a number of bytes, by walking what a plugin can reach from
/// its globals and its definition (widgets, handlers, reducers): objects, arrays, functions' own
/// properties and their scopes (closure variables, top-level <c>let</c>/<c>const</c>), strings. It is a
/// lower bound: Maps, Sets, buffers, private fields and Proxies are not entered (a Proxy would run
/// script code), so a plugin keeping its bytes there is not proven; it still loses its engine
/// (<see cref="PluginSandbox"/> decides that with the allocation bound, which sees everything).
/// Runs only on an engine that is being dropped, so materializing lazy built-ins while reading does
/// not matter; stops at the proof or after <see cref="MaxNodes"/> values, so its cost is bounded.
/// Jint 4.18 keeps scopes and non-flat strings in internal types: their fields are read by
/// reflection (pinned version; a test walks each kind, so a rename fails a test, not silently).
/// </summary>
internal sealed class KeptMemoryProbe
{
    /// <summary>The most values one walk visits.</summary>
    public const int MaxNodes = 200_000;

    // Low 64-bit sizes of Jint 4.18 values (object with property storage; one property or binding; a
    // .NET string header): the result must stay a lower bound.
    private const long ObjectBytes = 32;
    private const long SlotBytes = 24;
    private const long StringHeaderBytes = 24;

    private const BindingFlags Fields = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
    private static readonly Assembly JintAssembly = typeof(JsValue).Assembly;
    private static readonly FieldInfo FunctionScope = Field(typeof(Jint.Native.Function.Function), "_environment");
    private static readonly Type EnvironmentType = Type("Jint.Runtime.Environments.Environment");
    private static readonly FieldInfo OuterScope = Field(EnvironmentType, "_outerEnv");
    private static readonly Type DeclarativeType = Type("Jint.Runtime.Environments.DeclarativeEnvironment");
    private static readonly FieldInfo ScopeSlots = Field(DeclarativeType, "_slots");
    private static readonly FieldInfo ScopeDictionary = Field(DeclarativeType, "_dictionary");
    private static readonly FieldInfo BindingValue = Field(Type("Jint.Runtime.Environments.Binding"), "_value");
    private static readonly Type GlobalScopeType = Type("Jint.Runtime.Environments.GlobalEnvironment");
    private static readonly FieldInfo GlobalLexicals = Field(GlobalScopeType, "_declarativeRecord");
    private static readonly FieldInfo ConcatenatedBuilder = Field(Type("Jint.Native.JsString+ConcatenatedString"), "_stringBuilder");
    private static readonly FieldInfo SlicedSource = Field(Type("Jint.Native.JsString+SlicedString"), "_source");
    private static readonly Type RopeType = Type("Jint.Native.JsString+RopeString");
    private static readonly FieldInfo RopeLeft = Field(RopeType, "_left");
    private static readonly FieldInfo RopeRight = Field(RopeType, "_right");

    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<object> _pending = new();
    private readonly long _bytes;
    private long _found;
    private int _nodes;

    private KeptMemoryProbe(long bytes) => _bytes = bytes;

    /// <summary>True when the values reachable from <paramref name="roots"/> take at least <paramref name="bytes"/>.</summary>
    public static bool KeepsAtLeast(IEnumerable<JsValue> roots, long bytes) => new KeptMemoryProbe(bytes).Walk(roots);

    private bool Done => _found >= _bytes || _nodes >= MaxNodes;

    private bool Walk(IEnumerable<JsValue> roots)
    {
        foreach (var root in roots) Value(root);
        while (!Done && _pending.TryPop(out var next))
        {
            if (next is ObjectInstance obj) Object(obj);
            else Scope(next);
        }
        return _found >= _bytes;
    }

    private void Value(object? value)
    {
        if (value is null || Done) return;
        _nodes++;
        switch (value)
        {
            case JsString text:
                Text(text);
                break;
            case ObjectInstance obj when Enterable(obj):
                if (_seen.Add(obj)) _pending.Push(obj);
                break;
        }
    }

    // Each kind of string counted once per buffer it keeps alive.
    private void Text(JsString text)
    {
        if (!_seen.Add(text)) return;
        var type = text.GetType();
        if (type == typeof(JsString))
        {
            Chars(text.ToString());
        }
        else if (type == RopeType)
        {
            Value(RopeLeft.GetValue(text));
            Value(RopeRight.GetValue(text));
        }
        else if (ConcatenatedBuilder.DeclaringType == type)
        {
            if (ConcatenatedBuilder.GetValue(text) is StringBuilder builder && _seen.Add(builder)) _found += 2L * builder.Length;
        }
        else if (SlicedSource.DeclaringType == type)
        {
            Chars(SlicedSource.GetValue(text) as string);
        }
    }

    private void Chars(string? chars)
    {
        if (chars is not null && _seen.Add(chars)) _found += StringHeaderBytes + 2L * chars.Length;
    }

    private void Object(ObjectInstance obj)
    {
        _found += ObjectBytes;
        Value(obj.Prototype);
        if (obj is Jint.Native.Function.Function) Environment(FunctionScope.GetValue(obj));
        foreach (var (key, property) in obj.GetOwnProperties())
        {
            if (Done) return;
            _found += SlotBytes;
            Value(key);
            // Accessors are not called: only a data property's value is read.
            if (property.IsDataDescriptor())
            {
                Value(property.Value);
            }
            else
            {
                Value(property.Get);
                Value(property.Set);
            }
        }
    }

    private void Environment(object? scope)
    {
        if (scope is not null && _seen.Add(scope)) _pending.Push(scope);
    }

    private void Scope(object scope)
    {
        _found += ObjectBytes;
        Environment(OuterScope.GetValue(scope));
        if (GlobalScopeType.IsInstanceOfType(scope))
        {
            Environment(GlobalLexicals.GetValue(scope));
            return; // the global object itself is a root
        }
        if (!DeclarativeType.IsInstanceOfType(scope)) return;
        if (ScopeSlots.GetValue(scope) is Array slots)
        {
            foreach (var binding in slots) Binding(binding);
        }
        if (ScopeDictionary.GetValue(scope) is IEnumerable named)
        {
            foreach (var entry in named)
            {
                if (Done) return;
                Binding(EntryValue(entry));
            }
        }
    }

    private void Binding(object? binding)
    {
        if (binding is null || Done) return;
        _found += SlotBytes;
        Value(BindingValue.GetValue(binding));
    }

    // Jint's dictionaries enumerate KeyValuePairs through the generic interface and their own nodes through the other.
    private static object? EntryValue(object? entry)
    {
        if (entry is null) return null;
        var type = entry.GetType();
        return type.GetProperty("Value")?.GetValue(entry) ?? type.GetField("Value", Fields)?.GetValue(entry);
    }

    // Ordinary objects only: a Proxy's traps, typed arrays' and exotic objects' property reads are not plain reads.
    private static bool Enterable(ObjectInstance obj) =>
        obj is JsObject or JsArray or Jint.Native.Function.Function or Jint.Native.Global.GlobalObject && !obj.GetType().Name.Contains("Proxy", StringComparison.Ordinal);

    private static Type Type(string name) => JintAssembly.GetType(name, throwOnError: true)!;

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, Fields) ?? throw new MissingFieldException(type.FullName, name);
}
