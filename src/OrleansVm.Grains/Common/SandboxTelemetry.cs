using System.Text.Json.Nodes;
using OrleansVm.Sandbox;
using OrleansVm.Telemetry;

namespace OrleansVm.Grains;

/// <summary>Classifies a failed sandbox call for <see cref="OrleansVmMetrics"/>: a limit hit (counted by kind) or the plugin's own error.</summary>
internal static class SandboxTelemetry
{
    /// <summary>Counts a limit hit and returns the call's outcome tag: <c>limit</c> or <c>error</c>.</summary>
    public static string Observe(SandboxException failure)
    {
        var kind = failure.Code switch
        {
            SandboxErrorCodes.RuntimeTimeout => "time",
            SandboxErrorCodes.LimitExceeded => failure.Details?["limit"] is JsonValue limit && limit.TryGetValue<string>(out var name) ? name : "other",
            _ => null,
        };
        if (kind is null) return "error";
        OrleansVmMetrics.LimitHit(kind);
        return "limit";
    }
}
