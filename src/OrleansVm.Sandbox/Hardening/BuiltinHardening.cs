using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>
/// Closes the gaps of Jint 2.10's built-ins for one engine, before any plugin code runs:
/// natives that can recurse into each other with no script frame in between check the budget
/// and the stack on entry, the natives that loop or allocate inside one call are bounded,
/// dynamic code is refused, and regexes get timeouts. Built-ins are rebound in place (their
/// body delegate is swapped), which keeps identity and costs almost no memory per sandbox.
/// </summary>
internal static class BuiltinHardening
{
    public const int MaxApplyArguments = 65536;
    private const int MaxJsonParseDepth = 256;

    public static RegexTimeouts Apply(Engine engine, CallBudget budget)
    {
        GuardThisCoercingNatives(engine, budget);
        var regexes = new RegexTimeouts(engine, budget);
        BlockDynamicCode(engine);
        HardenFunctionPrototype(engine, budget);
        HardenArrays(engine, budget);
        HardenJson(engine, budget);
        HardenStrings(engine, budget, regexes);
        HardenRegExp(engine, regexes);
        HardenUriEncoding(engine, budget);

        var global = engine.Global;
        HostFunctions.LockedGetter(global, HiddenGlobals.Guard, (_, _) =>
        {
            budget.Check();
            return JsValue.Undefined;
        });
        HostFunctions.Locked(global, HiddenGlobals.Plus, HostFunctions.Create(engine, 2, (_, args) => CheckedPlus(budget, args[0], args[1])));
        HostFunctions.Locked(global, HiddenGlobals.RegExpFactory, HostFunctions.Create(engine, 2, (_, args) =>
            regexes.Create(args[0].AsString(), args[1].AsString())));
        return regexes;
    }

    /// <summary>
    /// Natives that coerce or call into their <c>this</c> can form a cycle of natives with no script
    /// frame (and so no guard) in between: <c>o.toString = String.prototype.trim</c>,
    /// <c>o.toString = Object.prototype.toLocaleString</c>, a native as a getter of its own receiver.
    /// Those get a budget and stack check on entry. Natives that only read their arguments cannot
    /// loop back without bind, which is replaced by a checked version; Array natives are rebound below.
    /// </summary>
    private static void GuardThisCoercingNatives(Engine engine, CallBudget budget)
    {
        foreach (var (_, descriptor) in engine.String.PrototypeObject.GetOwnProperties().ToList())
            if (descriptor.Value is { } v && v.IsObject() && v.AsObject() is ClrFunctionInstance native) Guard(native, budget);
        string[] objectMethods = ["toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable"];
        foreach (var name in objectMethods) Guard(engine.Object.PrototypeObject, name, budget);
        Guard(engine.Function.PrototypeObject, "call", budget);
        Guard(engine.Function.PrototypeObject, "toString", budget);
        Guard(engine.Date.PrototypeObject, "toJSON", budget);
        Guard(engine.Error.PrototypeObject, "toString", budget);
    }

    private static void Guard(ObjectInstance target, string name, CallBudget budget)
    {
        if (target.GetOwnProperty(name).Value is { } v && v.IsObject() && v.AsObject() is ClrFunctionInstance native) Guard(native, budget);
    }

    private static void Guard(ClrFunctionInstance native, CallBudget budget)
    {
        ref var body = ref JintInternals.Body(native);
        var original = body;
        body = (thisValue, args) =>
        {
            budget.Check();
            return original(thisValue, args);
        };
    }

    /// <summary>
    /// Gives an existing built-in a new body (given its original one). Keeping the function
    /// object, rather than defining a new one, keeps identity and length and costs no memory.
    /// </summary>
    private static void Rebind(ObjectInstance target, string name,
        Func<Func<JsValue, JsValue[], JsValue>, Func<JsValue, JsValue[], JsValue>> body)
    {
        var native = (ClrFunctionInstance)target.GetOwnProperty(name).Value!.AsObject();
        ref var current = ref JintInternals.Body(native);
        current = body(current);
    }

