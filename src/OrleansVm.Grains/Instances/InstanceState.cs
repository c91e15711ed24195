using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>
/// The persisted instance, written in one piece after each successful event: local state, kv,
/// the dispatch sequence and the outbox of shared intents not yet acknowledged by their domain.
/// No record (or a cleared one) means the instance does not exist.
/// </summary>
[GenerateSerializer]
public sealed class InstanceState
{
    [Id(0)]
    public string? WorkspaceId { get; set; }

    /// <summary>The instance was removed; the record stays as a tombstone so its id is never reused.</summary>
    [Id(1)]
    public bool Removed { get; set; }

    [Id(2)]
    public string? PackageId { get; set; }

    [Id(3)]
    public string? Version { get; set; }

    [Id(4)]
    public JsonNode? State { get; set; }

    [Id(5)]
    public JsonObject? Kv { get; set; }

    /// <summary>The last dispatch sequence used; dispatch ids are `{instanceId}#{sequence}`.</summary>
    [Id(6)]
    public long Sequence { get; set; }

    [Id(7)]
    public List<OutboxEntry> Outbox { get; set; } = [];
}

/// <summary>A shared intent waiting for its domain's acknowledgement.</summary>
[GenerateSerializer]
public sealed record OutboxEntry(string Domain, SharedDispatch Dispatch);
