using System.Text;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using OrleansVm.Sandbox.Conversion;
using OrleansVm.Sandbox.Hardening;

namespace OrleansVm.Sandbox.Internal;

/// <summary><c>console.log/info/warn/error</c> written to the instance's <see cref="IPluginLog"/>.</summary>
internal static class ConsoleBridge
{
    private const int MaxLineChars = 4000;

    public static ObjectInstance Create(Engine engine, CallBudget budget, IPluginLog? log)
    {
        // Built on first use: most plugins never log.
        return new LazyHostObject(engine, console =>
        {
            foreach (var level in Levels)
            {
                HostFunctions.Method(console, level, 0, (_, args) =>
                {
                    log?.Write(level, Line(budget, args));
                    return JsValue.Undefined;
                });
            }
        });
    }

    private static readonly string[] Levels = ["log", "info", "warn", "error"];

    private static string Line(CallBudget budget, JsValue[] args)
    {
        var line = new StringBuilder();
        foreach (var arg in args)
        {
            if (line.Length > 0) line.Append(' ');
            line.Append(Text(budget, arg));
            if (line.Length > MaxLineChars) return line.ToString(0, MaxLineChars) + "…";
        }
        return line.ToString();
    }

    private static string Text(CallBudget budget, JsValue value)
    {
        if (!value.IsObject()) return TypeConverter.ToString(value);
        if (value is Jint.Native.Error.ErrorInstance) return ErrorMapper.Describe(value);
        try
        {
            var json = new JsToJson(budget, MaxLineChars).Convert(value, "value", out var absent);
            return absent ? "undefined" : json?.ToJsonString() ?? "null";
        }
        catch (JsonConversionException)
        {
            return "[object Object]";
        }
    }
}
