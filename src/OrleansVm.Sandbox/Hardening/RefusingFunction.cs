using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>Stands in for eval and the Function constructor: calling or constructing it throws a catchable EvalError.</summary>
internal sealed class RefusingFunction : FunctionInstance, IConstructor
{
    private readonly string _message;

    public RefusingFunction(Engine engine, string message) : base(engine, [], null, false)
    {
        _message = message;
        Prototype = engine.Function.PrototypeObject;
        Extensible = true;
        FastAddProperty("length", new JsValue(1), false, false, false);
    }

    public override JsValue Call(JsValue thisObject, JsValue[] arguments) => throw JsErrors.Eval(Engine, _message);

    public ObjectInstance Construct(JsValue[] arguments) => throw JsErrors.Eval(Engine, _message);
}
