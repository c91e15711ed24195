using Jint.Native;
using Jint.Runtime;

namespace OrleansVm.Sandbox;

/// <summary>
/// <c>kv.get(key)</c>, <c>kv.set(key, value)</c>, <c>kv.delete(key)</c>, <c>kv.keys()</c>: the
/// instance's durable map (JSON values, 64 KiB in all), saved with its state by the caller.
/// </summary>
public sealed class KvModule : NativeModule
{
    public override string Name => "kv";
    public override string Doc => "get(key), set(key, value), delete(key), keys(): a per-instance durable map of JSON values (64 KiB)";

    public override void Build(NativeModuleBuilder module)
    {
        var context = module.Context;
        module.Function("get", 1, args =>
        {
            var key = Key(args);
            return context.Kv.Contains(key) ? context.ToJs(context.Kv.Get(key)) : JsValue.Undefined;
        });
        module.Function("set", 2, args =>
        {
            var key = Key(args);
            var store = Writable(context);
            var value = context.ToJson(args.Length > 1 ? args[1] : JsValue.Undefined, context.Limits.MaxKvBytes);
            if (!store.TrySet(key, value))
                throw context.Abort(SandboxException.Limit("kvSize", $"kv would exceed {context.Limits.MaxKvBytes} bytes"));
            return JsValue.Undefined;
        });
        module.Function("delete", 1, args => Writable(context).Delete(Key(args)) ? JsBoolean.True : JsBoolean.False);
        module.Function("keys", 0, _ =>
        {
            var keys = new System.Text.Json.Nodes.JsonArray();
            foreach (var key in context.Kv.Keys) keys.Add(key);
            return context.ToJs(keys);
        });
    }

    private static string Key(JsValue[] args) => args.Length > 0 ? TypeConverter.ToString(args[0]) : "undefined";

    private static KvStore Writable(NativeModuleContext context) =>
        context.Kv.IsReadOnly ? throw context.TypeError("kv is read-only during render") : context.Kv;
}
