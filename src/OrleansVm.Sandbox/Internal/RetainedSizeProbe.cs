using Jint;
using Jint.Native;
using Jint.Native.Argument;
using Jint.Native.Array;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Native.RegExp;
using Jint.Native.String;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Environments;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// Estimates the bytes a script keeps alive in one engine by walking everything it can reach:
/// the global object (built-ins included), the environments and <c>this</c> of the running
/// functions, closures' scopes, and the plugin definition the host holds. Jint 2.10 churns
/// ~0.6–2.5 KiB of short-lived garbage per loop iteration or call, so bytes allocated say
/// nothing about growth; this walk measures the growth itself. It runs only when the cheap
/// allocation meter crosses a threshold (see <see cref="CallBudget"/>) and between calls
/// every few hundred MiB of churn (see <see cref="SandboxRuntime"/>).
/// </summary>
internal sealed class RetainedSizeProbe(Engine engine)
{
    // Jint 2.10 / .NET sizes (64-bit), fitted to GC.GetTotalMemory growth of arrays of numbers,
    // of objects with keys, of small object trees and of closures (the estimate lands within
    // about ±10%): an ObjectInstance with its property dictionary; a property (descriptor,
    // JsValue, dictionary entry); an environment; a binding.
    private const long ObjectBytes = 240;
    private const long PropertyBytes = 128;
    private const long EnvironmentBytes = 96;
    private const long BindingBytes = 64;
    private const int NodesBetweenDeadlineChecks = 1024;

    private IReadOnlyList<JsValue> _hostRoots = [];

    /// <summary>Values the host keeps for the plugin (widgets, handlers, reducers): reachable between calls without any global.</summary>
    public void SetHostRoots(IReadOnlyList<JsValue> roots) => _hostRoots = roots;

    /// <summary>The estimate, or any value above <paramref name="stopAbove"/> once it is certain to exceed it.</summary>
    public long Measure(long stopAbove, CallBudget? deadline) => new Walk(stopAbove, deadline).Run(engine, _hostRoots);

    private sealed class Walk(long stopAbove, CallBudget? deadline)
    {
        private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
        private readonly Stack<object> _pending = new();
        private long _bytes;
        private int _nodes;

        public long Run(Engine engine, IReadOnlyList<JsValue> hostRoots)
        {
            Value(engine.Global);
            foreach (var root in hostRoots) Value(root);
            foreach (var context in JintInternals.ExecutionContexts(engine))
            {
                Environment(context.LexicalEnvironment);
                Environment(context.VariableEnvironment);
                Value(context.ThisBinding);
            }
            while (_pending.TryPop(out var next) && _bytes <= stopAbove)
            {
                if (++_nodes % NodesBetweenDeadlineChecks == 0) deadline?.CheckTime();
                if (next is ObjectInstance obj) Object(obj);
                else if (next is LexicalEnvironment env) EnvironmentBody(env);
            }
            return _bytes;
        }

        private void Value(JsValue? value)
        {
            if (value is null) return;
            if (value.IsString()) String(value.AsString());
            else if (value.IsObject() && _seen.Add(value.AsObject())) _pending.Push(value.AsObject());
        }

        private void String(string text)
        {
            // Short strings are counted per reference (cheap, slightly over); long ones once.
            if (text.Length < 64 || _seen.Add(text)) _bytes += 24 + 2L * text.Length;
        }

        private void Environment(LexicalEnvironment? env)
        {
            if (env is not null && _seen.Add(env)) _pending.Push(env);
        }

        private void EnvironmentBody(LexicalEnvironment env)
        {
            _bytes += EnvironmentBytes;
            switch (env.Record)
            {
                case DeclarativeEnvironmentRecord declarative:
                    foreach (var (name, binding) in JintInternals.Bindings(declarative))
                    {
                        _bytes += BindingBytes;
                        String(name);
                        Value(binding.Value);
                    }
                    break;
                case ObjectEnvironmentRecord objectRecord:
                    Value(JintInternals.BindingObject(objectRecord));
                    break;
            }
            Environment(env.Outer);
        }

        private void Object(ObjectInstance obj)
        {
            _bytes += ObjectBytes;
            Value(obj.Prototype);
            // Jint fills an arguments object lazily from a closure over the call's values; filling it is invisible to scripts.
            if (obj is ArgumentsInstance) obj.GetOwnProperty("length");
            if (obj is ArrayInstance array && JintInternals.ArrayElements(array) is { } elements)
                foreach (var element in elements) Property(element.Value);
            foreach (var (name, property) in JintInternals.OwnProperties(obj))
            {
                String(name);
                Property(property);
            }
            switch (obj)
            {
                case BindFunctionInstance bound:
                    Value(bound.TargetFunction);
                    Value(bound.BoundThis);
                    foreach (var arg in bound.BoundArgs ?? []) Value(arg);
                    break;
                case FunctionInstance function:
                    Environment(function.Scope);
                    break;
                case StringInstance wrapper:
                    Value(wrapper.PrimitiveValue);
                    break;
                case RegExpInstance regExp:
                    String(regExp.Source ?? "");
                    break;
            }
        }

        private void Property(PropertyDescriptor? property)
        {
            if (property is null) return;
            _bytes += PropertyBytes;
            Value(property.Value);
            Value(property.Get);
            Value(property.Set);
        }
    }
}
