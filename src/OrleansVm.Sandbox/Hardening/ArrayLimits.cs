using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>
/// Jint's array built-ins loop over <c>length</c>, not over the elements that exist, inside one
/// native call. No array that fits the memory budget is this long, so a longer one is sparse
/// and walking it would only burn time or memory.
/// </summary>
internal static class ArrayLimits
{
    public const uint MaxLength = 1 << 18;

    public static uint CheckedLength(Engine engine, JsValue thisValue, CallBudget budget, string method)
    {
        var target = TypeConverter.ToObject(engine, thisValue);
        var length = TypeConverter.ToUint32(target.Get("length"));
        if (length > MaxLength)
            throw SandboxAbort.Limit("memory", $"Array.prototype.{method} refused an array of length {length} (limit {MaxLength})");
        budget.Check();
        return length;
    }

    public static void CheckConcatArguments(Engine engine, JsValue[] args, CallBudget budget)
    {
        double total = 0;
        foreach (var arg in args)
        {
            if (arg.IsObject() && arg.AsObject() is ObjectInstance o && o.Class == "Array")
                total += TypeConverter.ToUint32(o.Get("length"));
            if (total > MaxLength)
                throw SandboxAbort.Limit("memory", $"Array.prototype.concat refused a result longer than {MaxLength}");
        }
    }
}
