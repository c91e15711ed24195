using System.Globalization;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>
/// join / toString / toLocaleString of Array.prototype, rewritten so one call cannot build a
/// string past the memory budget (e.g. <c>new Array(2147483647).join('x')</c>) nor recurse on
/// nested or cyclic arrays without a stack check.
/// </summary>
internal sealed class SafeArrayJoin(Engine engine, CallBudget budget, JsValue objectToString)
{
    public JsValue Join(JsValue thisValue, JsValue[] args)
    {
        CallBudget.CheckStack();
        var target = TypeConverter.ToObject(engine, thisValue);
        var length = ArrayLimits.CheckedLength(engine, target, budget, "join");
        var separatorArg = HostFunctions.Arg(args, 0);
        var separator = separatorArg.IsUndefined() ? "," : TypeConverter.ToString(separatorArg);
        if (length == 0) return new JsValue("");
        budget.EnsureCanAllocate(2.0 * separator.Length * (length - 1));
        return new JsValue(Build(length, separator, k => Element(target.Get(Index(k)))));
    }

    public JsValue ToString(JsValue thisValue, JsValue[] args)
    {
        CallBudget.CheckStack();
        var target = TypeConverter.ToObject(engine, thisValue);
        var join = target.Get("join");
        var callable = join.IsObject() ? join.AsObject() as ICallable : null;
        return callable is not null
            ? callable.Call(target, Arguments.Empty)
            : ((ICallable)objectToString.AsObject()).Call(target, Arguments.Empty);
    }

    public JsValue ToLocaleString(JsValue thisValue, JsValue[] args)
    {
        CallBudget.CheckStack();
        var target = TypeConverter.ToObject(engine, thisValue);
        var length = ArrayLimits.CheckedLength(engine, target, budget, "toLocaleString");
        if (length == 0) return new JsValue("");
        return new JsValue(Build(length, ",", k =>
        {
            var element = target.Get(Index(k));
            if (element.IsUndefined() || element.IsNull()) return "";
            var boxed = TypeConverter.ToObject(engine, element);
            if (boxed.Get("toLocaleString") is { } f && f.IsObject() && f.AsObject() is ICallable callable)
                return TypeConverter.ToString(callable.Call(boxed, Arguments.Empty));
            throw JsErrors.Type(engine, "toLocaleString is not a function");
        }));
    }

    private string Build(uint length, string separator, Func<uint, string> element)
    {
        var builder = new StringBuilder();
        for (uint k = 0; k < length; k++)
        {
            if (k > 0) builder.Append(separator);
            builder.Append(element(k));
            budget.EnsureCanAllocate(2.0 * builder.Length);
            if ((k & 1023) == 1023) budget.Check();
        }
        budget.EnsureCanAllocate(2.0 * builder.Length);
        return builder.ToString();
    }

    private static string Element(JsValue value) =>
        value.IsUndefined() || value.IsNull() ? "" : TypeConverter.ToString(value);

    private static string Index(uint k) => k < 16 ? SmallIndices[k] : k.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] SmallIndices = Enumerable.Range(0, 16).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
}
