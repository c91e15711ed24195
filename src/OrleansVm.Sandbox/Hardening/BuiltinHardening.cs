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
/// every native checks the budget and the stack on entry (natives can recurse into each other
/// with no script frame in between, e.g. <c>o.toString = Object.prototype.toLocaleString</c>),
/// the natives that loop or allocate inside one call are bounded, dynamic code is refused,
/// and regexes get timeouts.
/// </summary>
internal static class BuiltinHardening
{
    public const int MaxApplyArguments = 65536;
    private const int MaxJsonParseDepth = 256;

    public static RegexTimeouts Apply(Engine engine, CallBudget budget)
    {
        GuardAllNatives(engine, budget);
        var regexes = new RegexTimeouts(engine, budget);
        BlockDynamicCode(engine);
        HardenFunctionPrototype(engine, budget);
        HardenArrays(engine, budget);
        HardenJson(engine, budget);
        HardenStrings(engine, budget, regexes);
        HardenRegExp(engine, regexes);

        var global = engine.Global;
        HostFunctions.LockedGetter(global, HiddenGlobals.Guard, (_, _) =>
        {
            budget.Check();
            return JsValue.Undefined;
        });
        HostFunctions.Locked(global, HiddenGlobals.RegExpFactory, HostFunctions.Create(engine, 2, (_, args) =>
            regexes.Create(args[0].AsString(), args[1].AsString())));
        return regexes;
    }

    /// <summary>Wraps the body of every built-in function reachable from the global object.</summary>
    private static void GuardAllNatives(Engine engine, CallBudget budget)
    {
        var seen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<ObjectInstance>();
        pending.Push(engine.Global);
        while (pending.Count > 0)
        {
            var target = pending.Pop();
            if (!seen.Add(target)) continue;
            foreach (var (_, descriptor) in target.GetOwnProperties().ToList())
            {
                foreach (var value in new[] { descriptor.Value, descriptor.Get, descriptor.Set })
                {
                    if (value is null || !value.IsObject()) continue;
                    var o = value.AsObject();
                    if (o is ClrFunctionInstance native) Guard(native, budget);
                    pending.Push(o);
                }
            }
            if (target.Prototype is { } proto) pending.Push(proto);
        }
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

    private static ClrFunctionInstance Replace(ObjectInstance target, string name, int length, Func<JsValue, JsValue[], JsValue> body)
    {
        var function = HostFunctions.Create(target.Engine, length, body);
        target.FastAddProperty(name, function, true, false, true);
        return function;
    }

    private static Func<JsValue, JsValue[], JsValue> Original(ObjectInstance target, string name)
    {
        var callable = (ICallable)target.Get(name).AsObject();
        return callable.Call;
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
        var apply = Original(proto, "apply");
        Replace(proto, "apply", 2, (thisValue, args) =>
        {
            var list = HostFunctions.Arg(args, 1);
            if (list.IsObject() && TypeConverter.ToUint32(list.AsObject().Get("length")) > MaxApplyArguments)
                throw JsErrors.Range(engine, "Maximum call stack size exceeded (too many arguments)");
            budget.Check();
            return apply(thisValue, args);
        });

        // Jint's bound functions call their target with no check in between; this one checks.
        Replace(proto, "bind", 1, (thisValue, args) =>
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
        Replace(proto, "join", 1, join.Join);
        Replace(proto, "toString", 0, join.ToString);
        Replace(proto, "toLocaleString", 0, join.ToLocaleString);

        string[] lengthBound = ["concat", "indexOf", "lastIndexOf", "sort", "reverse", "slice", "splice", "shift",
            "unshift", "forEach", "map", "filter", "some", "every", "reduce", "reduceRight"];
        foreach (var name in lengthBound)
        {
            var original = Original(proto, name);
            Replace(proto, name, 1, (thisValue, args) =>
            {
                ArrayLimits.CheckedLength(engine, thisValue, budget, name);
                if (name == "concat") ArrayLimits.CheckConcatArguments(engine, args, budget);
                return original(thisValue, args);
            });
        }
    }

    private static void HardenJson(Engine engine, CallBudget budget)
    {
        var json = engine.Json;
        Replace(json, "stringify", 3, new SafeJsonStringify(engine, budget).Stringify);
        var parse = Original(json, "parse");
        Replace(json, "parse", 2, (thisValue, args) =>
        {
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
        var match = Original(proto, "match");
        Replace(proto, "match", 1, (thisValue, args) =>
        {
            var text = ThisString(engine, thisValue);
            budget.EnsureCanAllocate(64.0 * text.Length);
            return match(new JsValue(text), [regexes.Coerce(HostFunctions.Arg(args, 0))]);
        });
        var search = Original(proto, "search");
        Replace(proto, "search", 1, (thisValue, args) =>
            search(new JsValue(ThisString(engine, thisValue)), [regexes.Coerce(HostFunctions.Arg(args, 0))]));
        var replace = Original(proto, "replace");
        Replace(proto, "replace", 2, (thisValue, args) =>
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
        var split = Original(proto, "split");
        Replace(proto, "split", 2, (thisValue, args) =>
        {
            var text = ThisString(engine, thisValue);
            regexes.BoundIfRegExp(HostFunctions.Arg(args, 0));
            budget.EnsureCanAllocate(64.0 * (text.Length + 1));
            return split(new JsValue(text), args);
        });
        var concat = Original(proto, "concat");
        Replace(proto, "concat", 1, (thisValue, args) =>
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
            var original = Original(proto, name);
            Replace(proto, name, 1, (thisValue, args) =>
            {
                regexes.BoundIfRegExp(thisValue);
                return original(thisValue, args);
            });
        }
    }

    private static string ThisString(Engine engine, JsValue thisValue)
    {
        TypeConverter.CheckObjectCoercible(engine, thisValue);
        return TypeConverter.ToString(thisValue);
    }
}