    /// <summary>eval and the Function constructor would run code that bypassed the instrumentation.</summary>
    private static void BlockDynamicCode(Engine engine)
    {
        var refuseEval = new RefusingFunction(engine, "eval is not allowed in plugins");
        var refuseFunction = new RefusingFunction(engine, "The Function constructor is not allowed in plugins");
        refuseFunction.FastAddProperty("prototype", engine.Function.PrototypeObject, false, false, false);
        engine.Global.FastAddProperty("eval", refuseEval, true, false, true);
        engine.Global.FastAddProperty("Function", refuseFunction, true, false, true);
        engine.Function.PrototypeObject.FastSetProperty("constructor",
            new Jint.Runtime.Descriptors.PropertyDescriptor(refuseFunction, false, false, false));
    }

    private static void HardenFunctionPrototype(Engine engine, CallBudget budget)
    {
        var proto = engine.Function.PrototypeObject;
        Rebind(proto, "apply", apply => (thisValue, args) =>
        {
            var list = HostFunctions.Arg(args, 1);
            if (list.IsObject() && TypeConverter.ToUint32(list.AsObject().Get("length")) > MaxApplyArguments)
                throw JsErrors.Range(engine, "Maximum call stack size exceeded (too many arguments)");
            budget.Check();
            return apply(thisValue, args);
        });

        // Jint's bound functions call their target with no check in between; these check.
        Rebind(proto, "bind", _ => (thisValue, args) =>
        {
            if (!thisValue.IsObject() || thisValue.AsObject() is not ICallable target)
                throw JsErrors.Type(engine, "Bind must be called on a function");
            var boundThis = HostFunctions.Arg(args, 0);
            var boundArgs = args.Length > 1 ? args[1..] : Arguments.Empty;
            return HostFunctions.Create(engine, 0, (_, callArgs) =>
            {
                budget.Check();
                return target.Call(boundThis, boundArgs.Length == 0 ? callArgs : [.. boundArgs, .. callArgs]);
            });
        });
    }

    private static void HardenArrays(Engine engine, CallBudget budget)
    {
        var proto = engine.Array.PrototypeObject;
        var join = new SafeArrayJoin(engine, budget, engine.Object.PrototypeObject.Get("toString"));
        Rebind(proto, "join", _ => join.Join);
        Rebind(proto, "toString", _ => join.ToString);
        Rebind(proto, "toLocaleString", _ => join.ToLocaleString);
        Rebind(proto, "sort", _ => new SafeArraySort(engine, budget).Sort);

        string[] lengthBound = ["concat", "indexOf", "lastIndexOf", "reverse", "slice", "splice", "shift",
            "unshift", "forEach", "map", "filter", "some", "every", "reduce", "reduceRight", "push", "pop"];
        foreach (var name in lengthBound)
        {
            Rebind(proto, name, original => (thisValue, args) =>
            {
                CallBudget.CheckStack();
                if (name is not ("push" or "pop")) ArrayLimits.CheckedLength(engine, thisValue, budget, name);
                else budget.Check();
                if (name == "concat") ArrayLimits.CheckConcatArguments(engine, args, budget);
                return original(thisValue, args);
            });
        }
    }

    private static void HardenJson(Engine engine, CallBudget budget)
    {
        var json = engine.Json;
        Rebind(json, "stringify", _ => new SafeJsonStringify(engine, budget).Stringify);
        Rebind(json, "parse", parse => (thisValue, args) =>
        {
            budget.Check();
            var text = TypeConverter.ToString(HostFunctions.Arg(args, 0));
            if (JsonNesting.MaxDepth(text) > MaxJsonParseDepth)
                throw SandboxAbort.Limit("depth", $"JSON.parse input is nested deeper than {MaxJsonParseDepth}");
            budget.EnsureCanAllocate(40.0 * text.Length);
            return parse(thisValue, [new JsValue(text), .. args.Skip(1)]);
        });
    }

