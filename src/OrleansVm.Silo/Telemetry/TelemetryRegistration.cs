using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using Orleans.Diagnostics;
using OrleansVm.Silo.Hosting;
using OrleansVm.Telemetry;

namespace OrleansVm.Silo.Telemetry;

/// <summary>
/// OpenTelemetry in the silo: the meters of Orleans, ASP.NET Core, the .NET runtime and OrleansVm, read as Prometheus
/// text at <see cref="TelemetryPaths.Metrics"/> and pushed over OTLP when configured; traces (OrleansVm's spans, ASP.NET
/// Core's requests, Orleans' grain calls) when OTLP or <see cref="TelemetrySettings.Traces"/> asks for them.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>Orleans' meter (System.Diagnostics.Metrics).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddTo(WebApplicationBuilder builder, SiloSettings settings)
    {
        var telemetry = settings.Telemetry;
        if (!string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint) && !Uri.TryCreate(telemetry.OtlpEndpoint, UriKind.Absolute, out _))
            throw new SiloConfigurationException($"OrleansVm:Telemetry:OtlpEndpoint '{telemetry.OtlpEndpoint}' is not an absolute URL (e.g. http://collector:4317).");
        var otlp = OtlpOn(telemetry, builder.Configuration);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("orleansvm-silo", serviceInstanceId: settings.SiloId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OrleansVmMetrics.MeterName, OrleansMeter)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    // No cached scrape: a scraper polls every few seconds anyway, and a cached answer hides what just happened.
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp) metrics.AddOtlpExporter(o => Configure(o, telemetry));
            });

        // Off by default: a span per request, grain call and sandbox call costs, and nothing would read them.
        if (!TracesOn(telemetry, builder.Configuration)) return;
        otel.WithTracing(tracing =>
        {
            // Orleans picks the grain-call source by the interface's namespace: "Orleans*" counts as its runtime's,
            // and ours (OrleansVm.Grains) starts with "Orleans", so both sources carry our grain calls.
            // Orleans' storage source adds its own span around every grain state read and write, whatever the provider.
            tracing.AddSource(OrleansVmTracing.SourceName, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName,
                    ActivitySources.StorageActivitySourceName)
                .SetSampler(new ParentBasedSampler(new RequestRootSampler()))
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperatorPage(http.Request.Path));
            if (otlp) tracing.AddOtlpExporter(o => Configure(o, telemetry));
        });
    }

    /// <summary>
    /// Carries the trace context across grain calls (RequestContext), so a request and its grain calls are one trace.
    /// Only when traces are collected: the propagation filters wrap every grain call, listened to or not.
    /// </summary>
    public static void AddTo(ISiloBuilder silo, SiloSettings settings, IConfiguration configuration)
    {
        if (TracesOn(settings.Telemetry, configuration)) silo.AddActivityPropagation();
        if (settings.Telemetry.Dashboard) silo.AddDashboard();
    }

    /// <summary>Maps /metrics and /dashboard; <see cref="OperatorPageGate"/> guards both before routing.</summary>
    public static void MapEndpoints(WebApplication app, SiloSettings settings)
    {
        app.MapPrometheusScrapingEndpoint(TelemetryPaths.Metrics).ExcludeFromDescription();
        if (settings.Telemetry.Dashboard) app.MapOrleansDashboard(TelemetryPaths.Dashboard).ExcludeFromDescription();
    }

    private static bool OtlpOn(TelemetrySettings telemetry, IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint) || !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);

    private static bool TracesOn(TelemetrySettings telemetry, IConfiguration configuration) => telemetry.Traces || OtlpOn(telemetry, configuration);

    // Scrapes and the dashboard's polling every second would drown the traces that matter.
    private static bool IsOperatorPage(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments(TelemetryPaths.Metrics) || path.StartsWithSegments(TelemetryPaths.Dashboard);

    private static void Configure(OtlpExporterOptions options, TelemetrySettings telemetry)
    {
        if (!string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint)) options.Endpoint = new Uri(telemetry.OtlpEndpoint);
    }
}
