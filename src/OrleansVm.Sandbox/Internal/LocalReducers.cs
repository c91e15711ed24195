using System.Text.Json.Nodes;
using Jint.Native;
using Jint.Native.Object;

namespace OrleansVm.Sandbox.Internal;

/// <summary>Runs plugin-scoped intents through the built-in and the plugin's reducers, in order.</summary>
internal sealed class LocalReducers(SandboxRuntime runtime, ObjectInstance? reducers)
{
    public const string Replace = "state/replace";
    public const string Merge = "state/merge";

    public JsonNode Apply(JsonNode state, IReadOnlyList<PluginIntent> intents, List<LocalActionResult> results)
    {
        foreach (var intent in intents)
        {
            if (intent.Scope != PluginIntent.PluginScope) continue;
            var next = Reduce(state, intent);
            if (next is null)
            {
                results.Add(new LocalActionResult(intent, LocalActionResult.Ignored, LocalActionResult.NoLocalReducerMatch));
                continue;
            }
            state = next;
            results.Add(new LocalActionResult(intent, LocalActionResult.Applied, null));
        }
        return state;
    }

    private JsonNode? Reduce(JsonNode state, PluginIntent intent)
    {
        switch (intent.ActionType)
        {
            case Replace:
                return intent.Payload?.DeepClone() ?? new JsonObject();
            case Merge:
            {
                if (intent.Payload is not JsonObject patch)
                    throw new SandboxException(SandboxErrorCodes.IntentInvalid, "state/merge needs a plain object payload");
                var merged = state is JsonObject current ? (JsonObject)current.DeepClone() : new JsonObject();
                foreach (var (key, value) in patch) merged[key] = value?.DeepClone();
                ScriptJson.CheckStateSize(runtime.Limits, merged, "New state");
                return merged;
            }
        }
        var reducer = OwnFunction(intent.ActionType);
        if (reducer is null) return null;
        var engine = runtime.Engine;
        var result = runtime.Call(reducer, reducers!,
            Conversion.JsonToJs.Convert(engine, state), Conversion.JsonToJs.Convert(engine, intent.Payload));
        return ScriptJson.State(runtime.Budget, runtime.Limits, result, $"Reducer \"{intent.ActionType}\" result");
    }

    /// <summary>Only the plugin's own reducers: an inherited "toString" is not a reducer.</summary>
    private JsValue? OwnFunction(string name)
    {
        if (reducers is null || !reducers.HasOwnProperty(name)) return null;
        var value = reducers.Get(name);
        return value.IsObject() && value.AsObject() is Jint.Native.Function.Function ? value : null;
    }
}
