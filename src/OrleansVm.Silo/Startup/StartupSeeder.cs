using Microsoft.Extensions.Options;
using OrleansVm.Grains;
using OrleansVm.Silo.Hosting;

namespace OrleansVm.Silo.Startup;

/// <summary>
/// Runs once the silo has started and before Kestrel accepts requests: publishes the presets and
/// ensures the demo workspace (failures are logged: the API still serves). Storage is prepared by the
/// silo's own start (SQLite) or by <see cref="PostgresSchemaInitializer"/>, so a bad store stops the start.
/// </summary>
public sealed class StartupSeeder(
    IOptions<SiloSettings> options, PresetPublisher presets, DevWorkspace demo, ILogger<StartupSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            if (settings.PublishPresets) await presets.PublishAllAsync();
            if (settings.PublishPresets && !string.IsNullOrWhiteSpace(settings.DemoWorkspace)) await demo.EnsureAsync(settings.DemoWorkspace);
        }
        catch (Exception ex)
        {
            logger.SeedingFailed(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
