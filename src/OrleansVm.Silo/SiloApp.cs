using Orleans.Configuration;
using OrleansVm.Grains;
using OrleansVm.Sandbox;
using OrleansVm.Silo.Api;
using OrleansVm.Silo.Api.Contract;
using OrleansVm.Silo.Auth;
using OrleansVm.Silo.Bench;
using OrleansVm.Silo.Hosting;
using OrleansVm.Silo.Startup;
using OrleansVm.Silo.Telemetry;

namespace OrleansVm.Silo;

/// <summary>Builds the silo's web application from command-line arguments (used by Program and by tests).</summary>
public static class SiloApp
{
    /// <exception cref="SiloConfigurationException">The configuration cannot work; the message says why.</exception>
    public static WebApplication Build(IReadOnlyList<string> args, Action<WebApplicationBuilder>? configure = null)
    {
        // Content root = the binary's folder, so appsettings.json is found from any working directory
        // (the data directory stays relative to the working directory).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(OrleansVmEnvironmentVariables.Read(Environment.GetEnvironmentVariables()));
        builder.Configuration.AddInMemoryCollection(SiloCommandLine.Parse(args));
        configure?.Invoke(builder);

        var settings = ReadSettings(builder.Configuration);
        var urls = BindAddresses.From(settings);
        var dataDirectory = Path.GetFullPath(settings.DataDir);
        var operatorToken = OperatorTokenSource.Resolve(settings, urls, dataDirectory);

        ConfigureLogging(builder.Logging, settings.LogFormat);
        builder.WebHost.UseUrls([.. urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes;
        });

        var services = builder.Services;
        services.Configure<SiloSettings>(builder.Configuration.GetSection(SiloSettings.Section));
        services.ConfigureHttpJsonOptions(o => ApiJson.ConfigureResponses(o.SerializerOptions));
        // The HTTP contract (/openapi/v1.json): OpenAPI 3.1, the schema of every body the routes declare.
        services.AddOpenApi(ApiContract.DocumentName, ApiContract.Configure);
        services.AddSingleton(operatorToken);
        services.AddSingleton<ApiAuthenticator>();
        services.AddSingleton<KnownWorkspaces>();
        services.AddSingleton<DashboardCookie>();
        TelemetryRegistration.AddTo(builder, settings);
        services.AddSingleton<ClusterView>();
        services.AddSingleton(PlaygroundFiles.Locate(settings));
        services.AddSingleton<PresetPublisher>();
        services.AddSingleton<DevWorkspace>();
        ClientRateLimiting.Add(services, settings.Limits);

        // Before UseOrleans: hosted services start in registration order, and the silo's start reads the schema.
        services.AddHostedService<PostgresSchemaInitializer>();
        builder.UseOrleans(silo => ConfigureSilo(silo, settings, dataDirectory));
        // After the silo's hosted service, so they run once the silo is active and before Kestrel listens.
        services.AddHostedService<StartupSeeder>();
        services.AddHostedService<StartupBanner>();

        var app = builder.Build();
        ConfigurePipeline(app, settings);
        return app;
    }

    /// <summary>One silo (alone or in a cluster, see <see cref="ClusterRegistration"/>), the grains, and storage and reminders as configured.</summary>
    private static void ConfigureSilo(ISiloBuilder silo, SiloSettings settings, string dataDirectory)
    {
        silo.Configure<SiloOptions>(o => o.SiloName = string.IsNullOrWhiteSpace(settings.SiloId) ? $"silo-{Guid.NewGuid():N}"[..13] : settings.SiloId);
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(settings.Limits.GrainCallTimeoutMs));
        // After the response timeout above: the failover tuning lowers it.
        ClusterRegistration.Apply(silo, settings);
        GracefulStop.Configure(silo, settings.Limits);
        if (settings.EnableBenchEndpoints)
        {
            var calls = new BenchCallCounter();
            silo.Services.AddSingleton(calls);
            silo.AddIncomingGrainCallFilter(calls);
        }
        TelemetryRegistration.AddTo(silo, settings, silo.Configuration);

        silo.AddOrleansVm(o =>
        {
            StorageRegistration.Apply(o, settings, dataDirectory);
            o.PublishPresets = false; // StartupSeeder publishes them, logging what it did
            o.MaxInstancesPerWorkspace = settings.Limits.MaxInstancesPerWorkspace;
            o.SandboxMemoryBudget = settings.Limits.SandboxMemoryBudgetMb * 1024L * 1024;
            o.SandboxMemoryPerWorkspace = settings.Limits.SandboxMemoryPerWorkspaceMb * 1024L * 1024;
            o.Limits = SandboxLimits.Default with
            {
                LoadTimeout = TimeSpan.FromMilliseconds(settings.Limits.LoadTimeoutMs),
                RenderTimeout = TimeSpan.FromMilliseconds(settings.Limits.RenderTimeoutMs),
                EventTimeout = TimeSpan.FromMilliseconds(settings.Limits.EventTimeoutMs),
                MaxKeptBytes = settings.Limits.MaxKeptMbPerSandbox * 1024L * 1024,
            };
        });
    }

    private static SiloSettings ReadSettings(IConfiguration configuration)
    {
        try
        {
            var settings = configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings();
            if (settings.Port is < 0 or > 65535) throw new SiloConfigurationException($"--port {settings.Port} is not a port number.");
            if (settings.SiloPort is < 0 or > 65535) throw new SiloConfigurationException($"--silo-port {settings.SiloPort} is not a port number.");
            if (settings.GatewayPort is < 0 or > 65535) throw new SiloConfigurationException($"--gateway-port {settings.GatewayPort} is not a port number.");
            StorageRegistration.Validate(settings);
            ClusterRegistration.Validate(settings);
            return settings;
        }
        catch (InvalidOperationException ex)
        {
            throw new SiloConfigurationException($"Invalid configuration: {ex.Message} {ex.InnerException?.Message}".Trim());
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging, string format)
    {
        logging.ClearProviders();
        switch (format.Trim().ToLowerInvariant())
        {
            case "json":
                logging.AddJsonConsole(o =>
                {
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                });
                break;
            case "simple":
                logging.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss ";
                });
                break;
            default:
                throw new SiloConfigurationException($"Unknown log format '{format}' (simple or json).");
        }
    }

    private static void ConfigurePipeline(WebApplication app, SiloSettings settings)
    {
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseMiddleware<OperatorPageGate>();
        var playground = app.Services.GetRequiredService<PlaygroundFiles>();
        playground.UseIn(app);
        app.UseRouting(); // after the static files, so assets are served before any endpoint is chosen
        ClientRateLimiting.Use(app, settings.Limits); // inside the error middleware: a 429 has the envelope

        app.MapOpenApi(ApiContract.DocumentPattern);
        TelemetryRegistration.MapEndpoints(app, settings);
        var api = app.MapGroup(ApiPaths.V1).FailsOnAnyRoute();
        ClusterRoutes.Map(api);
        PackageRoutes.Map(api);
        WorkspaceRoutes.Map(api);
        GrantRoutes.Map(api);
        DomainRoutes.Map(api);
        InstanceRoutes.Map(api);
        TimelineRoutes.Map(api);
        StreamRoutes.Map(api);
        if (settings.EnableBenchEndpoints) BenchRoutes.Map(api);

        app.MapFallback(playground.FallbackAsync);
    }
}
