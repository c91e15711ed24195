using Microsoft.Extensions.Options;
using OrleansVm.Storage;

namespace OrleansVm.Silo.Hosting;

/// <summary>
/// <c>--init-schema</c>: applies deploy/sql/postgres (our table, Orleans' ADO.NET tables and their
/// <c>OrleansQuery</c> rows). Registered before the Orleans silo, so it runs before the silo's start
/// reads those rows; a bad database fails the start rather than the first request.
/// </summary>
public sealed class PostgresSchemaInitializer(IOptions<SiloSettings> options, ILogger<PostgresSchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.InitSchema || settings.Storage is not (StorageKind.Postgres or StorageKind.AdoNet)) return;
        await OrleansVmPostgresSchema.EnsureAsync(settings.ConnectionString!, cancellationToken);
        logger.PostgresSchemaApplied(OrleansVmPostgresSchema.Scripts.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
