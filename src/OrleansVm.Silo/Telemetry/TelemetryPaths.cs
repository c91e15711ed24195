namespace OrleansVm.Silo.Telemetry;

/// <summary>The operator's pages outside the JSON API (not in the OpenAPI document).</summary>
public static class TelemetryPaths
{
    /// <summary>Prometheus text exposition of every meter (operator token as a bearer, like the API).</summary>
    public const string Metrics = "/metrics";

    /// <summary>The Orleans Dashboard (operator token, or the cookie that <c>?token=</c> sets).</summary>
    public const string Dashboard = "/dashboard";
}
