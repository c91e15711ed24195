using System.Globalization;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>
/// ES5 JSON.stringify (15.12.3) with the checks Jint's lacks: the output is metered against the
/// memory budget as it grows, recursion is bounded, and cycles give the standard TypeError.
/// </summary>
internal sealed class SafeJsonStringify(Engine engine, CallBudget budget)
{
    private Engine OwnEngine => engine;
    private CallBudget OwnBudget => budget;

    private const int MaxDepth = 256;

    public JsValue Stringify(JsValue thisValue, JsValue[] args)
    {
        CallBudget.CheckStack();
        var state = new State(this, HostFunctions.Arg(args, 1), HostFunctions.Arg(args, 2));
        var wrapper = engine.Object.Construct(Arguments.Empty);
        wrapper.FastAddProperty("", HostFunctions.Arg(args, 0), true, true, true);
        return state.Property("", wrapper) ? new JsValue(state.Output.ToString()) : JsValue.Undefined;
    }

    private sealed class State
    {
        private readonly SafeJsonStringify _owner;
        private readonly ICallable? _replacer;
        private readonly List<string>? _propertyList;
        private readonly string _gap;
        private readonly List<ObjectInstance> _stack = [];
        private string _indent = "";

        public StringBuilder Output { get; } = new();

        public State(SafeJsonStringify owner, JsValue replacer, JsValue space)
        {
            _owner = owner;
            if (replacer.IsObject())
            {
                var replacerObject = replacer.AsObject();
                if (replacerObject is ICallable callable) _replacer = callable;
                else if (replacerObject is ArrayInstance array) _propertyList = PropertyList(array);
            }
            _gap = Gap(space);
        }

        private Engine Engine => _owner.OwnEngine;
        private CallBudget Budget => _owner.OwnBudget;

        private List<string> PropertyList(ArrayInstance array)
        {
            var length = ArrayLimits.CheckedLength(Engine, array, Budget, "stringify");
            var list = new List<string>();
            for (uint i = 0; i < length; i++)
            {
                var item = array.Get(i.ToString(CultureInfo.InvariantCulture));
                string? name = item.IsString() || item.IsNumber() ? TypeConverter.ToString(item)
                    : item.IsObject() && item.AsObject().Class is "String" or "Number" ? TypeConverter.ToString(item) : null;
                if (name is not null && !list.Contains(name)) list.Add(name);
            }
            return list;
        }

        private static string Gap(JsValue space)
        {
            if (space.IsObject())
            {
                var cls = space.AsObject().Class;
                if (cls == "Number") space = new JsValue(TypeConverter.ToNumber(space));
                else if (cls == "String") space = new JsValue(TypeConverter.ToString(space));
            }
            if (space.IsNumber()) return new string(' ', (int)Math.Clamp(TypeConverter.ToInteger(space), 0, 10));
            if (space.IsString()) { var s = space.AsString(); return s.Length <= 10 ? s : s[..10]; }
            return "";
        }

        /// <summary>Appends the value of holder[key]; false when it serializes to nothing (undefined).</summary>
        public bool Property(string key, ObjectInstance holder)
        {
            var value = holder.Get(key);
            if (value.IsObject() && value.AsObject().Get("toJSON") is var toJson && toJson.IsObject() && toJson.AsObject() is ICallable toJsonFn)
                value = toJsonFn.Call(value, [new JsValue(key)]);
            if (_replacer is not null) value = _replacer.Call(holder, [new JsValue(key), value]);
            if (value.IsObject())
            {
                var o = value.AsObject();
                value = o.Class switch
                {
                    "Number" => new JsValue(TypeConverter.ToNumber(value)),
                    "String" => new JsValue(TypeConverter.ToString(value)),
                    "Boolean" => new JsValue(TypeConverter.ToBoolean(value)),
                    _ => value,
                };
            }
            if (value.IsNull()) { Append("null"); return true; }
            if (value.IsBoolean()) { Append(value.AsBoolean() ? "true" : "false"); return true; }
            if (value.IsString()) { Quote(value.AsString()); return true; }
            if (value.IsNumber())
            {
                var n = value.AsNumber();
                Append(double.IsFinite(n) ? TypeConverter.ToString(value) : "null");
                return true;
            }
            if (value.IsObject() && value.AsObject() is not ICallable)
            {
                var o = value.AsObject();
                if (o is ArrayInstance array) SerializeArray(array); else SerializeObject(o);
                return true;
            }
            return false;
        }

        private void Enter(ObjectInstance value)
        {
            CallBudget.CheckStack();
            if (_stack.Count >= MaxDepth) throw SandboxAbort.Limit("depth", $"JSON.stringify nested deeper than {MaxDepth}");
            foreach (var o in _stack)
                if (ReferenceEquals(o, value)) throw JsErrors.Type(Engine, "Converting circular structure to JSON");
            _stack.Add(value);
            Budget.Check();
        }

        private void SerializeObject(ObjectInstance value)
        {
            Enter(value);
            var stepback = _indent;
            _indent += _gap;
            var keys = _propertyList ?? value.GetOwnProperties()
                .Where(p => p.Value.Enumerable == true).Select(p => p.Key).ToList();
            Append("{");
            var any = false;
            foreach (var key in keys)
            {
                var mark = Output.Length;
                if (any) Append(",");
                NewLine();
                Quote(key);
                Append(_gap.Length > 0 ? ": " : ":");
                if (Property(key, value)) any = true;
                else Output.Length = mark;
            }
            _indent = stepback;
            if (any) NewLine();
            Append("}");
            _stack.RemoveAt(_stack.Count - 1);
        }

        private void SerializeArray(ArrayInstance value)
        {
            Enter(value);
            var stepback = _indent;
            _indent += _gap;
            var length = ArrayLimits.CheckedLength(Engine, value, Budget, "stringify");
            Append("[");
            for (uint i = 0; i < length; i++)
            {
                if (i > 0) Append(",");
                NewLine();
                if (!Property(i.ToString(CultureInfo.InvariantCulture), value)) Append("null");
            }
            _indent = stepback;
            if (length > 0) NewLine();
            Append("]");
            _stack.RemoveAt(_stack.Count - 1);
        }

        private void NewLine()
        {
            if (_gap.Length == 0) return;
            Output.Append('\n').Append(_indent);
        }

        private void Append(string s)
        {
            Output.Append(s);
            Budget.EnsureCanAllocate(4.0 * Output.Length);
        }

        private void Quote(string s)
        {
            Budget.EnsureCanAllocate(4.0 * (Output.Length + s.Length));
            Output.Append('"');
            foreach (var c in s)
            {
                switch (c)
                {
                    case '"': Output.Append("\\\""); break;
                    case '\\': Output.Append("\\\\"); break;
                    case '\b': Output.Append("\\b"); break;
                    case '\f': Output.Append("\\f"); break;
                    case '\n': Output.Append("\\n"); break;
                    case '\r': Output.Append("\\r"); break;
                    case '\t': Output.Append("\\t"); break;
                    default:
                        if (c < ' ') Output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else Output.Append(c);
                        break;
                }
            }
            Output.Append('"');
        }
    }
}
