using System.Text.Json.Nodes;

namespace OrleansVm.Client.Models;

public sealed record CreatedInstance(string InstanceId, string PackageId, string Version, string Title, IReadOnlyList<string> Widgets, Grants Grants);

/// <summary>One instance; an item of the list is the same without <see cref="State"/>.</summary>
public sealed record InstanceInfo(
    string InstanceId, string PackageId, string Version, string Title, IReadOnlyList<string> Widgets,
    string Status, JsonNode? State, Grants Grants);

/// <summary>A rendered widget: a UI tree of plugin-contract.md.</summary>
public sealed record RenderedWidget(JsonNode Tree);

/// <summary>What happened to one intent of an event.</summary>
public sealed record Dispatch(string DispatchId, string Scope, string ActionType, string? Domain, string Outcome, string? Reason);

public sealed record EventOutcome(IReadOnlyList<Dispatch> Dispatches, JsonNode? State);

public sealed record LogLine(DateTimeOffset Timestamp, string Level, string Message);

public sealed record TimelineEntry(
    string DispatchId, DateTimeOffset Timestamp, string Scope, string ActionType, string InstanceId,
    string? Domain, string Outcome, string? Reason);
