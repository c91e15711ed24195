using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>An instance as the API shows it; <see cref="Grants"/> are the effective ones (manifest ∩ workspace grant).</summary>
[GenerateSerializer]
public sealed record InstanceView(
    string InstanceId, string WorkspaceId, string PackageId, string Version, string Title,
    IReadOnlyList<string> Widgets, string Status, JsonNode? State, Grants Grants);

/// <summary>What happened to one intent of an event (capabilities.md, "Dispatch of a shared intent").</summary>
[GenerateSerializer, Immutable]
public sealed record DispatchResult(string DispatchId, string Scope, string ActionType, string? Domain, string Outcome, string? Reason);

[GenerateSerializer]
public sealed record EventResponse(IReadOnlyList<DispatchResult> Dispatches, JsonNode? State);

[GenerateSerializer, Immutable]
public sealed record LogLine(DateTimeOffset Timestamp, string Level, string Message);

/// <summary>Dispatch outcomes; <see cref="Pending"/> is OrleansVm's addition for an outbox entry not yet delivered.</summary>
public static class DispatchOutcomes
{
    public const string Applied = "applied";
    public const string Ignored = "ignored";
    public const string Denied = "denied";
    public const string Failed = "failed";
    public const string Pending = "pending";
}
