using Jint.Native;
using Jint.Runtime;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>Catchable JavaScript errors built from the engine's own intrinsics (never from script-visible globals).</summary>
internal static class JsErrors
{
    public static JavaScriptException Type(Engine engine, string message) => new(engine.Intrinsics.TypeError, message);



    /// <summary>An Error with a <c>code</c> property, e.g. MODULE_NOT_ENABLED.</summary>
    public static JavaScriptException WithCode(Engine engine, string code, string message)
    {
        var error = engine.Intrinsics.Error.Construct(message);
        error.FastSetProperty("code", new Jint.Runtime.Descriptors.PropertyDescriptor(new JsString(code), Jint.Runtime.Descriptors.PropertyFlag.Writable | Jint.Runtime.Descriptors.PropertyFlag.Configurable));
        return new JavaScriptException(error);
    }
}
