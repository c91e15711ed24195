using System.Text.Json.Nodes;
using Jint.Native;
using Jint.Runtime;
using OrleansVm.Sandbox.Conversion;
using OrleansVm.Sandbox.Hardening;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox;

/// <summary>What a native module may use inside one sandbox.</summary>
public sealed class NativeModuleContext
{
    private readonly Engine _engine;
    private readonly CallBudget _budget;
    private readonly SandboxLimits _limits;

    internal NativeModuleContext(Engine engine, CallBudget budget, SandboxLimits limits)
    {
        _engine = engine;
        _budget = budget;
        _limits = limits;
    }

    /// <summary>The kv map of the call in progress (read-only during render).</summary>
    public KvStore Kv { get; internal set; } = KvStore.Empty;

    public SandboxLimits Limits => _limits;

    /// <summary>A fresh plain JS value from JSON.</summary>
    public JsValue ToJs(JsonNode? value) => JsonToJs.Convert(_engine, value);

    /// <summary>A JSON copy of a script value, at most <paramref name="maxBytes"/>; anything else throws a catchable TypeError.</summary>
    public JsonNode? ToJson(JsValue value, long maxBytes)
    {
        try
        {
            return new JsToJson(_budget, maxBytes).Convert(value, "value", out _);
        }
        catch (JsonConversionException ex)
        {
            throw TypeError(ex.Message);
        }
    }

    public JavaScriptException TypeError(string message) => JsErrors.Type(_engine, message);

    public JavaScriptException Error(string code, string message) => JsErrors.WithCode(_engine, code, message);

    /// <summary>Ends the whole call with a sandbox error the script cannot catch.</summary>
    public Exception Abort(SandboxException error) => new SandboxAbort(error);
}
