using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>
/// The persisted instance, written in one piece after each successful event: local state, kv,
/// the dispatch sequence and the outbox of shared intents not yet acknowledged by their domain.
/// No record (or a cleared one) means the instance does not exist.
/// </summary>
public sealed class InstanceState
{
    public string? WorkspaceId { get; set; }

    /// <summary>The instance was removed; the record stays as a tombstone so its id is never reused.</summary>
    public bool Removed { get; set; }

    public string? PackageId { get; set; }

    public string? Version { get; set; }

    public JsonNode? State { get; set; }

    public JsonObject? Kv { get; set; }

    /// <summary>The last dispatch sequence used; dispatch ids are `{instanceId}#{sequence}`.</summary>
    public long Sequence { get; set; }

    public List<OutboxEntry> Outbox { get; set; } = [];
}

/// <summary>A shared intent waiting for its domain's acknowledgement.</summary>
public sealed record OutboxEntry(string Domain, SharedDispatch Dispatch);
