using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint.Native;

namespace OrleansVm.Sandbox.Conversion;

/// <summary>
/// Builds fresh plain JS values from host JSON. Properties are defined directly (never
/// through Put), so setters a plugin put on Object.prototype or Array.prototype never run.
/// </summary>
internal static class JsonToJs
{
    private const int MaxDepth = 512;
    private static readonly string[] Indices = Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static JsValue Convert(Engine engine, JsonNode? node) => Convert(engine, node, 0);

    private static JsValue Convert(Engine engine, JsonNode? node, int depth)
    {
        if (depth > MaxDepth) throw new SandboxException(SandboxErrorCodes.LimitExceeded, "JSON input is nested too deeply", new JsonObject { ["limit"] = "depth" });
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
            {
                var result = new JsObject(engine);
                foreach (var (key, value) in obj)
                    result.FastSetProperty(key, new Jint.Runtime.Descriptors.PropertyDescriptor(Convert(engine, value, depth + 1), Jint.Runtime.Descriptors.PropertyFlag.ConfigurableEnumerableWritable));
                return result;
            }
            case JsonArray array:
            {
                var result = new JsArray(engine);
                for (var i = 0; i < array.Count; i++)
                    result.Push(Convert(engine, array[i], depth + 1));
                return result;
            }
            case JsonValue value:
                return Primitive(value);
            default:
                return JsValue.Null;
        }
    }

    public static string Index(int i) => i < Indices.Length ? Indices[i] : i.ToString(CultureInfo.InvariantCulture);

    private static JsValue Primitive(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String: return new JsString(value.GetValue<string>());
            case JsonValueKind.True: return JsBoolean.True;
            case JsonValueKind.False: return JsBoolean.False;
            case JsonValueKind.Number:
                if (value.TryGetValue<double>(out var d)) return JsNumber.Create(d);
                if (value.TryGetValue<int>(out var i)) return JsNumber.Create(i);
                if (value.TryGetValue<long>(out var l)) return JsNumber.Create(l);
                if (value.TryGetValue<decimal>(out var m)) return JsNumber.Create((double)m);
                return JsNumber.Create(double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture));
            default: return JsValue.Null;
        }
    }
}
