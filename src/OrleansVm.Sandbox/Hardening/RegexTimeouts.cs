using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.RegExp;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox.Hardening;

/// <summary>
/// Jint builds .NET regexes without a match timeout, so one catastrophic pattern would run
/// forever inside a single native call. Every regex is given the current call's time limit
/// just before it is used (a RegexMatchTimeoutException then ends the call as RUNTIME_TIMEOUT).
/// </summary>
internal sealed class RegexTimeouts(Engine engine, CallBudget budget)
{
    public JsValue Create(string pattern, string flags)
    {
        var instance = engine.RegExp.Construct([new JsValue(pattern), new JsValue(flags)]);
        if (instance is RegExpInstance regExp) Bound(regExp);
        return instance;
    }

    public void BoundIfRegExp(JsValue value)
    {
        if (value.IsObject() && value.AsObject() is RegExpInstance instance) Bound(instance);
    }

    /// <summary>A string pattern given to match/search becomes a bounded RegExp, as the spec's own coercion would.</summary>
    public JsValue Coerce(JsValue pattern)
    {
        if (pattern.IsObject() && pattern.AsObject() is RegExpInstance instance)
        {
            Bound(instance);
            return instance;
        }
        var source = pattern.IsUndefined() ? "" : Jint.Runtime.TypeConverter.ToString(pattern);
        return Create(source, "");
    }

    private void Bound(RegExpInstance instance)
    {
        var regex = instance.Value;
        if (regex is null || regex.MatchTimeout == budget.Timeout) return;
        instance.Value = new Regex(regex.ToString(), regex.Options, budget.Timeout);
    }
}
