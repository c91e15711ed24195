using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>One event of a workspace stream (http-api.md): `instance.created`, `instance.removed`, `instance.state`, `domain.changed`, `dispatch`.</summary>
[GenerateSerializer]
public sealed record WorkspaceEvent(long Id, string Name, JsonNode Data);

/// <param name="Gap">True when events after the requested id were already dropped from the buffer.</param>
[GenerateSerializer]
public sealed record WorkspaceEventBatch(IReadOnlyList<WorkspaceEvent> Events, long LastId, bool Gap);

public static class WorkspaceEventNames
{
    public const string InstanceCreated = "instance.created";
    public const string InstanceRemoved = "instance.removed";
    public const string InstanceState = "instance.state";
    public const string DomainChanged = "domain.changed";
    public const string Dispatch = "dispatch";
}

/// <summary>
/// An event to publish; the buffer gives it its id. Immutable: a publisher builds <see cref="Data"/> for this event and
/// never touches it again, so Orleans hands it over without a deep copy (one per dispatch on the event path).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NewWorkspaceEvent(string Name, JsonNode Data);
