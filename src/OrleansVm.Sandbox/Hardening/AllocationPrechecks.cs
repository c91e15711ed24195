using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>
/// Worst-case result sizes of the natives whose output can dwarf their input (measured on 4.18:
/// <c>'x'.repeat(5e8)</c> allocated 1 GB under a 32 MiB LimitMemory, which is checked only before
/// statements). <see cref="NativeGuards"/> refuses the call when the estimate does not fit what is
/// left of the budget. Arguments an estimate needs are converted once here and passed on as
/// primitives, so script-defined <c>toString</c>/<c>valueOf</c> still run exactly once.
/// </summary>
internal static class AllocationPrechecks
{
    private const int BytesPerChar = 2;
    // A string element of a split/match result: the array slot, the JsString and the .NET string.
    private const int BytesPerResultString = 64;

    public delegate double Estimate(ref JsValue thisValue, JsValue[] args);

    /// <summary>The per-native estimates, by holder ("" = the global object) and name.</summary>
    public static IEnumerable<(string Holder, string Name, Estimate Estimate)> All()
    {
        yield return ("String.prototype", "repeat", Repeat);
        yield return ("String.prototype", "padStart", Pad);
        yield return ("String.prototype", "padEnd", Pad);
        yield return ("String.prototype", "replace", Replace);
        yield return ("String.prototype", "replaceAll", Replace);
        yield return ("String.prototype", "concat", StringConcat);
        yield return ("String.prototype", "split", Split);
        yield return ("String.prototype", "match", Split);
        yield return ("String.prototype", "normalize", ScaledThis(4));
        yield return ("String.prototype", "toUpperCase", ScaledThis(3));
        yield return ("String.prototype", "toLowerCase", ScaledThis(3));
        yield return ("Array.prototype", "join", Join);
        yield return ("Array.prototype", "toString", Join);
        yield return ("Array.prototype", "toLocaleString", Join);
        yield return ("", "encodeURI", ScaledArg(9));
        yield return ("", "encodeURIComponent", ScaledArg(9));
        yield return ("", "escape", ScaledArg(6));
    }

    private static JsValue Arg(JsValue[] args, int i) => i < args.Length ? args[i] : JsValue.Undefined;

    /// <summary>The receiver as a string, converted once (and replaced by it); null when it cannot be (the native then throws).</summary>
    private static string? ThisString(ref JsValue thisValue)
    {
        if (thisValue.IsNull() || thisValue.IsUndefined()) return null;
        if (!thisValue.IsString()) thisValue = new JsString(TypeConverter.ToString(thisValue));
        return thisValue.AsString();
    }

    private static string ArgString(JsValue[] args, int i)
    {
        if (!args[i].IsString()) args[i] = new JsString(TypeConverter.ToString(args[i]));
        return args[i].AsString();
    }

    private static double ArgNumber(JsValue[] args, int i)
    {
        if (!args[i].IsNumber()) args[i] = JsNumber.Create(TypeConverter.ToNumber(args[i]));
        return args[i].AsNumber();
    }

    private static Estimate ScaledThis(int factor) => (ref JsValue thisValue, JsValue[] args) =>
        (ThisString(ref thisValue)?.Length ?? 0) * (double)factor * BytesPerChar;

    private static Estimate ScaledArg(int factor) => (ref JsValue thisValue, JsValue[] args) =>
        args.Length == 0 ? 0 : ArgString(args, 0).Length * (double)factor * BytesPerChar;

    private static double Repeat(ref JsValue thisValue, JsValue[] args)
    {
        var s = ThisString(ref thisValue);
        if (s is null || args.Length == 0) return 0;
        var count = ArgNumber(args, 0);
        return double.IsFinite(count) && count > 0 ? s.Length * count * BytesPerChar : 0;
    }

    private static double Pad(ref JsValue thisValue, JsValue[] args)
    {
        if (ThisString(ref thisValue) is null || args.Length == 0) return 0;
        var target = ArgNumber(args, 0);
        return double.IsFinite(target) && target > 0 ? target * BytesPerChar : 0;
    }

    private static double StringConcat(ref JsValue thisValue, JsValue[] args)
    {
        double total = ThisString(ref thisValue)?.Length ?? 0;
        for (var i = 0; i < args.Length; i++) total += ArgString(args, i).Length;
        return total * BytesPerChar;
    }

    private static double Split(ref JsValue thisValue, JsValue[] args)
    {
        var s = ThisString(ref thisValue);
        return s is null ? 0 : (s.Length + 1.0) * BytesPerResultString;
    }

    /// <summary>
    /// Every match (at most length + 1) is replaced by the replacement; a replacement with <c>$</c>
    /// patterns can insert up to the whole string per match (<c>$'</c>). When that bound does not fit,
    /// the matches of a string pattern are counted exactly. A function replacement is script code:
    /// its results are allocated under the statement checks.
    /// </summary>
    private static double Replace(ref JsValue thisValue, JsValue[] args)
    {
        var s = ThisString(ref thisValue);
        if (s is null || args.Length < 2 || args[1] is Jint.Native.Function.Function) return 0;
        var replacement = ArgString(args, 1);
        var perMatch = replacement.Contains('$') ? replacement.Length * (double)(s.Length + 1) : replacement.Length;
        var bound = (s.Length + (s.Length + 1.0) * perMatch) * BytesPerChar;
        if (!args[0].IsString()) return bound;
        var pattern = args[0].AsString();
        var matches = Occurrences(s, pattern);
        return (s.Length + matches * perMatch) * BytesPerChar;
    }

    private static double Occurrences(string s, string pattern)
    {
        if (pattern.Length == 0) return s.Length + 1.0;
        var count = 0;
        for (var i = s.IndexOf(pattern, StringComparison.Ordinal); i >= 0; i = s.IndexOf(pattern, i + pattern.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    /// <summary>Separators plus the string elements (read as data properties: no getter runs twice).</summary>
    private static double Join(ref JsValue thisValue, JsValue[] args)
    {
        if (thisValue is not ObjectInstance obj) return 0;
        var lengthProperty = obj.GetOwnProperty("length");
        if (lengthProperty == PropertyDescriptor.Undefined || lengthProperty.Value is not { } lengthValue || !lengthValue.IsNumber()) return 0;
        var length = lengthValue.AsNumber();
        if (!(length > 1)) return 0;
        var separator = args.Length > 0 && !args[0].IsUndefined() ? ArgString(args, 0).Length : 1;
        var total = (length - 1) * separator;
        if (obj.IsArray())
        {
            for (uint i = 0; i < (uint)length; i++)
            {
                var element = obj.GetOwnProperty(i);
                if (element != PropertyDescriptor.Undefined && element.Value is { } v && v.IsString()) total += v.AsString().Length;
            }
        }
        return total * BytesPerChar;
    }
}
