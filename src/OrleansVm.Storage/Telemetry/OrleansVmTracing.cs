using System.Diagnostics;

namespace OrleansVm.Telemetry;

/// <summary>
/// OrleansVm's spans (activity source <see cref="SourceName"/>). With Orleans' activity propagation across grain
/// calls, one event is one trace: HTTP route → instance grain → sandbox → domain grain → storage.
/// Every method returns null when nobody listens (tracing off) and builds no string on the way (span names are
/// constants), so the calls on the event path cost nothing then.
/// </summary>
public static class OrleansVmTracing
{
    public const string SourceName = "OrleansVm";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A call on a plugin instance grain (<c>event</c>, <c>render</c>).</summary>
    public static Activity? Instance(string operation, string instanceId) =>
        Source.StartActivity(operation switch { "event" => "instance event", "render" => "instance render", _ => "instance " + operation })?
            .SetTag("orleansvm.instance", instanceId);

    /// <summary>One sandbox call, from the moment it has its slot.</summary>
    public static Activity? Sandbox(string workspaceId) =>
        Source.StartActivity("sandbox")?.SetTag("orleansvm.workspace", workspaceId);

    /// <summary>A shared intent applied by its domain grain.</summary>
    public static Activity? DomainApply(string domainKey, string dispatchId) =>
        Source.StartActivity("domain apply")?.SetTag("orleansvm.domain", domainKey).SetTag("orleansvm.dispatch", dispatchId);
}
