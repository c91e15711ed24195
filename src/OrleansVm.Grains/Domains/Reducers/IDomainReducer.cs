using System.Text.Json.Nodes;

namespace OrleansVm.Grains;

/// <summary>The host-owned logic of one writable domain. Called under the domain grain's lock, one call at a time.</summary>
internal interface IDomainReducer
{
    JsonNode InitialState();

    /// <summary>
    /// (outcome, new state when applied). May build the new state in place, but must leave the state untouched for any other
    /// outcome. Says what it changed in <paramref name="changes"/> (the journal writes only that).
    /// </summary>
    (DomainOutcome Outcome, JsonNode? NewState) Apply(JsonNode state, DomainAction action, DomainChanges changes);

    /// <summary>What a reader sees.</summary>
    JsonNode? Project(JsonNode state);

    /// <summary>The state without what <paramref name="instanceId"/> owns (changes recorded in <paramref name="changes"/>), or null when it owns nothing.</summary>
    JsonNode? Forget(JsonNode state, string instanceId, DomainChanges changes);
}

/// <summary>An action as a reducer sees it (capabilities.md: type, payload, instanceId, packageId, dispatchId, timestamp).</summary>
internal sealed record DomainAction(string Domain, string Type, JsonNode? Payload, string InstanceId, string PackageId, string DispatchId, DateTimeOffset Timestamp);

internal static class DomainOutcomes
{
    public static DomainOutcome Applied { get; } = new(DispatchOutcomes.Applied, null);

    public static DomainOutcome Denied(string domain) => new(DispatchOutcomes.Denied, $"missing-write-grant:{domain}");

    public static DomainOutcome UnsupportedDomain(string domain) => new(DispatchOutcomes.Ignored, $"unsupported-domain:{domain}");

    public static DomainOutcome ReadOnly(string domain) => new(DispatchOutcomes.Ignored, $"read-only-domain:{domain}");

    public static DomainOutcome UnsupportedAction(string domain, string action) => new(DispatchOutcomes.Ignored, $"unsupported-action:{domain}/{action}");

    /// <summary>
    /// A reducer's error text can carry what a plugin put in the payload (a custom reducer may throw it back): the
    /// reason is copied into the response, the timeline and runtime metrics, so it is cut (issue 12).
    /// </summary>
    public const int MaxReasonMessageLength = 200;

    public static DomainOutcome ReducerError(string message) => new(DispatchOutcomes.Failed,
        $"reducer-error:{(message.Length > MaxReasonMessageLength ? message[..MaxReasonMessageLength] + "…" : message)}");
}
