namespace OrleansVm.Silo.Telemetry;

/// <summary>Section <c>OrleansVm:Telemetry</c> (env <c>ORLEANSVM_TELEMETRY__*</c>). Metrics at /metrics are always on.</summary>
public sealed class TelemetrySettings
{
    /// <summary>
    /// Where to send metrics and traces over OTLP (e.g. <c>http://collector:4317</c>); unset: no OTLP export, unless the
    /// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (then the exporter reads it and the other <c>OTEL_*</c> variables itself).
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Record traces even without OTLP (for an exporter a host adds, e.g. a test's in-memory one). OTLP turns them on anyway.</summary>
    public bool Traces { get; set; }

    /// <summary>Serve the Orleans Dashboard at /dashboard (operator only). It adds a grain call filter that profiles every call.</summary>
    public bool Dashboard { get; set; } = true;
}
