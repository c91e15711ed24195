using System.Text.Json.Nodes;
namespace OrleansVm.Grains;

/// <summary>One entry of a workspace's dispatch timeline (capabilities.md).</summary>
[GenerateSerializer, Immutable]
public sealed record DispatchRecord(
    string DispatchId, DateTimeOffset Timestamp, string Scope, string ActionType, string InstanceId,
    string? Domain, string Outcome, string? Reason);

/// <summary>The projection of `runtime-metrics`, minus `pluginCount` (from the registry).</summary>
[GenerateSerializer, Immutable]
public sealed record DispatchMetrics(
    long DispatchCount, string? LastDispatchId, string? LastScope, string? LastActionType,
    string? LastOutcome, string? LastReason, DateTimeOffset? LastTimestamp);

/// <summary>An instance's new local state for the `instance.state` stream event.</summary>
[GenerateSerializer]
public sealed record InstanceStateChange(string InstanceId, JsonNode? State);

/// <summary>
/// What one instance reports after a turn: its settled dispatches and, when it changed, its new state. Immutable:
/// the instance hands over its own copy, so Orleans need not copy it again.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ActivityReport(IReadOnlyList<DispatchRecord> Records, InstanceStateChange? State);
