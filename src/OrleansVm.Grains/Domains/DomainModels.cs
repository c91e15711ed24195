using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>
/// A shared intent on its way to a domain. <see cref="Sequence"/> grows by one per shared intent of
/// the instance, so the domain dedups with a high-water mark per instance (exactly once).
/// </summary>
[GenerateSerializer]
public sealed record SharedDispatch(
    string DispatchId, string InstanceId, long Sequence, string ActionType, JsonNode? Payload, DateTimeOffset Timestamp);

[GenerateSerializer, Immutable]
public sealed record DomainOutcome(string Outcome, string? Reason);

[GenerateSerializer]
public sealed record DomainStateView(string Domain, bool BuiltIn, bool ReadOnly, JsonNode? State);

/// <summary>The built-in domains of capabilities.md.</summary>
public static class BuiltInDomains
{
    public const string CounterSummary = "counter-summary";
    public const string GreeterProfile = "greeter-profile";
    public const string RuntimeRegistry = "runtime-registry";
    public const string RuntimeMetrics = "runtime-metrics";

    public static readonly IReadOnlyList<string> All = [CounterSummary, GreeterProfile, RuntimeRegistry, RuntimeMetrics];

    public static bool Contains(string domain) => All.Contains(domain);

    public static bool IsReadOnly(string domain) => domain is RuntimeRegistry or RuntimeMetrics;
}
