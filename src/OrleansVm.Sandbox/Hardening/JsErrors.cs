using Jint;
using Jint.Native;
using Jint.Runtime;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>Catchable JavaScript errors built from the engine's own intrinsics (never from script-visible globals).</summary>
internal static class JsErrors
{
    public static JavaScriptException Type(Engine engine, string message) => new(engine.TypeError, message);

    public static JavaScriptException Range(Engine engine, string message) => new(engine.RangeError, message);

    public static JavaScriptException Eval(Engine engine, string message) => new(engine.EvalError, message);

    /// <summary>An Error with a <c>code</c> property, e.g. MODULE_NOT_ENABLED.</summary>
    public static JavaScriptException WithCode(Engine engine, string code, string message)
    {
        var error = engine.Error.Construct([new JsValue(message)]);
        error.FastAddProperty("code", new JsValue(code), true, false, true);
        return new JavaScriptException(error);
    }
}
