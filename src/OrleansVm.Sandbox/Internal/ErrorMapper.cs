using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using OrleansVm.Sandbox.Conversion;

namespace OrleansVm.Sandbox.Internal;

/// <summary>Turns whatever escaped a script call into a SandboxException, without running any script code.</summary>
internal static class ErrorMapper
{
    public static SandboxException Map(Exception ex, string scriptErrorCode, CallBudget budget) => Unwrap(ex) switch
    {
        SandboxException sandbox => sandbox,
        SandboxAbort abort => abort.Error,
        // Jint's StackOverflowGuard throws a RangeError (catchable); uncaught, it is the depth limit.
        JavaScriptException js when IsStackGuardError(js) => CallBudget.DepthExceeded().Error,
        JavaScriptException js => FromScript(js, scriptErrorCode),
        MemoryLimitExceededException => budget.MemoryExceeded().Error,
        TimeoutException or RegexMatchTimeoutException => budget.TimedOut().Error,
        RecursionDepthOverflowException => CallBudget.DepthExceeded().Error,
        InsufficientExecutionStackException => CallBudget.DepthExceeded().Error,
        OutOfMemoryException => budget.MemoryExceeded().Error,
        JsonConversionException conversion => new SandboxException(scriptErrorCode, conversion.Message),
        var other => new SandboxException(scriptErrorCode, $"Script engine error: {other.GetType().Name}: {other.Message}", null, other),
    };

    private static bool IsStackGuardError(JavaScriptException js) =>
        js.Error is Jint.Native.Error.ErrorInstance error
        && error.GetOwnProperty("message").Value is { } message && message.IsString()
        && message.AsString() == "Maximum call stack size exceeded";

    /// <summary>.NET helpers called by Jint (Array.Sort, reflection) wrap exceptions; the cause is what counts.</summary>
    private static Exception Unwrap(Exception ex)
    {
        while (ex is InvalidOperationException or System.Reflection.TargetInvocationException or TypeInitializationException
               && ex.InnerException is { } inner)
        {
            ex = inner;
        }

        return ex;
    }

    private static SandboxException FromScript(JavaScriptException js, string code)
    {
        var details = new JsonObject { ["thrown"] = Kind(js.Error) };
        if (js.Location.Start.Line > 0)
        {
            details["line"] = js.Location.Start.Line;
            details["column"] = js.Location.Start.Column + 1;
        }
        return new SandboxException(code, Describe(js.Error), details, js);
    }

    private static string Kind(JsValue value) => value.Type switch
    {
        Types.Object => value is Jint.Native.Error.ErrorInstance ? "error" : "object",
        var t => t.ToString().ToLowerInvariant(),
    };

    /// <summary>The thrown value as text, reading only data properties (a getter could be hostile).</summary>
    public static string Describe(JsValue value)
    {
        switch (value.Type)
        {
            case Types.Undefined: return "undefined";
            case Types.Null: return "null";
            case Types.String: return value.AsString();
            case Types.Number:
            case Types.Boolean: return TypeConverter.ToString(value);
        }
        var obj = value.AsObject();
        var message = DataString(obj, "message");
        var name = DataString(obj, "name");
        if (message is not null) return string.IsNullOrEmpty(name) ? message : $"{name}: {message}";
        return name ?? "Uncaught [object Object]";
    }

    private static string? DataString(ObjectInstance obj, string key)
    {
        for (var o = obj; o is not null; o = o.Prototype)
        {
            var descriptor = o.GetOwnProperty(key);
            if (descriptor is null || descriptor == Jint.Runtime.Descriptors.PropertyDescriptor.Undefined) continue;
            return descriptor.Value is { } v && v.IsString() ? v.AsString() : null;
        }
        return null;
    }
}
