using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>
/// Array.prototype.sort (ES5 15.4.4.11) as a stable merge sort. Jint's version uses
/// Array.Sort, which wraps every comparer exception in a new InvalidOperationException from
/// inside the comparison: a recursion through sort then rethrows once per level while all the
/// deeper frames are still on the stack, and unwinding alone overflows it. This one never
/// catches, and checks the budget as it goes.
/// </summary>
internal sealed class SafeArraySort(Engine engine, CallBudget budget)
{
    public JsValue Sort(JsValue thisValue, JsValue[] args)
    {
        CallBudget.CheckStack();
        var target = TypeConverter.ToObject(engine, thisValue);
        var length = ArrayLimits.CheckedLength(engine, target, budget, "sort");
        var compareArg = HostFunctions.Arg(args, 0);
        ICallable? compare = null;
        if (!compareArg.IsUndefined())
            compare = compareArg.IsObject() && compareArg.AsObject() is ICallable callable
                ? callable
                : throw JsErrors.Type(engine, "The comparison function must be either a function or undefined");

        var values = new List<JsValue>();
        var undefinedCount = 0;
        for (uint i = 0; i < length; i++)
        {
            var key = Key(i);
            if (!target.HasProperty(key)) continue;
            var value = target.Get(key);
            if (value.IsUndefined()) undefinedCount++; else values.Add(value);
        }

        var sorted = MergeSort(values, compare);
        uint index = 0;
        foreach (var value in sorted) target.Put(Key(index++), value, true);
        for (var u = 0; u < undefinedCount; u++) target.Put(Key(index++), JsValue.Undefined, true);
        for (; index < length; index++) target.Delete(Key(index), true);
        return target;
    }

    private JsValue[] MergeSort(List<JsValue> input, ICallable? compare)
    {
        var source = input.ToArray();
        var buffer = new JsValue[source.Length];
        var steps = 0;
        for (var width = 1; width < source.Length; width *= 2)
        {
            for (var left = 0; left < source.Length; left += 2 * width)
            {
                int mid = Math.Min(left + width, source.Length), right = Math.Min(left + 2 * width, source.Length);
                int i = left, j = mid, k = left;
                while (i < mid && j < right)
                {
                    if ((++steps & 255) == 0) budget.Check();
                    buffer[k++] = Compare(source[j], source[i], compare) < 0 ? source[j++] : source[i++];
                }
                while (i < mid) buffer[k++] = source[i++];
                while (j < right) buffer[k++] = source[j++];
            }
            (source, buffer) = (buffer, source);
        }
        return source;
    }

    private static double Compare(JsValue x, JsValue y, ICallable? compare)
    {
        if (compare is not null)
        {
            var result = TypeConverter.ToNumber(compare.Call(JsValue.Undefined, [x, y]));
            return double.IsNaN(result) ? 0 : result;
        }
        return string.CompareOrdinal(TypeConverter.ToString(x), TypeConverter.ToString(y));
    }

    private static string Key(uint i) => i.ToString(CultureInfo.InvariantCulture);
}
