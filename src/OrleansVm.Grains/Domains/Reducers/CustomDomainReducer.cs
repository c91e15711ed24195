using System.Text.Json.Nodes;
using OrleansVm.Sandbox;
using OrleansVm.Sandbox.Domains;

namespace OrleansVm.Grains;

/// <summary>An operator's `defineDomain` script, run in its own sandbox inside the domain grain.</summary>
internal sealed class CustomDomainReducer(DomainSandbox sandbox) : IDomainReducer
{
    public JsonNode InitialState() => sandbox.InitialState.DeepClone();

    public (DomainOutcome Outcome, JsonNode? NewState) Apply(JsonNode state, DomainAction action, DomainChanges changes)
    {
        if (!sandbox.HasReducer(action.Type)) return (DomainOutcomes.UnsupportedAction(action.Domain, action.Type), null);
        var actionJson = new JsonObject
        {
            ["type"] = action.Type, ["payload"] = action.Payload?.DeepClone(), ["instanceId"] = action.InstanceId,
            ["packageId"] = action.PackageId, ["dispatchId"] = action.DispatchId, ["timestamp"] = action.Timestamp.ToUnixTimeMilliseconds(),
        };
        try
        {
            var newState = sandbox.Apply(state, actionJson);
            changes.StateReplaced(); // a script returns a whole new state
            return (DomainOutcomes.Applied, newState);
        }
        catch (SandboxException error)
        {
            return (DomainOutcomes.ReducerError(error.Message), null);
        }
    }

    public JsonNode? Project(JsonNode state)
    {
        try
        {
            return sandbox.Project(state);
        }
        catch (SandboxException)
        {
            return null; // a broken projection shows nothing rather than the raw state
        }
    }

    public JsonNode? Forget(JsonNode state, string instanceId, DomainChanges changes) => null;
}
