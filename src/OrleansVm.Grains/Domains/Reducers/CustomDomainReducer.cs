using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OrleansVm.Sandbox;
using OrleansVm.Sandbox.Domains;

namespace OrleansVm.Grains;

/// <summary>An operator's `defineDomain` script, run in its own sandbox inside the domain grain.</summary>
internal sealed class CustomDomainReducer(DomainSandbox sandbox, ILogger logger, string workspaceId, string domain) : IDomainReducer
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
            logger.ReducerFailed(workspaceId, action.Domain, action.InstanceId, action.DispatchId, error.Code);
            return (DomainOutcomes.ReducerError(error.Message), null);
        }
    }

    public JsonNode? Project(JsonNode state)
    {
        try
        {
            return sandbox.Project(state);
        }
        catch (SandboxException error)
        {
            logger.ProjectionFailed(workspaceId, domain, error.Code);
            return null; // a broken projection shows nothing rather than the raw state
        }
    }

    public JsonNode? Forget(JsonNode state, string instanceId, DomainChanges changes) => null;
}
