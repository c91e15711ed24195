using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>`greeter-profile`: a shared name and who set it; readers see the state as is.</summary>
internal sealed class GreeterProfileReducer : IDomainReducer
{
    public static GreeterProfileReducer Instance { get; } = new();

    public JsonNode InitialState() => new JsonObject { ["name"] = "", ["lastUpdatedInstanceId"] = null };

    public (DomainOutcome Outcome, JsonNode? NewState) Apply(JsonNode state, DomainAction action, DomainChanges changes)
    {
        if (action.Type != "set-name") return (DomainOutcomes.UnsupportedAction(action.Domain, action.Type), null);
        if (action.Payload is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String)
            return (DomainOutcomes.ReducerError("set-name expects a string payload"), null);
        changes.StateReplaced(); // two small fields: the whole state is the change
        return (DomainOutcomes.Applied, new JsonObject { ["name"] = value.GetValue<string>(), ["lastUpdatedInstanceId"] = action.InstanceId });
    }

    public JsonNode? Project(JsonNode state) => state.DeepClone();

    public JsonNode? Forget(JsonNode state, string instanceId, DomainChanges changes)
    {
        if (state["lastUpdatedInstanceId"]?.GetValue<string>() != instanceId) return null;
        changes.StateReplaced();
        return new JsonObject { ["name"] = state["name"]?.DeepClone(), ["lastUpdatedInstanceId"] = null };
    }
}
