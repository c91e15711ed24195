using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime.Descriptors;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>
/// A built-in method replaced by <see cref="NativeGuards"/>: same name and length, and a call checks
/// the stack and the call's memory before running the original. A dedicated function type rather
/// than a ClrFunction over a closure: an engine holds ~130 of these, so each costs only its fields.
/// </summary>
internal sealed class GuardedFunction : Function
{
    // Names are immutable JS strings: one instance per name for the whole process.
    private static readonly ConcurrentDictionary<string, JsString> Names = new(StringComparer.Ordinal);

    private readonly Function _original;
    private readonly CallBudget _budget;
    private readonly AllocationPrechecks.Estimate? _estimate;
    private readonly double _maxLength;
    private readonly bool _guardsBoundResult;

    public GuardedFunction(Engine engine, string name, Function original, CallBudget budget,
        AllocationPrechecks.Estimate? estimate, double maxLength, bool guardsBoundResult)
        : base(engine, JintInternals.Realm(engine), Names.GetOrAdd(name, static n => new JsString(n)))
    {
        _original = original;
        _budget = budget;
        _estimate = estimate;
        _maxLength = maxLength;
        _guardsBoundResult = guardsBoundResult;
        Prototype = original.Prototype; // Function.prototype, as for every built-in
        DefineOwnProperty("length", new PropertyDescriptor(original.Get("length"), PropertyFlag.Configurable));
    }

    protected override JsValue Call(JsValue thisObject, JsValue[] arguments)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw CallBudget.DepthExceeded();
        _budget.EnsureCanAllocate(0);
        if (_maxLength < double.PositiveInfinity && NativeGuards.LengthOf(Engine, thisObject) > _maxLength) throw _budget.MemoryExceeded();
        if (_estimate is not null) _budget.EnsureCanAllocate(_estimate(ref thisObject, arguments));
        var result = _original.Call(thisObject, arguments);
        // A bound native (isNaN.bind(null, o), Number.bind(null, o)) passes a script object to a native
        // no other guard covers; the bound function is guarded instead (a bound script function is
        // left alone: Jint's own guards see its body).
        if (_guardsBoundResult && thisObject is Function target && target is not ScriptFunction && result is Function bound)
            return new GuardedFunction(Engine, "bound", bound, _budget, null, double.PositiveInfinity, false);
        return result;
    }
}