    private static void HardenStrings(Engine engine, CallBudget budget, RegexTimeouts regexes)
    {
        var proto = engine.String.PrototypeObject;
        Rebind(proto, "match", match => (thisValue, args) =>
        {
            var text = ThisString(engine, thisValue);
            budget.EnsureCanAllocate(64.0 * text.Length);
            return match(new JsValue(text), [regexes.Coerce(HostFunctions.Arg(args, 0))]);
        });
        Rebind(proto, "search", search => (thisValue, args) =>
            search(new JsValue(ThisString(engine, thisValue)), [regexes.Coerce(HostFunctions.Arg(args, 0))]));
        Rebind(proto, "replace", replace => (thisValue, args) =>
        {
            var text = ThisString(engine, thisValue);
            regexes.BoundIfRegExp(HostFunctions.Arg(args, 0));
            var replacement = HostFunctions.Arg(args, 1);
            if (!(replacement.IsObject() && replacement.AsObject() is ICallable))
            {
                var replacementText = TypeConverter.ToString(replacement);
                budget.EnsureCanAllocate(2.0 * (text.Length + 1) * (replacementText.Length + 1));
                replacement = new JsValue(replacementText);
            }
            return replace(new JsValue(text), [HostFunctions.Arg(args, 0), replacement]);
        });
        Rebind(proto, "split", split => (thisValue, args) =>
        {
            var text = ThisString(engine, thisValue);
            regexes.BoundIfRegExp(HostFunctions.Arg(args, 0));
            budget.EnsureCanAllocate(64.0 * (text.Length + 1));
            return split(new JsValue(text), args);
        });
        Rebind(proto, "concat", concat => (thisValue, args) =>
        {
            var text = ThisString(engine, thisValue);
            var strings = args.Select(a => new JsValue(TypeConverter.ToString(a))).ToArray();
            budget.EnsureCanAllocate(2.0 * (text.Length + strings.Sum(s => (double)s.AsString().Length)));
            return concat(new JsValue(text), strings);
        });
    }

    private static void HardenRegExp(Engine engine, RegexTimeouts regexes)
    {
        var proto = engine.RegExp.PrototypeObject;
        foreach (var name in new[] { "exec", "test" })
        {
            Rebind(proto, name, original => (thisValue, args) =>
            {
                CallBudget.CheckStack();
                regexes.BoundIfRegExp(thisValue);
                return original(thisValue, args);
            });
        }
    }

    /// <summary>
    /// Percent-encoding can grow a string ninefold in one call; Jint's builder and the result are
    /// both alive at the end, so the peak is twice the output.
    /// </summary>
    private static void HardenUriEncoding(Engine engine, CallBudget budget)
    {
        foreach (var name in new[] { "encodeURI", "encodeURIComponent" })
        {
            Rebind(engine.Global, name, encode => (thisValue, args) =>
            {
                var text = TypeConverter.ToString(HostFunctions.Arg(args, 0));
                budget.EnsureCanAllocate(2 * 2.0 * 9 * text.Length);
                return encode(thisValue, [new JsValue(text)]);
            });
        }
    }

    private const int BigConcatChars = 1 << 16;

    /// <summary>ES5 11.6.1, as Jint evaluates it, with the budget checked and a big result pre-checked.</summary>
    private static JsValue CheckedPlus(CallBudget budget, JsValue left, JsValue right)
    {
        budget.Check();
        var l = TypeConverter.ToPrimitive(left);
        var r = TypeConverter.ToPrimitive(right);
        if (!l.IsString() && !r.IsString()) return new JsValue(TypeConverter.ToNumber(l) + TypeConverter.ToNumber(r));
        var ls = TypeConverter.ToString(l);
        var rs = TypeConverter.ToString(r);
        if ((long)ls.Length + rs.Length > BigConcatChars) budget.EnsureCanAllocate(2.0 * ((double)ls.Length + rs.Length));
        return new JsValue(string.Concat(ls, rs));
    }

    private static string ThisString(Engine engine, JsValue thisValue)
    {
        TypeConverter.CheckObjectCoercible(engine, thisValue);
        return TypeConverter.ToString(thisValue);
    }
}
